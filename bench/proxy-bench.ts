import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createTestCore } from '../src-main/core/app';
import { createLogger } from '../src-main/core/logger';
import { createOriginTable } from '../src-main/core/net/origin-table';
import { rawKeyProtector } from '../src-main/core/vault/key-protectors';
import type { CreatedTool } from '../src-shared/tools';
import { startFakeGoogle } from '../src-main/demo/fake-google';
import { fmt, printTable } from './report';

const DURATION_S = 3;
const CONNECTIONS = 10;
const READ = '/youtube/v3/channels?part=snippet&mine=true';
const UPLOAD = '/upload/youtube/v3/videos?uploadType=media';
const UPLOAD_BYTES = 256 * 1024 * 1024;

/** Sends UPLOAD_BYTES in 1 MiB chunks as one upload; MB/s from first byte to the answer. */
function uploadRate(url: string, headers: Record<string, string>): Promise<number> {
  const chunk = Buffer.alloc(1024 * 1024, 7);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'video/mp4', 'content-length': UPLOAD_BYTES },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
          else resolve(UPLOAD_BYTES / 1e6 / ((performance.now() - started) / 1000));
        });
      },
    );
    req.on('error', reject);
    void (async () => {
      for (let sent = 0; sent < UPLOAD_BYTES; sent += chunk.length)
        if (!req.write(chunk)) await new Promise((drain) => req.once('drain', drain));
      req.end();
    })();
  });
}

/** Each connection gets the next of `spread` (one tool key holds at most 8 requests in flight). */
async function load(url: string, headers: Record<string, string>, spread: string[] = []) {
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers,
    setupClient: (client) => {
      if (spread.length === 0) return;
      client.setHeaders({ ...headers, authorization: `Bearer ${spread[next++ % spread.length]}` });
    },
  });
  const cpu = process.cpuUsage(cpuBefore);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    // Everything (load generator, proxy, fake) shares this process: CPU per call is the figure
    // a busy machine disturbs least, and proxied minus direct is what the proxy itself costs.
    cpuPerCall: (cpu.user + cpu.system) / result.requests.total,
  };
}

/**
 * The local proxy's cost: the same YouTube read sent straight to the fake platform and through
 * /v1/proxy (key check, token from the vault, origin table, header filtering, secret masking),
 * side by side.
 */
export async function benchProxy(): Promise<void> {
  const fake = await startFakeGoogle();
  const grant = fake.tokens.newGrant(fake.clients[0]!.clientId, fake.users[0]!.id, [
    'https://www.googleapis.com/auth/youtube.readonly',
  ]);
  const access = fake.tokens.issue(grant, 'access', 3600, 'ya29.').token;
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  let stored: Record<string, unknown> = {};
  const core = await createTestCore(
    { dataDir, metricsPort: 0, origins: createOriginTable(fake.origins) },
    {
      mode: 'serve',
      keyProtector: rawKeyProtector(randomBytes(32).toString('hex')),
      settings: { load: () => stored, save: (values) => (stored = values) },
      openExternal: async () => {},
      notify: () => {},
      setTrayStatus: () => {},
    },
    { log: createLogger(() => {}) },
  );
  try {
    const account = core.vault.require().accounts.saveConnection(
      {
        platform: 'youtube',
        platformUserId: fake.users[0]!.id,
        displayName: 'Bench channel',
        handle: null,
        avatarUrl: null,
        followers: null,
        accountType: null,
        channelId: null,
        pageId: null,
      },
      {
        accessToken: access,
        scopes: grant.scopes,
        issuedAt: Date.now(),
        accessExpiresAt: Date.now() + 3_600_000,
      },
    );
    // Two tools: 10 connections are more than one key's MAX_REQUESTS_PER_KEY places.
    const keys: string[] = [];
    for (const name of ['bench-1', 'bench-2']) {
      const created = await core.dispatch('tools.create', {
        name,
        accounts: 'all',
        rights: ['proxy'],
      });
      if (!created.ok) throw new Error(created.error.message);
      keys.push((created.value as CreatedTool).key);
    }
    const key = keys[0]!;
    const port = core.healthServer!.port;
    const direct = await load(`${fake.baseUrl}${READ}`, { authorization: `Bearer ${access}` });
    const proxied = await load(
      `http://127.0.0.1:${port}/v1/proxy/${account.id}${READ}`,
      { host: `127.0.0.1:${port}`, authorization: `Bearer ${key}` },
      keys,
    );
    const directUpload = await uploadRate(`${fake.baseUrl}${UPLOAD}`, {
      authorization: `Bearer ${access}`,
    });
    const proxiedUpload = await uploadRate(
      `http://127.0.0.1:${port}/v1/proxy/${account.id}${UPLOAD}`,
      { host: `127.0.0.1:${port}`, authorization: `Bearer ${key}` },
    );
    printTable(
      `Local proxy vs direct to the fake: channels.list (${CONNECTIONS} connections × ${DURATION_S} s), one upload`,
      [
        {
          name: 'p50 latency (ms)',
          value: fmt(proxied.p50, 1),
          baseline: `${fmt(direct.p50, 1)} direct`,
          ratio: `+${fmt(proxied.p50 - direct.p50, 1)} ms`,
          target: '≤ +1 ms over direct',
          met: proxied.p50 - direct.p50 <= 1,
        },
        {
          name: 'p99 latency (ms)',
          value: fmt(proxied.p99, 1),
          baseline: `${fmt(direct.p99, 1)} direct`,
          ratio: `+${fmt(proxied.p99 - direct.p99, 1)} ms`,
          target: '≤ +5 ms over direct',
          met: proxied.p99 - direct.p99 <= 5,
        },
        {
          name: 'requests/s',
          value: fmt(proxied.rps),
          baseline: `${fmt(direct.rps)} direct`,
          ratio: `${fmt(proxied.rps / direct.rps, 2)}×`,
          target: '≥ 0.4× direct',
          met: proxied.rps / direct.rps >= 0.4,
        },
        {
          name: 'CPU per call (µs, all parts)',
          value: fmt(proxied.cpuPerCall),
          baseline: `${fmt(direct.cpuPerCall)} direct`,
          ratio: `+${fmt(proxied.cpuPerCall - direct.cpuPerCall)} µs`,
        },
        {
          name: 'upload of 256 MiB (MB/s)',
          value: fmt(proxiedUpload),
          baseline: `${fmt(directUpload)} direct`,
          ratio: `${fmt(proxiedUpload / directUpload, 2)}×`,
        },
      ],
    );
  } finally {
    await core.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
