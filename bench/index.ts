// `npm run bench`: figures printed beside their baselines. Not pass/fail tests.
import { benchAudit } from './audit-bench';
import { benchProxy } from './proxy-bench';
import { benchRefresh } from './refresh-bench';
import { benchRenderer } from './renderer-bench';
import { printTargets } from './report';
import { benchServer } from './server-bench';
import { benchStartup } from './startup-bench';
import { suiteRow } from './suite-figure';
import { benchVault } from './vault-bench';

// `npm run bench -- proxy renderer` runs only the named sections; no names runs all.
const sections = {
  vault: benchVault,
  server: benchServer,
  proxy: benchProxy,
  refresh: benchRefresh,
  renderer: benchRenderer,
  audit: benchAudit,
  startup: benchStartup,
};
const chosen = process.argv.slice(2);
for (const [name, run] of Object.entries(sections))
  if (chosen.length === 0 || chosen.includes(name)) await run();
printTargets(chosen.length === 0 ? [suiteRow()] : []);
