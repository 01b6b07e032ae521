import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBuilt, type ServeProcess } from './serve-process';

export { freePort } from '../support/free-port';

const DEMO = fileURLToPath(new URL('../../dist/serve/demo.mjs', import.meta.url));

/** Whether the build has demo mode (it is built by `npm run build`). */
export const demoBuilt = () => existsSync(DEMO);

/**
 * Starts the built demo (fake platforms + serve mode pointed at them) and waits for the same
 * ready line serve mode prints. No environment: demo mode needs no passphrase or credentials.
 */
export function startDemo(args: string[]): Promise<ServeProcess> {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('SWITCHBOARD_')) delete env[name];
  return startBuilt(DEMO, args, env);
}
