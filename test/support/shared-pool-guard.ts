// Setup file for the shared unit pool (vite.config.ts), where files run one after another in
// the same worker without isolation. It fails a file that leaves process-wide state changed —
// fake timers, env, globals, umask, cwd, process listeners — since the next file would inherit
// it; scripts/test-pools.mjs sends files that change such state to the isolated pool instead.
// After a failure it puts the state back, so only the leaking file fails.
import { afterAll, beforeAll, vi } from 'vitest';

const WATCHED_EVENTS = [
  'exit',
  'beforeExit',
  'uncaughtException',
  'unhandledRejection',
  'warning',
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
] as const;

const env = { ...process.env };
const cwd = process.cwd();
const umask = readUmask();

// Globals and listeners are counted after the file's imports: a library that defines its own
// or hooks process exit when first imported (zod's registry, when-exit under Conf) does it once
// per worker, through the shared module cache, which is not a leak.
let globalNames = new Set<string>();
let listenerCounts: number[] = [];
beforeAll(() => {
  globalNames = new Set(Object.getOwnPropertyNames(globalThis));
  listenerCounts = WATCHED_EVENTS.map((event) => process.listenerCount(event));
});

function readUmask(): number {
  const mask = process.umask(0o022);
  process.umask(mask);
  return mask;
}

/** Each way this file left the process different from how it found it, put back as it goes. */
function leaks(): string[] {
  const found: string[] = [];
  if (vi.isFakeTimers()) {
    found.push('fake timers still on (call vi.useRealTimers())');
    vi.useRealTimers();
  }
  const changedEnv = Object.keys({ ...env, ...process.env }).filter(
    (key) => env[key] !== process.env[key],
  );
  if (changedEnv.length > 0) {
    found.push(`process.env changed: ${changedEnv.join(', ')}`);
    for (const key of changedEnv) {
      if (env[key] === undefined) delete process.env[key];
      else process.env[key] = env[key];
    }
  }
  const newGlobals = Object.getOwnPropertyNames(globalThis).filter(
    (name) => !globalNames.has(name),
  );
  if (newGlobals.length > 0) found.push(`globals added: ${newGlobals.join(', ')}`);
  WATCHED_EVENTS.forEach((event, index) => {
    const extra = process.listenerCount(event) - (listenerCounts[index] ?? 0);
    if (extra > 0) found.push(`${extra} process '${event}' listener(s) left`);
  });
  if (process.cwd() !== cwd) {
    found.push(`cwd changed to ${process.cwd()}`);
    process.chdir(cwd);
  }
  const nowUmask = readUmask();
  if (nowUmask !== umask) {
    found.push(`umask changed to ${nowUmask.toString(8)}`);
    process.umask(umask);
  }
  return found;
}

afterAll(() => {
  const found = leaks();
  if (found.length > 0)
    throw new Error(
      `This file changed process-wide state and cannot share a worker: ${found.join('; ')}. ` +
        'Restore it in afterEach/afterAll, or make scripts/test-pools.mjs send the file to the isolated pool.',
    );
});
