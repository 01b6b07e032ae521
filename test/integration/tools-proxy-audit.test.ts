import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadStatsFor } from '../../src-main/demo/fake-publish-api';
import { startToolsHarness, type ToolsHarness } from '../support/tools-harness';

const TIKTOK_INIT = '/v2/post/publish/inbox/video/init/';
const TIKTOK_BODY =
  '{"source_info":{"source":"FILE_UPLOAD","video_size":1000,"chunk_size":1000,"total_chunk_count":1}}';

describe('the proxy counts, keys and audits the path the platform sees', () => {
  let t: ToolsHarness;
  let key: string;
  beforeAll(async () => {
    t = await startToolsHarness(['x', 'youtube', 'tiktok']);
    key = (await t.createKey({ name: 'auditor' })).key;
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });
  const proxy = (account: string, path: string, method = 'GET', body?: string) =>
    t.call(method, `/v1/proxy/${account}${path}`, key, body === undefined ? {} : { body });
  const vault = () => t.h.core.vault.require();
  const toolRows = (account: string) =>
    vault()
      .db.prepare(
        `SELECT COUNT(*) AS n, COALESCE(SUM(length(detail)), 0) AS chars FROM audit_log
           WHERE account_id = ? AND action = 'tool_request'`,
      )
      .get(account) as { n: number; chars: number };

  it('counts `POST /2/%74weets` as the post it is, forwarding and keying /2/tweets', async () => {
    const id = t.accounts.x!;
    const before = vault().accounts.get(id)!.usage.postsToday;
    const answer = await proxy(id, '/2/%74weets', 'POST', '{"text":"hello"}');
    expect(answer.status).toBe(201);
    expect(t.fakes.x.requests.at(-1)).toMatchObject({ method: 'POST', path: '/2/tweets' });
    expect(vault().accounts.get(id)!.usage.postsToday).toBe(before + 1);
    const endpoints = vault()
      .usage.rateLimits(id)
      .map((limit) => limit.endpoint);
    expect(endpoints).toContain('POST /2/tweets');
    expect(endpoints.filter((endpoint) => endpoint.includes('%'))).toEqual([]);
    expect(vault().audit.forAccount(id, 1)[0]!.detail).toBe('tool "auditor" POST /2/tweets → 201');
  });

  it('holds `…/inbox/video/%69nit/` to the TikTok cap like the plain path', async () => {
    const id = t.accounts.tiktok!;
    await t.h.call('settings.update', { tiktokDailyPostCap: 1 });
    const encoded = '/v2/post/publish/inbox/video/%69nit/';
    expect((await proxy(id, encoded, 'POST', TIKTOK_BODY)).status).toBe(200);
    expect(vault().accounts.get(id)!.usage.postsToday).toBe(1);
    const seen = t.fakes.tiktok.requests.filter((entry) => entry.path === TIKTOK_INIT).length;
    expect(seen).toBe(1);
    for (const path of [encoded, '/v2/post/publish/inbox/video/%69%6E%69%74/', TIKTOK_INIT]) {
      const refused = await proxy(id, path, 'POST', TIKTOK_BODY);
      expect(refused.status, path).toBe(429);
      expect(JSON.parse(refused.body).error.code).toBe('posting_cap_reached');
    }
    expect(t.fakes.tiktok.requests.length).toBe(
      t.fakes.tiktok.requests.filter((entry) => entry.path !== TIKTOK_INIT).length + seen,
    );
  });

  it('leaves one counted row for a tool’s reads, not one per read', async () => {
    const id = t.accounts.x!;
    const before = toolRows(id).n;
    for (let i = 0; i < 5; i++) expect((await proxy(id, '/2/users/me')).status).toBe(200);
    expect(toolRows(id).n).toBe(before + 1);
    const row = vault().audit.forAccount(id, 1)[0]!;
    expect(row).toMatchObject({ action: 'tool_request', outcome: 'ok' });
    expect(row.detail).toMatch(
      /^tool "auditor" reads this hour: \d+; last GET \/2\/users\/me → 200$/,
    );
  });

  it('does not forward method-override headers', async () => {
    const stats = uploadStatsFor(t.fakes.youtube);
    const answer = await t.call(
      'POST',
      `/v1/proxy/${t.accounts.youtube}/upload/youtube/v3/videos`,
      key,
      {
        body: 'small video',
        headers: {
          'Content-Type': 'video/mp4',
          'X-HTTP-Method-Override': 'DELETE',
          'X-HTTP-Method': 'DELETE',
          'X-Method-Override': 'DELETE',
        },
      },
    );
    expect(answer.status).toBe(200);
    const seen = stats.completed.at(-1)!.headers;
    expect(seen).toContain('content-type');
    for (const name of ['x-http-method-override', 'x-http-method', 'x-method-override'])
      expect(seen).not.toContain(name);
  });

  it('stores a cut path, and 200 writes with long paths add 200 short rows', async () => {
    const id = t.accounts.x!;
    const long = `/2/${'a'.repeat(15_000)}`;
    const answer = await proxy(id, long, 'POST', '{}');
    expect(answer.status).toBe(404);
    const detail = vault().audit.forAccount(id, 1)[0]!.detail!;
    expect(detail).toMatch(/^tool "auditor" POST \/2\/a+… \(cut, 15003 characters\) → 404$/);
    expect(detail.length).toBeLessThan(600);
    const before = toolRows(id);
    for (let i = 0; i < 200; i++) await proxy(id, `${long}${i}`, 'POST', '{}');
    const after = toolRows(id);
    expect(after.n - before.n).toBe(200);
    expect(after.chars - before.chars).toBeLessThan(200 * 600);
  }, 60_000);
});
