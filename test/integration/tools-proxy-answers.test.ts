import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST_ANSWER_BYTES } from '../../src-main/core/tools/tool-proxy';
import type { HugeAnswerProgress } from '../../src-main/demo/fake-http';
import { startToolsHarness, type ToolsHarness } from '../support/tools-harness';

const MiB = 1024 * 1024;
const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

/** The answer's bytes exactly as the proxy sent them (no decoding on our side). */
function rawGet(port: number, path: string, key: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; raw: Buffer }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${key}` },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              raw: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('what the proxy does with platform answers', () => {
  let t: ToolsHarness;
  let key: string;
  beforeAll(async () => {
    t = await startToolsHarness(['x', 'tiktok', 'instagram']);
    key = (await t.createKey({ name: 'answers' })).key;
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });
  const count = (fake: { requests: { path: string }[] }, path: string) =>
    fake.requests.filter((entry) => entry.path === path).length;

  it('answers 20 TikTok scope refusals as they are, without touching the refresh token', async () => {
    const id = t.accounts.tiktok!;
    const before = t.secretsOf(id);
    const refreshes = count(t.fakes.tiktok, '/v2/oauth/token/');
    // Direct posting needs video.publish, which this account was never granted.
    const path = `/v1/proxy/${id}/v2/post/publish/video/init/`;
    const body = '{"post_info":{"title":"hi"},"source_info":{"source":"PULL_FROM_URL"}}';
    for (let i = 0; i < 20; i++) {
      const answer = await t.call('POST', path, key, { body });
      expect(answer.status).toBe(401);
      expect(json(answer.body).error).toMatchObject({ code: 'scope_not_authorized' });
    }
    expect(count(t.fakes.tiktok, '/v2/post/publish/video/init/')).toBeGreaterThanOrEqual(20);
    expect(count(t.fakes.tiktok, '/v2/oauth/token/') - refreshes).toBe(0);
    expect(t.secretsOf(id).refreshToken).toBe(before.refreshToken);
  });

  it('refreshes once for 20 X 401s at once, and forwards the refusals after that', async () => {
    const id = t.accounts.x!;
    const refreshes = count(t.fakes.x, '/2/oauth2/token');
    t.fakes.x.faults.add({ path: '/2/users/me', kind: 'invalid_grant', times: 60 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => t.call('GET', `/v1/proxy/${id}/2/users/me`, key)),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(401));
      expect(count(t.fakes.x, '/2/oauth2/token') - refreshes).toBe(1);
      // Later refusals of the renewed token, inside the cooldown, refresh nothing either.
      for (let i = 0; i < 5; i++)
        expect((await t.call('GET', `/v1/proxy/${id}/2/users/me`, key)).status).toBe(401);
      expect(count(t.fakes.x, '/2/oauth2/token') - refreshes).toBe(1);
    } finally {
      t.fakes.x.faults.clear();
    }
  });

  it('decodes a gzip answer the platform sent anyway, and masks the token inside', async () => {
    const id = t.accounts.instagram!;
    const token = t.secretsOf(id).accessToken;
    t.fakes.instagram.faults.add({ path: '/me/media', kind: 'gzip' });
    const answer = await rawGet(t.port, `/v1/proxy/${id}/me/media`, key);
    expect(answer.status).toBe(200);
    const bytes =
      answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.raw) : answer.raw;
    expect(bytes.toString('utf8')).not.toContain(encodeURIComponent(token));
    expect(bytes.toString('utf8')).toContain('access_token=***');
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(json(answer.raw.toString('utf8'))).toHaveProperty('paging');
  });

  it('stops reading a post answer past its limit, counts the post and says so', async () => {
    const id = t.accounts.x!;
    const progress: HugeAnswerProgress = { sent: 0, hungUp: false };
    const total = 300 * MiB;
    const posted = t.h.core.vault.require().accounts.get(id)!.usage.postsToday;
    t.fakes.x.faults.add({
      path: '/2/tweets',
      method: 'POST',
      kind: 'huge',
      afterEffect: true,
      bytes: total,
      progress,
    });
    const answer = await t.call('POST', `/v1/proxy/${id}/2/tweets`, key, {
      body: '{"text":"hello"}',
    });
    expect(answer.status).toBe(502);
    expect(json(answer.body).error).toMatchObject({ code: 'proxy_answer_too_large' });
    expect(t.h.core.vault.require().accounts.get(id)!.usage.postsToday).toBe(posted + 1);
    // The positive signal first: the proxy hung up on the platform mid-answer.
    const deadline = Date.now() + 5_000;
    while (!progress.hungUp && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(progress.hungUp).toBe(true);
    // What the fake handed to its socket: the proxy's limit plus what loopback socket buffers
    // and undici hold before back-pressure stops the writer — not the 300 MiB.
    console.log(
      `huge post answer: fake wrote ${(progress.sent / MiB).toFixed(2)} MiB of ${total / MiB} MiB before the proxy hung up (limit ${POST_ANSWER_BYTES / 1024} KiB)`,
    );
    expect(progress.sent).toBeLessThan(POST_ANSWER_BYTES + 16 * MiB);
  }, 20_000);
});
