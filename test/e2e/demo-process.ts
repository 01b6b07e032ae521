import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ServeProcess } from './serve-process';

const DEMO = fileURLToPath(new URL('../../dist/serve/demo.mjs', import.meta.url));
const READY = /^Switchboard is ready at (http:\/\/127\.0\.0\.1:(\d+)\/#key=([\w-]+))$/m;

/** Whether the build has demo mode (it is built by `npm run build`). */
export const demoBuilt = () => existsSync(DEMO);

/**
 * Starts the built demo (fake platforms + serve mode pointed at them) and waits for the same
 * ready line serve mode prints. No environment: demo mode needs no passphrase or credentials.
 */
export async function startDemo(args: string[]): Promise<ServeProcess> {
  if (!demoBuilt()) throw new Error('dist/serve/demo.mjs is missing: run `npm run build` first.');
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('SWITCHBOARD_')) delete env[name];
  const child = spawn(process.execPath, [DEMO, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`demo mode did not get ready:\n${output}`)),
      30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = READY.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`demo mode exited with ${code}:\n${output}`));
    });
  });
  return {
    child,
    pageUrl: match[1]!,
    port: Number(match[2]),
    secret: match[3]!,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
