import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { offlineOriginsFile } from '../support/offline-origins';

const CLI = fileURLToPath(new URL('../../dist/serve/cli.mjs', import.meta.url));
const NEW_LINK = /^New link \(works once\): (http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]+)$/gm;
const READY = /^Switchboard is ready at (http:\/\/127\.0\.0\.1:(\d+)\/#key=([\w-]+))$/m;

export interface ServeProcess {
  child: ChildProcess;
  pageUrl: string;
  port: number;
  secret: string;
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the built serve CLI for real and waits for its ready line. */
export function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  return startBuilt(CLI, args, {
    ...process.env,
    SWITCHBOARD_VAULT_PASSPHRASE: 'e2e passphrase',
    // Health probes in the child must never reach a real platform.
    SWITCHBOARD_PLATFORM_ORIGINS: offlineOriginsFile(),
    ...env,
  });
}

/** Starts one built entry point (serve or demo mode) and waits for the ready line both print. */
export async function startBuilt(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<ServeProcess> {
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first.`);
  const child = spawn(process.execPath, [script, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`it did not get ready:\n${output}`)), 30_000);
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
      reject(new Error(`it exited with ${code}:\n${output}`));
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

/** Asks a running serve (or demo) process for a fresh one-use link and resolves with it. */
export async function newLink(serve: ServeProcess): Promise<string> {
  const before = [...serve.output().matchAll(NEW_LINK)].length;
  serve.child.kill('SIGUSR1');
  for (let i = 0; i < 200; i++) {
    const links = [...serve.output().matchAll(NEW_LINK)];
    if (links.length > before) return links.at(-1)![1]!;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`serve mode printed no new link:\n${serve.output()}`);
}
