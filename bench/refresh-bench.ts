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
import { openVault, type Vault } from '../src-main/core/vault/vault';
import { X_DEMO_CLIENT } from '../src-main/demo/fake-x';
import { accountLimit } from '../src-shared/tiers';
import { fakeInChild, fakeInThread, type FakeXHandle } from './fake-x-host';
import { fmt, printTable, type Row } from './report';

const ACCOUNTS = 10_000;
const LATENCY_MS = 20;
const CONCURRENCY = 16;
const PER_TENANT = 50; // the agency plan's limit per platform
const BARE_CALLS = 2_000;

/** What one storm measured, for one placement of the fake X. */
interface StormResult {
  seconds: number;
  /** CPU of the bench's process per refresh (the fake's too when it runs in-thread). */
  cpuMs: number;
  /** CPU of the fake's own process per refresh (null when in-thread). */
  fakeCpuMs: number | null;
  /** The same process's CPU per bare refresh call to the same fake (no vault, no scheduler). */
  bareMs: number;
  commits: number;
  writes: number;
  healthy: number;
  peakRssMiB: number;
  startRssMiB: number;
}

/**
 * 10,000 X accounts due at once, refreshed by the scheduler (concurrency 16) against the fake X
 * answering each refresh after 20 ms: total time beside the ideal (accounts × latency ÷
 * concurrency), CPU per refresh, peak RSS. Run twice: the fake X in the app's own thread (its
 * CPU then sits in the app's event loop and in the CPU row: the earlier figure), and the fake in
 * a child process on 127.0.0.1 (as the real X is on another machine: the CPU row is the app's
 * alone, the fake's own CPU is its own row). Each X refresh writes twice with synchronous=FULL
 * (the in-flight marker before the call, the new pair after it); refreshes share group commits
 * (vault/commit-queue.ts), and a scheduler slot frees when the platform answers, so the next
 * marker shares the commit that stores that answer. Peak RSS is sampled during the storm.
 */
export async function benchRefresh(): Promise<void> {
  const results: [FakeXHandle['mode'], StormResult][] = [];
  // The child-process run first: its peak RSS is then not inflated by the other run's heap.
  for (const start of [
    () => fakeInChild(new URL('./fake-x-child.mjs', import.meta.url)),
    fakeInThread,
  ]) {
    const fake = await start();
    try {
      results.push([fake.mode, await storm(fake)]);
    } finally {
      await fake.close();
    }
  }
  const ideal = (ACCOUNTS * LATENCY_MS) / CONCURRENCY / 1000;
  const rows: Row[] = results.flatMap(([mode, r]) => [
    {
      name: `total time (s), fake X ${mode}`,
      value: fmt(r.seconds, 1),
      baseline: `${fmt(ideal, 1)} ideal`,
      ratio: `${fmt(r.seconds / ideal, 2)}×`,
      ...(mode === 'child process'
        ? { target: '≤ 1.5× ideal', met: r.seconds / ideal <= 1.5 }
        : {}),
    },
    {
      name: `CPU ms per refresh, ${r.fakeCpuMs === null ? 'app + fake (one thread)' : 'app only'}`,
      value: fmt(r.cpuMs, 2),
      baseline: `${fmt(r.bareMs, 2)} bare HTTP${r.fakeCpuMs === null ? ' (both ends)' : ' (client end)'}`,
    },
    ...(r.fakeCpuMs === null
      ? []
      : [{ name: `CPU ms per refresh, the fake X's own process`, value: fmt(r.fakeCpuMs, 2) }]),
    {
      // Each X refresh writes twice (marker before the call, pair after it); shared commits
      // mean shared fsyncs.
      name: `synced commits for the refresh writes, fake X ${mode}`,
      value: fmt(r.commits),
      baseline: `${fmt(r.writes)} writes`,
      ratio: `${fmt(r.writes / Math.max(r.commits, 1), 1)} per commit`,
    },
    { name: `accounts healthy after, fake X ${mode}`, value: fmt(r.healthy) },
    {
      name: `peak RSS during the storm (MiB), fake X ${mode}`,
      value: fmt(r.peakRssMiB),
      // The process also holds what earlier sections of a whole `npm run bench` left behind.
      baseline: `${fmt(r.startRssMiB)} when it began`,
      ...(mode === 'child process' ? { target: '≤ 250 MiB', met: r.peakRssMiB <= 250 } : {}),
    },
  ]);
  printTable(
    `Refresh: ${fmt(ACCOUNTS)} X accounts due at once, fake latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}; the fake X in a child process, then in-thread`,
    rows,
  );
}

/** One storm against `fake`, on a vault of its own. */
async function storm(fake: FakeXHandle): Promise<StormResult> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-refresh-'));
  const vault = await openVault({
    dataDir: dir,
    keyProtector: rawKeyProtector('b'.repeat(64)),
    // The agency plan's room, as a licence would give it (50 per platform per workspace).
    planLimit: (platform) => ({ tier: 'agency', limit: accountLimit('agency', platform) }),
  });
  try {
    await seed(vault, fake);
    await fake.setTokenLatency(LATENCY_MS);
    const { scheduler, allDone } = refresher(vault, fake);
    const commitsBefore = vault.groupCommits();
    const fakeCpuBefore = await fake.cpuMs();
    const startRss = process.memoryUsage.rss();
    let peakRss = startRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
    const cpu = process.cpuUsage();
    const started = performance.now();
    scheduler.start();
    await allDone;
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    clearInterval(sampler);
    scheduler.stop();
    const fakeCpuAfter = await fake.cpuMs();
    const commitsAfter = vault.groupCommits();
    const healthy = vault.db
      .prepare("SELECT COUNT(*) AS n FROM accounts WHERE status = 'healthy'")
      .get() as { n: number };
    await fake.clearFaults();
    return {
      seconds,
      cpuMs: (used.user + used.system) / 1000 / ACCOUNTS,
      fakeCpuMs:
        fakeCpuBefore === null || fakeCpuAfter === null
          ? null
          : (fakeCpuAfter - fakeCpuBefore) / ACCOUNTS,
      bareMs: await bareCallCpuMs(fake),
      commits: commitsAfter.commits - commitsBefore.commits,
      writes: commitsAfter.writes - commitsBefore.writes,
      healthy: healthy.n,
      peakRssMiB: peakRss / 1024 / 1024,
      startRssMiB: startRss / 1024 / 1024,
    };
  } finally {
    vault.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 10,000 X accounts in workspaces of 50, each with a live grant at the fake, all due now. */
async function seed(vault: Vault, fake: FakeXHandle): Promise<void> {
  const users = Array.from({ length: ACCOUNTS }, (_, n) => {
    return `u${Math.floor(n / PER_TENANT)}-${n % PER_TENANT}`;
  });
  const tokens = await fake.seed(users);
  const insertTenant = vault.db.prepare(
    "INSERT INTO tenants (id, name, tier, is_default, created_at) VALUES (?, ?, 'agency', 0, ?)",
  );
  const now = Date.now();
  vault.db.transaction(() => {
    let tenant = { id: '', name: '', tier: 'agency' as const };
    tokens.forEach((seeded, n) => {
      if (n % PER_TENANT === 0) {
        tenant = { id: randomUUID(), name: `bench ${n / PER_TENANT}`, tier: 'agency' };
        insertTenant.run(tenant.id, tenant.name, now);
      }
      vault.accounts.saveConnection(
        {
          platform: 'x',
          platformUserId: seeded.user,
          displayName: seeded.user,
          handle: null,
          avatarUrl: null,
          followers: null,
          accountType: null,
          channelId: null,
          pageId: null,
        },
        {
          accessToken: seeded.access,
          refreshToken: seeded.refresh,
          scopes: seeded.scopes,
          issuedAt: now,
          accessExpiresAt: seeded.accessExpiresAt,
        },
        tenant,
      );
    });
    // All due at once.
    vault.db.prepare('UPDATE accounts SET next_refresh_at = ?').run(now);
  })();
}

/** The app's refresh path (keeper + scheduler) against `fake`; `allDone` when all have run. */
function refresher(vault: Vault, fake: FakeXHandle) {
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
  return { scheduler, allDone };
}

/** This process's CPU per bare refresh call to the same fake, same concurrency, no app. */
async function bareCallCpuMs(fake: FakeXHandle): Promise<number> {
  const cpu = process.cpuUsage();
  let next = 0;
  const worker = async () => {
    while (next < BARE_CALLS) {
      next += 1;
      await fetch(`${fake.baseUrl}/2/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=refresh_token&refresh_token=unknown&client_id=${X_DEMO_CLIENT.clientId}`,
      }).then((response) => response.arrayBuffer());
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / BARE_CALLS;
}
