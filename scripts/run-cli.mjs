// `npm run cli -- <command> …`: the `switchboard` command from a checkout, built first.
import { bundleAndRun } from './bundle-and-run.mjs';

await bundleAndRun('src-main/cli/switchboard.ts', 'dist/cli/switchboard.mjs');
