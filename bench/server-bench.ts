import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createTestCore, type TestCore } from '../src-main/core/app';
import type { Host } from '../src-main/core/host';
import { createLogger } from '../src-main/core/logger';
import { rawKeyProtector } from '../src-main/core/vault/key-protectors';
import { PLATFORM_IDS } from '../src-shared/platforms';
import { legacyAccountGauges } from './metrics-baseline';
import { fmt, printTable } from './report';

const DURATION_S = 3;
const CONNECTIONS = 10;

async function load(port: number, path: string) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { host: `127.0.0.1:${port}` },
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

function benchHost(): Host {
  let stored: Record<string, unknown> = {};
  return {
    mode: 'serve',
    keyProtector: rawKeyProtector(randomBytes(32).toString('hex')),
    settings: { load: () => stored, save: (values) => (stored = values) },
    openExternal: async () => {},
    notify: () => {},
    setTrayStatus: () => {},
  };
}

/** Inserts `count` accounts with tokens straight into SQLite (spread over workspaces, as an agency would). */
function seedAccounts(core: TestCore, count: number): void {
  const db = core.vault.require().db;
  const now = Date.now();
  db.transaction(() => {
    const tenant = db.prepare(
      'INSERT INTO tenants (id, name, tier, created_at) VALUES (?, ?, ?, ?)',
    );
    const account = db.prepare(
      `INSERT INTO accounts (id, tenant_id, platform, platform_user_id, display_name, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'healthy', ?, ?)`,
    );
    const token = db.prepare(
      'INSERT INTO tokens (account_id, access_token, scopes, issued_at, access_expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    let tenantId = '';
    for (let i = 0; i < count; i++) {
      if (i % 200 === 0) {
        tenantId = randomUUID();
        tenant.run(tenantId, `agency ${i / 200}`, 'agency', now);
      }
      const id = randomUUID();
      account.run(id, tenantId, PLATFORM_IDS[i % 4], `user${i}`, `Creator ${i}`, now, now);
      token.run(id, randomBytes(215), 'scope', now, now + ((i % 120) + 1) * 60_000);
    }
  })();
}

async function measureMetrics(core: TestCore, port: number, accounts: number) {
  const existing = (
    core.vault.require().db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }
  ).n;
  seedAccounts(core, accounts - existing);
  const rounds = 20;
  let bytes = 0;
  // Baseline: the registry plus the per-account gauges as prom-client gauges, as before.
  const legacy = legacyAccountGauges(core.vault.require().db, Date.now);
  const baseline = async () => {
    await core.metrics.registry.metrics();
    await legacy.metrics();
  };
  const time = async (render: () => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await render(); // warm caches and prepared statements
    const started = performance.now();
    for (let i = 0; i < rounds; i++) await render();
    return (performance.now() - started) / rounds;
  };
  const baselineMs = await time(baseline);
  const renderMs = await time(async () => {
    bytes = Buffer.byteLength(await core.metrics.render());
  });
  const served = await load(port, '/metrics');
  return { renderMs, baselineMs, bytes, ...served };
}

/** /health against a bare node:http server answering the same JSON; /health/detailed cached; /metrics at scale. */
export async function benchServer(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  const log = createLogger(() => {});
  const core = await createTestCore({ dataDir, metricsPort: 0 }, benchHost(), { log });
  const port = core.healthServer!.port;
  const body = JSON.stringify(core.health.liveness());
  const bare = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/health+json' });
    response.end(body);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const barePort = (bare.address() as { port: number }).port;
  try {
    const floor = await load(barePort, '/health');
    const health = await load(port, '/health');
    await core.health.detailed(); // warm the 30 s cache
    const detailed = await load(port, '/health/detailed');
    const metrics1k = await measureMetrics(core, port, 1_000);
    const metrics10k = await measureMetrics(core, port, 10_000);
    const ratio = (a: number, b: number) => `${fmt(a / b, 2)}x`;
    printTable(`Health server (autocannon, ${CONNECTIONS} connections, ${DURATION_S} s each)`, [
      {
        name: '/health req/s',
        value: fmt(health.rps),
        baseline: `${fmt(floor.rps)} (bare node:http)`,
        ratio: ratio(health.rps, floor.rps),
      },
      {
        name: '/health p99 ms',
        value: fmt(health.p99, 1),
        baseline: fmt(floor.p99, 1),
        ratio:
          health.p99 > 0 && floor.p99 > 0 ? ratio(health.p99, floor.p99) : 'below 1 ms resolution',
      },
      {
        name: '/health/detailed (cached) req/s',
        value: fmt(detailed.rps),
        baseline: fmt(floor.rps),
        ratio: ratio(detailed.rps, floor.rps),
      },
      { name: '/health/detailed p99 ms', value: fmt(detailed.p99, 1) },
      {
        name: '/metrics 1k accounts: render ms',
        value: fmt(metrics1k.renderMs, 1),
        baseline: `${fmt(metrics1k.baselineMs, 1)} (prom-client gauges)`,
        ratio: ratio(metrics1k.renderMs, metrics1k.baselineMs),
      },
      { name: '/metrics 1k accounts: payload', value: `${fmt(metrics1k.bytes / 1024, 0)} KiB` },
      {
        name: '/metrics 1k accounts: req/s, p99 ms',
        value: `${fmt(metrics1k.rps)}, ${fmt(metrics1k.p99, 1)}`,
      },
      {
        name: '/metrics 10k accounts: render ms (target ≤ 25)',
        value: fmt(metrics10k.renderMs, 1),
        baseline: `${fmt(metrics10k.baselineMs, 1)} (prom-client gauges)`,
        ratio: ratio(metrics10k.renderMs, metrics10k.baselineMs),
      },
      { name: '/metrics 10k accounts: payload', value: `${fmt(metrics10k.bytes / 1024, 0)} KiB` },
      {
        name: '/metrics 10k accounts: req/s, p99 ms',
        value: `${fmt(metrics10k.rps)}, ${fmt(metrics10k.p99, 1)}`,
      },
    ]);
  } finally {
    await new Promise<void>((resolve) => bare.close(() => resolve()));
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
