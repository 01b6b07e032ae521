// Vitest globalSetup of the e2e project: one Chromium for the whole run, which each test file
// connects to (launchChromium in chromium.ts) instead of starting and stopping its own.
import { launchChromiumServer, SHARED_CHROMIUM_ENV } from './chromium';

export default async function setup(): Promise<() => Promise<void>> {
  const server = await launchChromiumServer();
  // Workers start after global setup and inherit this environment.
  process.env[SHARED_CHROMIUM_ENV] = server.wsEndpoint();
  return async () => {
    delete process.env[SHARED_CHROMIUM_ENV];
    await server.close();
  };
}
