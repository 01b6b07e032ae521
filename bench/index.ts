// `npm run bench`: figures printed beside their baselines. Not pass/fail tests.
import { benchProxy } from './proxy-bench';
import { benchRefresh } from './refresh-bench';
import { benchRenderer } from './renderer-bench';
import { benchServer } from './server-bench';
import { benchVault } from './vault-bench';

await benchVault();
await benchServer();
await benchProxy();
await benchRefresh();
await benchRenderer();
