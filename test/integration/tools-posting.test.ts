import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIKTOK_FAKE_DAILY_POSTS } from '../../src-main/demo/fake-publish-api';
import { startToolsHarness, type ToolsHarness } from '../support/tools-harness';

const INIT = '/v2/post/publish/inbox/video/init/';
const BODY =
  '{"source_info":{"source":"FILE_UPLOAD","video_size":1000,"chunk_size":1000,"total_chunk_count":1}}';

describe('posting through the proxy', () => {
  let t: ToolsHarness;
  let key: string;
  beforeAll(async () => {
    t = await startToolsHarness(['tiktok']);
    key = (await t.createKey({ name: 'scheduler' })).key;
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });
  const post = () => t.call('POST', `/v1/proxy/${t.accounts.tiktok}${INIT}`, key, { body: BODY });
  const seenByTikTok = () => t.fakes.tiktok.requests.filter((entry) => entry.path === INIT).length;

  it('lets concurrent posts pass the cap together no more than it allows', async () => {
    await t.h.call('settings.update', { tiktokDailyPostCap: 3 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => post()));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([...Array(3).fill(200), ...Array(7).fill(429)]);
    expect(seenByTikTok()).toBe(3);
  });

  it("believes TikTok's own too-many-posts answer over the configured cap", async () => {
    await t.h.call('settings.update', { tiktokDailyPostCap: 50 });
    for (let i = seenByTikTok(); i < TIKTOK_FAKE_DAILY_POSTS; i++)
      expect((await post()).status).toBe(200);
    const refusedByTikTok = await post();
    expect(refusedByTikTok.status).toBe(403);
    expect(refusedByTikTok.body).toContain('spam_risk_too_many_posts');
    const summary = t.h.core.vault.require().accounts.get(t.accounts.tiktok!)!;
    expect(summary.usage.postsToday).toBe(TIKTOK_FAKE_DAILY_POSTS);
    expect(summary.usage.postingCappedUntil).not.toBeNull();
    const seen = seenByTikTok();
    const held = await post();
    expect(held.status).toBe(429);
    expect(JSON.parse(held.body).error.code).toBe('posting_cap_reached');
    expect(seenByTikTok()).toBe(seen);
  });

  it('answers 409 through the proxy for an account that needs the creator', async () => {
    const db = t.h.core.vault.require().db;
    db.prepare(
      `UPDATE accounts SET status = 'needs_reauth', status_reason = 'Reconnect.' WHERE id = ?`,
    ).run(t.accounts.tiktok);
    const calls = t.fakes.tiktok.requests.length;
    const answer = await t.call(
      'GET',
      `/v1/proxy/${t.accounts.tiktok}/v2/user/info/?fields=open_id`,
      key,
    );
    expect(answer.status).toBe(409);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'needs_reauth', reason: 'Reconnect.' });
    expect(t.fakes.tiktok.requests.length).toBe(calls);
  });

  it('answers 503 vault_locked while the vault is closed', async () => {
    t.h.core.vault.close();
    const answer = await t.call('GET', '/v1/accounts', key);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body).error.code).toBe('vault_locked');
  });
});
