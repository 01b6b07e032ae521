// `npm run bench`: figures printed beside their baselines. Not pass/fail tests.
import { benchVault } from './vault-bench';

await benchVault();
