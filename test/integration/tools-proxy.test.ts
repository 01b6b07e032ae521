import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { uploadStatsFor } from '../../src-main/demo/fake-publish-api';
import { issuedTokens, startToolsHarness, type ToolsHarness } from '../support/tools-harness';

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;
const MiB = 1024 * 1024;

describe('the /v1 proxy', () => {
  let t: ToolsHarness;
  let key: string;
  beforeAll(async () => {
    t = await startToolsHarness(['x', 'youtube', 'tiktok']);
    key = (await t.createKey({ name: 'poster' })).key;
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });
  const proxy = (account: string, path: string, method = 'GET', body?: string) =>
    t.call(method, `/v1/proxy/${account}${path}`, key, body === undefined ? {} : { body });
  const count = (fake: { requests: { path: string }[] }, path: string) =>
    fake.requests.filter((entry) => entry.path === path).length;

  it('forwards a GET with the account token and records X rate-limit headers', async () => {
    const answer = await proxy(t.accounts.x!, '/2/users/me?user.fields=public_metrics');
    expect(answer.status).toBe(200);
    expect(json(answer.body).data).toMatchObject({ username: expect.any(String) });
    expect(answer.headers['x-rate-limit-remaining']).toBeDefined();
    const limits = t.h.core.vault.require().usage.rateLimits(t.accounts.x!);
    expect(limits.find((limit) => limit.endpoint === 'GET /2/users/me')).toMatchObject({
      limit: 75,
      remaining: Number(answer.headers['x-rate-limit-remaining']),
    });
    const summary = t.h.core.vault.require().accounts.get(t.accounts.x!)!;
    expect(summary.usage.rateLimit?.endpoint).toBeTruthy();
  });

  it('counts an X post, records the 24-hour user limit and audits the write', async () => {
    const before = t.h.core.vault.require().accounts.get(t.accounts.x!)!.usage.postsToday;
    const answer = await proxy(t.accounts.x!, '/2/tweets', 'POST', '{"text":"hello"}');
    expect(answer.status).toBe(201);
    const vault = t.h.core.vault.require();
    expect(vault.accounts.get(t.accounts.x!)!.usage.postsToday).toBe(before + 1);
    expect(
      vault.usage.rateLimits(t.accounts.x!).find((l) => l.endpoint === 'x user 24-hour limit'),
    ).toMatchObject({ limit: 17 });
    const audit = vault.audit.forAccount(t.accounts.x!);
    expect(audit.find((entry) => entry.action === 'tool_request')?.detail).toBe(
      'tool "poster" POST /2/tweets → 201',
    );
  });

  it('holds back a TikTok post over the daily cap before TikTok hears of it', async () => {
    await t.h.call('settings.update', { tiktokDailyPostCap: 2 });
    const path = '/v2/post/publish/inbox/video/init/';
    const body =
      '{"source_info":{"source":"FILE_UPLOAD","video_size":1000,"chunk_size":1000,"total_chunk_count":1}}';
    expect((await proxy(t.accounts.tiktok!, path, 'POST', body)).status).toBe(200);
    expect((await proxy(t.accounts.tiktok!, path, 'POST', body)).status).toBe(200);
    const seen = count(t.fakes.tiktok, path);
    const refused = await proxy(t.accounts.tiktok!, path, 'POST', body);
    expect(refused.status).toBe(429);
    expect(json(refused.body).error).toMatchObject({ code: 'posting_cap_reached' });
    expect(count(t.fakes.tiktok, path)).toBe(seen);
    expect(t.h.core.vault.require().accounts.get(t.accounts.tiktok!)!.usage.postsToday).toBe(2);
  });

  it('refreshes once and retries once when a token that looked valid is refused', async () => {
    const secrets = t.secretsOf(t.accounts.x!);
    t.fakes.x.tokens.find(secrets.accessToken)!.revoked = true;
    const refreshes = count(t.fakes.x, '/2/oauth2/token');
    const calls = count(t.fakes.x, '/2/users/me');
    const answer = await proxy(t.accounts.x!, '/2/users/me');
    expect(answer.status).toBe(200);
    expect(count(t.fakes.x, '/2/users/me') - calls).toBe(2);
    expect(count(t.fakes.x, '/2/oauth2/token') - refreshes).toBe(1);
    expect(t.secretsOf(t.accounts.x!).accessToken).not.toBe(secrets.accessToken);
  });

  it('streams a large upload to the platform before the tool has finished sending it', async () => {
    const stats = uploadStatsFor(t.fakes.youtube);
    const startBytes = stats.receivedBytes;
    const total = 256 * MiB;
    const chunk = Buffer.alloc(MiB, 7);
    let peak = 0;
    const sample = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    }, 5);
    const baseline = process.memoryUsage().arrayBuffers;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: t.port,
          method: 'POST',
          path: `/v1/proxy/${t.accounts.youtube}/upload/youtube/v3/videos?uploadType=media`,
          headers: {
            Host: `127.0.0.1:${t.port}`,
            Authorization: `Bearer ${key}`,
            'Content-Type': 'video/mp4',
            'Content-Length': String(total),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (part: Buffer) => (body += part.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      void (async () => {
        // The first mebibyte must reach the platform while the rest has not been sent.
        req.write(chunk);
        const deadline = Date.now() + 5_000;
        while (stats.receivedBytes - startBytes < MiB / 2) {
          if (Date.now() > deadline) return reject(new Error('the proxy held the upload back'));
          await new Promise((resolveWait) => setTimeout(resolveWait, 5));
        }
        for (let sent = MiB; sent < total; sent += MiB) {
          if (!req.write(chunk)) await new Promise((drain) => req.once('drain', drain));
        }
        req.end();
      })();
    });
    clearInterval(sample);
    expect(answer.status).toBe(200);
    expect(json(answer.body)).toMatchObject({ bytes: total });
    expect(stats.completed.at(-1)?.bearer).toBe(t.secretsOf(t.accounts.youtube!).accessToken);
    // Whole-body buffering would hold all 256 MiB at once; streaming holds a few chunks (plus
    // what the garbage collector has not yet taken back).
    console.log(
      `upload of 256 MiB: peak arrayBuffers +${((peak - baseline) / MiB).toFixed(1)} MiB`,
    );
    expect(peak - baseline).toBeLessThan(total / 2);
  }, 60_000);

  it('does not retry a refused upload whose body cannot be replayed', async () => {
    const stats = uploadStatsFor(t.fakes.youtube);
    const started = stats.started;
    const secrets = t.secretsOf(t.accounts.youtube!);
    t.fakes.youtube.tokens.find(secrets.accessToken)!.revoked = true;
    const big = 'x'.repeat(200 * 1024);
    const answer = await t.call(
      'PUT',
      `/v1/proxy/${t.accounts.youtube}/upload/youtube/v3/videos`,
      key,
      {
        body: big,
        headers: { 'Content-Type': 'application/octet-stream' },
      },
    );
    expect(answer.status).toBe(401);
    expect(stats.started - started).toBe(1);
  });

  it('strips hop-by-hop and tool credentials; passes end-to-end headers', async () => {
    const stats = uploadStatsFor(t.fakes.youtube);
    const answer = await t.call(
      'POST',
      `/v1/proxy/${t.accounts.youtube}/upload/youtube/v3/videos`,
      key,
      {
        body: 'small video',
        headers: {
          'Content-Type': 'video/mp4',
          Cookie: 'session=tool-cookie',
          'X-Api-Key': 'tool-api-key',
          'Proxy-Authorization': 'Basic dG9vbDpzZWNyZXQ=',
          Connection: 'keep-alive, X-Drop-Me',
          'X-Drop-Me': 'hop',
          'X-Goog-Upload-Protocol': 'raw',
        },
      },
    );
    expect(answer.status).toBe(200);
    const seen = stats.completed.at(-1)!;
    expect(seen.bearer).toBe(t.secretsOf(t.accounts.youtube!).accessToken);
    expect(seen.headers).toContain('x-goog-upload-protocol');
    for (const name of ['cookie', 'x-api-key', 'proxy-authorization', 'x-drop-me', 'origin'])
      expect(seen.headers).not.toContain(name);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  it('lets a tool hang up mid-upload: nothing reaches the platform whole, other calls go on', async () => {
    const stats = uploadStatsFor(t.fakes.youtube);
    const completed = stats.completed.length;
    const before = stats.receivedBytes;
    const notCompleted = () =>
      t.h.core.vault
        .require()
        .audit.forAccount(t.accounts.youtube!)
        .filter((entry) => entry.detail?.endsWith('→ not completed')).length;
    const endedBefore = notCompleted();
    const socket = connect(t.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /v1/proxy/${t.accounts.youtube}/upload/youtube/v3/videos HTTP/1.1\r\n` +
        `Host: 127.0.0.1:${t.port}\r\nAuthorization: Bearer ${key}\r\n` +
        `Content-Type: video/mp4\r\nContent-Length: ${8 * MiB}\r\n\r\n`,
    );
    socket.write(Buffer.alloc(MiB, 1));
    // Positive signals first: the upload was flowing, and the proxy saw the hang-up and ended
    // the call; only then does "nothing completed" mean something.
    await vi.waitFor(() => expect(stats.receivedBytes - before).toBeGreaterThanOrEqual(MiB / 2), {
      timeout: 5_000,
    });
    socket.destroy();
    await vi.waitFor(() => expect(notCompleted()).toBe(endedBefore + 1), { timeout: 5_000 });
    expect(stats.completed.length).toBe(completed);
    const next = await proxy(t.accounts.youtube!, '/youtube/v3/channels?part=snippet&mine=true');
    expect(next.status).toBe(200);
    expect(t.h.log.lines.join('\n')).not.toMatch(/request failed|internal/);
    const audit = t.h.core.vault.require().audit.forAccount(t.accounts.youtube!);
    expect(audit.some((entry) => entry.detail?.endsWith('→ not completed'))).toBe(true);
  });

  it('refuses oversized headers and keeps answering', async () => {
    const answer = await t.call('GET', `/v1/proxy/${t.accounts.x}/2/users/me`, key, {
      headers: { 'X-Padding': 'p'.repeat(20_000) },
    });
    expect(answer.status).toBe(431);
    expect((await t.call('GET', '/v1/accounts', key)).status).toBe(200);
  });

  it('refuses path tricks that could leave the platform API or change the path', async () => {
    const id = t.accounts.x!;
    for (const path of [
      `/v1/proxy/${id}/2/../../oauth2/token`,
      `/v1/proxy/${id}/2/%2e%2e/oauth2/token`,
      `/v1/proxy/${id}/2%2Fusers%2Fme`,
      `/v1/proxy/${id}//evil.example/2/users/me`,
      `/v1/proxy/${id}/2/users\\me`,
      `/v1/proxy/${id}`,
      `/v1/proxy/${id}/`,
      `/v1/proxy/../accounts`,
    ]) {
      const answer = await t.call('GET', path, key);
      expect(answer.status, path).toBe(400);
      expect(json(answer.body).error, path).toMatchObject({ code: 'proxy_path_invalid' });
    }
  });

  it('answers 504 with a stable code when the platform hangs, and other calls go on', async () => {
    t.fakes.x.faults.add({ path: '/2/users/me', kind: 'hang' });
    const hung = proxy(t.accounts.x!, '/2/users/me');
    const other = await proxy(t.accounts.youtube!, '/youtube/v3/channels?part=snippet&mine=true');
    expect(other.status).toBe(200);
    const answer = await hung;
    expect(answer.status).toBe(504);
    expect(json(answer.body).error).toMatchObject({ code: 'proxy_upstream_timeout' });
  }, 20_000);

  it('puts no secret in any answer or log line', () => {
    const everything = [...t.answers.map((a) => JSON.stringify(a)), ...t.h.log.lines].join('\n');
    const tokens = issuedTokens(t.h);
    expect(tokens.length).toBeGreaterThan(5);
    for (const token of tokens) expect(everything).not.toContain(token);
    for (const key of t.keys) expect(t.h.log.lines.join('\n')).not.toContain(key);
  });
});
