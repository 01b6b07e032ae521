// The core in a separate process for the refresh fault test. On start it reports what a crash
// left behind (in-flight markers, a fingerprint of each stored refresh token), starts the core,
// refreshes every account once (`round-done` with the result), then refreshes them over and over
// until it is killed. Only SHA-256 digests of tokens are printed, never tokens.
import { createHash } from 'node:crypto';
import { createTestCore } from '../../src-main/core/app';
import { createOriginTable } from '../../src-main/core/net/origin-table';
import { rawKeyProtector } from '../../src-main/core/vault/key-protectors';
import { openVault } from '../../src-main/core/vault/vault';
import { DEFAULT_SETTINGS } from '../../src-shared/settings';
import { createLogger } from '../../src-main/core/logger';

const [dataDir, key, originsJson, envJson] = process.argv.slice(2);
const digest = (value: string | null) =>
  value ? createHash('sha256').update(value).digest('hex') : null;

// What the last crash left, read before the core (and its scheduler) touch anything.
const before = await openVault({ dataDir: dataDir!, keyProtector: rawKeyProtector(key!) });
const left = new Map(
  before.refresh.ids().map((id) => [
    id,
    {
      hadMarker: before.refresh.marker(id) !== null,
      storedRefresh: digest(before.tokens.readSecrets(id).refreshToken),
      statusBefore: before.refresh.state(id).status,
    },
  ]),
);
before.close();

let settings: Record<string, unknown> = {
  ...DEFAULT_SETTINGS,
  metricsEnabled: false,
  refreshConcurrency: 4,
};
const core = await createTestCore(
  {
    dataDir: dataDir!,
    metricsPort: 0,
    origins: createOriginTable(JSON.parse(originsJson!) as Record<string, string>),
    env: JSON.parse(envJson!) as Record<string, string>,
    reachabilityTimeoutMs: 1_000,
  },
  {
    mode: 'serve',
    keyProtector: rawKeyProtector(key!),
    settings: { load: () => settings, save: (next) => (settings = next) },
    openExternal: async () => {},
    notify: () => {},
    setTrayStatus: () => {},
  },
  { log: createLogger(() => {}) },
);
const ids = [...left.keys()];
const keeper = core.keepAlive.keeper;

/** Every account once, 4 at a time (the default concurrency): a refresh each (a 2-hour token is never valid for 3). */
async function round(): Promise<void> {
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift())
      await keeper.ensureFresh(id, 3 * 3600, 'fault test').catch(() => undefined);
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

await round();
const vault = core.vault.require();
const report = ids.map((id) => {
  const account = vault.accounts.get(id);
  const secrets = account ? vault.tokens.readSecrets(id) : null;
  return {
    id,
    exists: account !== null,
    status: account?.status,
    reason: account?.statusReason,
    access: digest(secrets?.accessToken ?? null),
    refresh: digest(secrets?.refreshToken ?? null),
    ...left.get(id)!,
  };
});
process.stdout.write(`round-done ${JSON.stringify(report)}\n`);
for (;;) await round();
