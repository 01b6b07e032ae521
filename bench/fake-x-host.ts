import { fork, type ChildProcess } from 'node:child_process';
import { startFakeX, X_DEMO_CLIENT, type FakeX } from '../src-main/demo/fake-x';

/** Where the bench's fake X runs: in the app's own thread, or in a child process (like the real X, elsewhere). */
export type FakeMode = 'in-thread' | 'child process';

/** One seeded X account: a grant at the fake and the pair the vault stores for it. */
export interface SeededToken {
  user: string;
  scopes: string[];
  access: string;
  accessExpiresAt: number | null;
  refresh: string;
}

/** What the refresh bench asks of its fake X, wherever it runs. */
export interface FakeXHandle {
  readonly mode: FakeMode;
  readonly origins: Record<string, string>;
  readonly baseUrl: string;
  seed(users: string[]): Promise<SeededToken[]>;
  setTokenLatency(ms: number): Promise<void>;
  clearFaults(): Promise<void>;
  /** CPU the fake's own process used so far (null in-thread: it is inside the app's figure). */
  cpuMs(): Promise<number | null>;
  close(): Promise<void>;
}

export type FakeRequest =
  | { op: 'seed'; users: string[] }
  | { op: 'latency'; ms: number }
  | { op: 'clear' }
  | { op: 'cpu' }
  | { op: 'close' };

const TOKEN_PATH = '/2/oauth2/token';
const SCOPES = ['tweet.read', 'users.read', 'offline.access'];

/** The answer to one request, computed against a fake running in this process. */
export async function answer(fake: FakeX, request: FakeRequest): Promise<unknown> {
  switch (request.op) {
    case 'seed':
      return request.users.map((user): SeededToken => {
        const grant = fake.tokens.newGrant(X_DEMO_CLIENT.clientId, user, SCOPES);
        const access = fake.tokens.issue(grant, 'access', 7200, 'xat-');
        const refresh = fake.tokens.issue(grant, 'refresh', 15_552_000, 'xrt-');
        return {
          user,
          scopes: [...grant.scopes],
          access: access.token,
          accessExpiresAt: access.expiresAt,
          refresh: refresh.token,
        };
      });
    case 'latency':
      fake.faults.add({ path: TOKEN_PATH, kind: 'latency', ms: request.ms, times: Infinity });
      return null;
    case 'clear':
      fake.faults.clear();
      return null;
    case 'cpu': {
      const used = process.cpuUsage();
      return (used.user + used.system) / 1000;
    }
    case 'close':
      await fake.close();
      return null;
  }
}

/** The fake X in the app's own thread: its CPU sits in the app's event loop. */
export async function fakeInThread(): Promise<FakeXHandle> {
  const fake = await startFakeX();
  const ask = (request: FakeRequest) => answer(fake, request);
  return {
    mode: 'in-thread',
    origins: fake.origins,
    baseUrl: fake.baseUrl,
    seed: async (users) => (await ask({ op: 'seed', users })) as SeededToken[],
    setTokenLatency: async (ms) => void (await ask({ op: 'latency', ms })),
    clearFaults: async () => void (await ask({ op: 'clear' })),
    cpuMs: async () => null,
    close: () => fake.close(),
  };
}

/**
 * The fake X in a child process on 127.0.0.1 (fake-x-child.ts, bundled beside this file): the
 * app's process CPU is then the app's alone, as with the real X on another machine.
 */
export async function fakeInChild(childScript: URL): Promise<FakeXHandle> {
  const child: ChildProcess = fork(childScript, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: ((value: unknown) => void)[] = [];
  child.on('message', (message) => waiting.shift()?.(message));
  const next = () => new Promise<unknown>((resolve) => waiting.push(resolve));
  // One request at a time: answers come back in order.
  let chain: Promise<unknown> = Promise.resolve();
  const ask = (request: FakeRequest) => {
    const result = chain.then(() => {
      const reply = next();
      child.send(request);
      return reply;
    });
    chain = result.catch(() => undefined);
    return result;
  };
  const ready = (await next()) as { origins: Record<string, string>; baseUrl: string };
  return {
    mode: 'child process',
    origins: ready.origins,
    baseUrl: ready.baseUrl,
    seed: async (users) => (await ask({ op: 'seed', users })) as SeededToken[],
    setTokenLatency: async (ms) => void (await ask({ op: 'latency', ms })),
    clearFaults: async () => void (await ask({ op: 'clear' })),
    cpuMs: async () => (await ask({ op: 'cpu' })) as number,
    async close() {
      await ask({ op: 'close' });
      child.disconnect();
    },
  };
}
