// `npm run licence:issue` / `licence:keygen`: the publisher's licence command, bundled from the
// same verification code the app uses, then run. Never packed into the app.
import { bundleAndRun } from './bundle-and-run.mjs';

await bundleAndRun('src-main/licence-tool/main.ts', 'dist/licence-tool/licence.mjs');
