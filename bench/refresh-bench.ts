import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAdapterRegistry } from '../src-main/core/platforms/adapter-registry';
import { createOriginTable } from '../src-main/core/net/origin-table';
import { createPlatformHttp } from '../src-main/core/net/platform-http';
import { createLogger } from '../src-main/core/logger';
import { createTransitionBus } from '../src-main/core/refresh/account-transitions';
import { createRefreshScheduler } from '../src-main/core/refresh/refresh-scheduler';
import { createRefreshService } from '../src-main/core/refresh/refresh-service';
import { systemSchedulerClock } from '../src-main/core/refresh/scheduler-clock';
import { createStatusWriter } from '../src-main/core/refresh/status-writer';
import { rawKeyProtector } from '../src-main/core/vault/key-protectors';
import { openVault } from '../src-main/core/vault/vault';
import { startFakeX, X_DEMO_CLIENT } from '../src-main/demo/fake-x';
import { accountLimit } from '../src-shared/tiers';
import { fmt, printTable } from './report';

const ACCOUNTS = 10_000;
const LATENCY_MS = 20;
const CONCURRENCY = 16;
const PER_TENANT = 50; // the agency plan's limit per platform

/**
 * 10,000 X accounts due at once, refreshed by the scheduler (concurrency 16) against the fake X
 * answering each refresh after 20 ms: total time beside the ideal (accounts × latency ÷
 * concurrency), CPU per refresh (the fake runs in this process too: its bare-HTTP cost is the
 * baseline), peak RSS. Each X refresh writes twice with synchronous=FULL (the in-flight marker
 * before the call, the new pair after it) and better-sqlite3 waits for each fsync on the event
 * loop; refreshes share group commits (vault/commit-queue.ts), so one fsync covers many writes,
 * and a scheduler slot frees when the platform answers, so the next marker shares the commit
 * that stores that answer. Peak RSS is mostly garbage not yet collected: the live heap near the
 * peak is ~70 MiB (the fake X's token store and request log ~13 MiB of it).
 */
export async function benchRefresh(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-refresh-'));
  const fake = await startFakeX();
  try {
    const vault = await openVault({
      dataDir: dir,
      keyProtector: rawKeyProtector('b'.repeat(64)),
      // The agency plan's room, as a licence would give it (50 per platform per workspace).
      planLimit: (platform) => ({ tier: 'agency', limit: accountLimit('agency', platform) }),
    });
    const insertTenant = vault.db.prepare(
      "INSERT INTO tenants (id, name, tier, is_default, created_at) VALUES (?, ?, 'agency', 0, ?)",
    );
    const now = Date.now();
    vault.db.transaction(() => {
      for (let t = 0; t < ACCOUNTS / PER_TENANT; t += 1) {
        const tenant = { id: randomUUID(), name: `bench ${t}`, tier: 'agency' as const };
        insertTenant.run(tenant.id, tenant.name, now);
        for (let i = 0; i < PER_TENANT; i += 1) {
          const grant = fake.tokens.newGrant(X_DEMO_CLIENT.clientId, `u${t}-${i}`, [
            'tweet.read',
            'users.read',
            'offline.access',
          ]);
          const access = fake.tokens.issue(grant, 'access', 7200, 'xat-');
          const refresh = fake.tokens.issue(grant, 'refresh', 15_552_000, 'xrt-');
          vault.accounts.saveConnection(
            {
              platform: 'x',
              platformUserId: `u${t}-${i}`,
              displayName: `u${t}-${i}`,
              handle: null,
              avatarUrl: null,
              followers: null,
              accountType: null,
              channelId: null,
              pageId: null,
            },
            {
              accessToken: access.token,
              refreshToken: refresh.token,
              scopes: grant.scopes,
              issuedAt: now,
              accessExpiresAt: access.expiresAt,
            },
            tenant,
          );
        }
      }
      // All due at once.
      vault.db.prepare('UPDATE accounts SET next_refresh_at = ?').run(now);
    })();
    fake.faults.add({
      path: '/2/oauth2/token',
      kind: 'latency',
      ms: LATENCY_MS,
      times: Infinity,
    });

    const origins = createOriginTable(fake.origins);
    const adapters = createAdapterRegistry(() => ({
      http: createPlatformHttp({ platform: 'x', origins, timeoutMs: 30_000 }),
      now: Date.now,
      graphApiVersion: () => 'v27.0',
    }));
    const log = createLogger(() => {});
    let done = 0;
    let finished: () => void = () => {};
    const allDone = new Promise<void>((resolve) => (finished = resolve));
    const status = createStatusWriter({
      bus: createTransitionBus(),
      now: Date.now,
      log,
      onChanged: () => {},
    });
    const keeper = createRefreshService({
      vault: { require: () => vault },
      adapters,
      credentials: { resolve: () => ({ clientId: X_DEMO_CLIENT.clientId, clientSecret: null }) },
      metrics: {
        recordRefresh: () => {
          done += 1;
          if (done === ACCOUNTS) finished();
        },
      },
      status,
      log,
      now: Date.now,
      marginMs: () => 300_000,
    });
    const scheduler = createRefreshScheduler({
      clock: systemSchedulerClock,
      vault: { current: () => vault },
      refresh: keeper,
      verify: async () => {},
      concurrency: () => CONCURRENCY,
      log,
    });

    const commitsBefore = vault.groupCommits();
    const cpu = process.cpuUsage();
    const started = performance.now();
    scheduler.start();
    await allDone;
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
    scheduler.stop();
    const commitsAfter = vault.groupCommits();
    const commits = commitsAfter.commits - commitsBefore.commits;
    const writes = commitsAfter.writes - commitsBefore.writes;
    const healthy = (
      vault.db.prepare("SELECT COUNT(*) AS n FROM accounts WHERE status = 'healthy'").get() as {
        n: number;
      }
    ).n;

    // Baseline: the same number of bare refresh calls to the same fake, same concurrency.
    fake.faults.clear();
    const baseCpu = process.cpuUsage();
    let next = 0;
    const worker = async () => {
      while (next < 2_000) {
        next += 1;
        await fetch(`${fake.baseUrl}/2/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `grant_type=refresh_token&refresh_token=unknown&client_id=${X_DEMO_CLIENT.clientId}`,
        }).then((response) => response.arrayBuffer());
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const base = process.cpuUsage(baseCpu);
    const baseMs = (base.user + base.system) / 1000 / 2_000;
    const ideal = (ACCOUNTS * LATENCY_MS) / CONCURRENCY / 1000;
    printTable(
      `Refresh: ${fmt(ACCOUNTS)} X accounts due at once, fake latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}`,
      [
        {
          name: 'total time (s)',
          value: fmt(seconds, 1),
          baseline: `${fmt(ideal, 1)} ideal`,
          ratio: `${fmt(seconds / ideal, 2)}×`,
        },
        {
          name: 'CPU ms per refresh (fake included)',
          value: fmt(cpuMs / ACCOUNTS, 2),
          baseline: `${fmt(baseMs, 2)} bare HTTP`,
        },
        {
          // Each X refresh writes twice (marker before the call, pair after it); shared commits
          // mean shared fsyncs.
          name: 'synced commits for the refresh writes',
          value: fmt(commits),
          baseline: `${fmt(writes)} writes`,
          ratio: `${fmt(writes / Math.max(commits, 1), 1)} per commit`,
        },
        { name: 'accounts healthy after', value: fmt(healthy) },
        { name: 'peak RSS (MiB)', value: fmt(process.resourceUsage().maxRSS / 1024) },
      ],
    );
    vault.close();
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
