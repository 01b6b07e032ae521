import { connect, createServer, type Server } from 'node:net';
import { Gauge } from 'prom-client';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../src-main/core/app';
import { HEALTH_CACHE_MS } from '../../src-main/core/health/health-service';
import { METRICS_SHARE_MS } from '../../src-main/core/health/metrics';
import { MAX_CONNECTIONS } from '../../src-main/core/loopback-http';
import { AppError } from '../../src-shared/errors';
import type { KeyProtector } from '../../src-main/core/host';
import { createOriginTable } from '../../src-main/core/net/origin-table';
import { startFakePlatformApi, unreachable, type FakePlatformApi } from '../support/platform-api';
import { httpRequest, overConnectionCap } from '../support/http-client';
import { capturingLogger, memorySettingsStore, recordingHost, tempDir } from '../support/test-host';
import { profile, tokenSet } from '../support/vault-fixtures';
import { issueTestLicence, testLicenceKeys } from '../support/test-licences';

const METRICS_TOKEN = 'prometheus-scrape-token-0123456789';

describe('health and metrics server', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  let clock: number;
  let fakes: Record<'x' | 'youtube', FakePlatformApi>;
  const tokens = { x: tokenSet('x-health'), youtube: tokenSet('yt-health') };
  let port: number;
  const get = (path: string, headers: Record<string, string> = {}) =>
    httpRequest(port, { path, headers: { Host: `127.0.0.1:${port}`, ...headers } });

  async function start(settings: Record<string, unknown> = {}) {
    const origins = createOriginTable({
      ...fakes.x.origins,
      ...fakes.youtube.origins,
      ...unreachable('tiktok'),
      ...unreachable('instagram'),
    });
    const { host } = recordingHost(memorySettingsStore(settings));
    core = await createTestCore(
      { dataDir: dir.path, metricsPort: 0, origins, reachabilityTimeoutMs: 2_000 },
      host,
      {
        log: capturingLogger(),
        now: () => clock,
        version: { productName: 'Switchboard', version: '1.2.3', commit: 'cafe1234' },
        licenceKeys: testLicenceKeys,
      },
    );
    port = core.healthServer!.port;
    const vault = core.vault.require();
    core.plans.enter(issueTestLicence({ plan: 'pro', now: clock }));
    vault.accounts.saveConnection(profile('x', '1', { handle: '@secret_handle_x' }), {
      ...tokens.x,
      accessExpiresAt: clock + 3_600_000,
    });
    vault.accounts.saveConnection(profile('youtube', 'UC1', { handle: '@secret_handle_yt' }), {
      ...tokens.youtube,
      accessExpiresAt: clock + 600_000,
    });
  }

  beforeEach(async () => {
    dir = tempDir();
    clock = Date.parse('2026-11-25T12:00:00Z');
    fakes = { x: await startFakePlatformApi('x'), youtube: await startFakePlatformApi('youtube') };
  });
  afterEach(async () => {
    await core.close();
    await fakes.x.close();
    await fakes.youtube.close();
    dir.remove();
  });

  it('GET /health answers liveness in health+json without touching the vault', async () => {
    await start();
    clock += 42_000;
    core.vault.current()!.db.close(); // a broken database must not matter to liveness
    const response = await get('/health');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/health+json');
    expect(JSON.parse(response.body)).toEqual({
      status: 'pass',
      time: new Date(clock).toISOString(),
      version: '1.2.3',
      releaseId: 'cafe1234',
      uptimeSeconds: 42,
    });
  });

  it('GET /health/detailed reports every check in the IETF format', async () => {
    await start();
    const response = await get('/health/detailed');
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({
      version: '1.2.3',
      releaseId: 'cafe1234',
      description: 'Switchboard',
    });
    expect(Object.keys(body.checks).sort()).toEqual(
      [
        'accounts:status',
        'keystore:available',
        'scheduler:lag',
        'vault:responseTime',
        'x:reachability',
        'youtube:reachability',
      ].sort(),
    );
    expect(body.checks['vault:responseTime'][0]).toMatchObject({
      status: 'pass',
      observedUnit: 's',
      componentType: 'datastore',
    });
    expect(body.checks['keystore:available'][0]).toMatchObject({
      status: 'pass',
      observedValue: true,
    });
    expect(body.checks['x:reachability'][0]).toMatchObject({ status: 'pass', output: 'HTTP 401' });
    expect(body.checks['scheduler:lag'][0]).toMatchObject({
      nextRefreshAt: new Date(clock + 600_000).toISOString(),
    });
    const [summary, ...accounts] = body.checks['accounts:status'];
    expect(summary.observedValue).toEqual({ healthy: 2 });
    expect(accounts).toHaveLength(2);
    expect(
      accounts
        .map((entry: { observedValue: number }) => entry.observedValue)
        .sort((a: number, b: number) => a - b),
    ).toEqual([600, 3600]);
    // The refresh scheduler runs on time: scheduler:lag passes, and with it the document.
    expect(body.checks['scheduler:lag'][0]).toMatchObject({ status: 'pass', observedValue: 0 });
    expect(body.status).toBe('pass');
    expect(fakes.x.requests).toEqual(['/2/users/me']);
  });

  it('answers 503 fail only when Switchboard itself is broken', async () => {
    await start();
    core.vault.current()!.db.close();
    const response = await get('/health/detailed');
    expect(response.status).toBe(503);
    const body = JSON.parse(response.body);
    expect(body.status).toBe('fail');
    expect(body.checks['vault:responseTime'][0].status).toBe('fail');
  });

  it('an unreachable platform is warn, not fail', async () => {
    await start();
    await fakes.x.close();
    const body = JSON.parse((await get('/health/detailed')).body);
    expect(body.checks['x:reachability'][0]).toMatchObject({
      status: 'warn',
      output: expect.stringMatching(/unreachable/),
    });
    expect(body.status).toBe('warn');
  });

  it('a hanging platform cannot hold the answer: detailed still answers within 500 ms', async () => {
    fakes.x.setMode('hang');
    await start();
    const started = performance.now();
    const response = await get('/health/detailed');
    expect(performance.now() - started).toBeLessThan(500);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).checks['x:reachability'][0]).toMatchObject({
      status: 'warn',
      output: 'No answer yet.',
    });
  });

  it('caches detailed results for 30 seconds of the injected clock, then evaluates afresh', async () => {
    await start();
    const first = JSON.parse((await get('/health/detailed')).body);
    core.vault.require().accounts.saveConnection(profile('youtube', 'UC2'), tokenSet('third'));
    clock += HEALTH_CACHE_MS - 1;
    const cached = JSON.parse((await get('/health/detailed')).body);
    expect(cached).toEqual(first);
    clock += 1;
    const fresh = JSON.parse((await get('/health/detailed')).body);
    expect(fresh.time).toBe(new Date(clock).toISOString());
    expect(fresh.checks['accounts:status'][0].observedValue).toEqual({ healthy: 3 });
  });

  it('serves Prometheus metrics with build info, accounts and expiries — no handles, no tokens', async () => {
    await start();
    core.metrics.recordRefresh('x', 'success', 0.4);
    core.metrics.recordPlatformRequest('x', 'users/me', 429);
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    expect(text).toContain('switchboard_build_info{version="1.2.3",commit="cafe1234"} 1');
    expect(text).toContain('switchboard_accounts{platform="x",status="healthy"} 1');
    expect(text).toMatch(
      /switchboard_token_expiry_timestamp_seconds\{platform="youtube",account="[0-9a-f-]{36}"\} \d+/,
    );
    expect(text).toContain('switchboard_token_refresh_total{platform="x",outcome="success"} 1');
    expect(text).toContain(
      'switchboard_token_refresh_duration_seconds_bucket{le="0.5",platform="x"} 1',
    );
    expect(text).toContain(
      'switchboard_platform_requests_total{platform="x",endpoint="users/me",status_class="4xx"} 1',
    );
    expect(text).toContain('process_cpu_user_seconds_total');
    await get('/health/detailed');
    clock += METRICS_SHARE_MS;
    expect((await get('/metrics')).body).toMatch(
      /switchboard_health_check_duration_seconds\{check="vault"\}/,
    );
  });

  it('never puts a token in any response; handles and names only in /metrics’ account_info', async () => {
    await start();
    const [health, detailed, metrics] = (await Promise.all(
      ['/health', '/health/detailed', '/metrics'].map(async (path) => (await get(path)).body),
    )) as [string, string, string];
    const all = [health, detailed, metrics].join('\n');
    for (const secret of [tokens.x.accessToken, tokens.x.refreshToken, tokens.youtube.accessToken])
      expect(all).not.toContain(secret);
    for (const name of ['@secret_handle_x', '@secret_handle_yt', 'Creator 1', 'Creator UC1']) {
      expect(`${health}${detailed}`).not.toContain(name);
      // The one series a dashboard joins on to show whose account an id is (issue 20).
      const carrying = metrics.split('\n').filter((line) => line.includes(name));
      expect(carrying.length, name).toBe(1);
      expect(carrying[0]).toMatch(/^switchboard_account_info\{account="[0-9a-f-]{36}",/);
    }
  });

  it('refuses a foreign Host, and requires the bearer token when one is set', async () => {
    await start({ metricsTokenSha256: createHash('sha256').update(METRICS_TOKEN).digest('hex') });
    expect((await get('/health', { Host: 'evil.example' })).status).toBe(403);
    expect((await get('/metrics', { Host: `localhost:${port}` })).status).toBe(401);
    expect((await get('/health')).status).toBe(200); // liveness stays open for scripts
    expect((await get('/metrics', { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect(
      (await get('/health/detailed', { Authorization: `Bearer ${METRICS_TOKEN}x` })).status,
    ).toBe(401);
    expect((await get('/metrics', { Authorization: `Bearer ${METRICS_TOKEN}` })).status).toBe(200);
    expect(
      (await get('/health/detailed', { Authorization: `Bearer ${METRICS_TOKEN}` })).status,
    ).toBe(200);
  });

  it('a token set through the contract applies at once, and only its hash crosses IPC', async () => {
    await start();
    expect((await get('/metrics')).status).toBe(200);
    const result = await core.dispatch('metrics.setToken', { token: METRICS_TOKEN });
    expect(JSON.stringify(result)).not.toContain(METRICS_TOKEN);
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics', { Authorization: `Bearer ${METRICS_TOKEN}` })).status).toBe(200);
    await core.dispatch('metrics.setToken', { token: null });
    expect((await get('/metrics')).status).toBe(200);
  });

  it('refuses wrong methods, unknown paths, path tricks, bodies and huge headers, and stays up', async () => {
    await start();
    const host = { Host: `127.0.0.1:${port}` };
    expect(
      (await httpRequest(port, { method: 'POST', path: '/metrics', headers: host, body: '' }))
        .status,
    ).toBe(405);
    expect(
      (await httpRequest(port, { method: 'DELETE', path: '/health', headers: host })).status,
    ).toBe(405);
    for (const path of [
      '/',
      '/health/',
      '/health/../metrics',
      '//metrics',
      '/%2Fmetrics',
      '/health%2Fdetailed',
      '/metrics?x=1',
      '/METRICS',
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect(
      (
        await httpRequest(port, {
          path: '/health',
          headers: { ...host, 'Content-Length': '5' },
          body: 'hello',
        })
      ).status,
    ).toBe(413);
    expect((await get('/health', { 'X-Padding': 'x'.repeat(32 * 1024) })).status).toBe(431);
    expect((await get('/health')).status).toBe(200);
  });

  it('drops a slowloris client that never finishes its headers, and keeps serving others', async () => {
    await start();
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    socket.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
    const closed = new Promise<number>((resolve) => {
      const started = performance.now();
      socket.on('close', () => resolve(performance.now() - started));
    });
    const trickle = setInterval(() => socket.write('a'), 500);
    expect((await get('/health')).status).toBe(200);
    const after = await closed;
    clearInterval(trickle);
    expect(after).toBeLessThan(8_000);
    expect((await get('/health')).status).toBe(200);
  }, 15_000);

  it('concurrent scrapes share one render, and a scrape after the share interval renders afresh', async () => {
    await start();
    let renders = 0;
    new Gauge({
      name: 'test_renders',
      help: 'Counts renders of the registry.',
      registers: [core.metrics.registry],
      collect() {
        renders += 1;
      },
    });
    const answers = await Promise.all(Array.from({ length: 50 }, () => get('/metrics')));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(renders).toBe(1);
    clock += METRICS_SHARE_MS - 1;
    await get('/metrics');
    expect(renders).toBe(1);
    clock += 1;
    core.metrics.recordRefresh('x', 'success', 0.2);
    const fresh = await get('/metrics');
    expect(renders).toBe(2);
    expect(fresh.body).toContain(
      'switchboard_token_refresh_total{platform="x",outcome="success"} 1',
    );
  });

  it('switchboard_rate_limit_remaining is the lowest open window across endpoints', async () => {
    await start();
    const vault = core.vault.require();
    const account = vault.accounts.listAll().find((summary) => summary.platform === 'x')!;
    const window = { limit: 100, resetAt: clock + 60_000 };
    vault.usage.recordRateLimit(account.id, 'tweets', { ...window, remaining: 40 });
    vault.usage.recordRateLimit(account.id, 'users/me', { ...window, remaining: 7 });
    vault.usage.recordRateLimit(account.id, 'likes', { ...window, remaining: 12 });
    // A window that already reset, and an endpoint that sent no count, say nothing about now.
    vault.usage.recordRateLimit(account.id, 'follows', {
      limit: 15,
      remaining: 1,
      resetAt: clock - 1,
    });
    vault.usage.recordRateLimit(account.id, 'search', {
      limit: null,
      remaining: null,
      resetAt: null,
    });
    const text = (await get('/metrics')).body;
    expect(text).toContain(
      `switchboard_rate_limit_remaining{platform="x",account="${account.id}"} 7\n`,
    );
    expect(text.match(/^switchboard_rate_limit_remaining\{/gm)).toHaveLength(1);
  });

  it('a failing key store with no open vault answers 503 fail', async () => {
    const broken = () => Promise.reject(new AppError('vault_key_unavailable'));
    const keyProtector: KeyProtector = {
      kind: 'test:broken-keystore',
      isAvailable: async () => false,
      wrap: broken,
      unwrap: broken,
    };
    const { host } = recordingHost();
    core = await createTestCore(
      { dataDir: dir.path, metricsPort: 0 },
      { ...host, keyProtector },
      {
        log: capturingLogger(),
        now: () => clock,
      },
    );
    port = core.healthServer!.port;
    const response = await get('/health/detailed');
    expect(response.status).toBe(503);
    const body = JSON.parse(response.body);
    expect(body.status).toBe('fail');
    expect(body.checks['keystore:available'][0]).toMatchObject({
      status: 'fail',
      componentId: 'test:broken-keystore',
      observedValue: false,
    });
    expect(body.checks['vault:responseTime'][0].status).toBe('warn');
  });

  it('a taken metrics port leaves the app running, logs why, and app.info has no metrics URL', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const takenPort = (taken.address() as { port: number }).port;
    try {
      const log = capturingLogger();
      core = await createTestCore(
        { dataDir: dir.path, metricsPort: takenPort },
        recordingHost().host,
        {
          log,
        },
      );
      expect(core.healthServer).toBeNull();
      expect(log.lines.join('\n')).toMatch(
        new RegExp(`health and metrics server not started on port ${takenPort}: .*EADDRINUSE`),
      );
      const info = await core.dispatch('app.info', {});
      expect(info).toMatchObject({ ok: true, value: { metricsUrl: null } });
      expect(await core.dispatch('settings.get', {})).toMatchObject({ ok: true });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it(`with ${MAX_CONNECTIONS} silent connections open, still answers the next one`, async () => {
    await start();
    const probe = await overConnectionCap(port, MAX_CONNECTIONS);
    expect(probe.outcome).toBe('answered');
    await probe.release();
    expect((await get('/health')).status).toBe(200);
  });

  it('is not started when disabled in Settings', async () => {
    const { host } = recordingHost(memorySettingsStore({ metricsEnabled: false }));
    const disabled = await createTestCore({ dataDir: tempDir().path, metricsPort: 0 }, host, {
      log: capturingLogger(),
    });
    expect(disabled.healthServer).toBeNull();
    await disabled.close();
    await start();
  });
});
