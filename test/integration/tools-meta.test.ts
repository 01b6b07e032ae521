import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startToolsHarness, type ToolsHarness } from '../support/tools-harness';

describe('the /v1 proxy for Instagram', () => {
  let t: ToolsHarness;
  beforeAll(async () => {
    t = await startToolsHarness(['instagram']);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('reaches graph.instagram.com with the token and records Meta app usage', async () => {
    const { key } = await t.createKey({ name: 'insights' });
    const id = t.accounts.instagram!;
    const answer = await t.call('GET', `/v1/proxy/${id}/me?fields=user_id,username`, key);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ username: expect.any(String) });
    const usage = JSON.parse(answer.headers['x-app-usage'] as string) as { call_count: number };
    const limit = t.h.core.vault
      .require()
      .usage.rateLimits(id)
      .find((row) => row.endpoint === 'meta app usage %');
    expect(limit).toMatchObject({ limit: 100, remaining: 100 - usage.call_count });
    expect(t.h.core.vault.require().accounts.get(id)!.usage.rateLimit?.endpoint).toBe(
      'meta app usage %',
    );
    expect(answer.body).not.toContain(t.secretsOf(id).accessToken);
  });

  it('masks the token Graph repeats in its paging links', async () => {
    const { key } = await t.createKey({ name: 'pager' });
    const id = t.accounts.instagram!;
    const answer = await t.call('GET', `/v1/proxy/${id}/me/media`, key);
    expect(answer.status).toBe(200);
    const token = t.secretsOf(id).accessToken;
    const next = (JSON.parse(answer.body) as { paging: { next: string } }).paging.next;
    expect(next).toContain(`access_token=${'*'.repeat(encodeURIComponent(token).length)}&`);
    expect(answer.body).not.toContain(token);
    expect(answer.body).not.toContain(encodeURIComponent(token));
  });
});
