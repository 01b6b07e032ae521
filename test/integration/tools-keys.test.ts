import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToolKey } from '../../src-main/core/tools/tool-key';
import { issuedTokens, startToolsHarness, type ToolsHarness } from '../support/tools-harness';

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe('tool keys and the /v1 token API', () => {
  let t: ToolsHarness;
  beforeAll(async () => {
    t = await startToolsHarness(['x', 'youtube']);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('shows a key once, lists it without the key, and stores only its hash', async () => {
    const created = await t.createKey({ name: 'scheduler' });
    expect(created.key).toMatch(/^sbk_[A-Za-z0-9_-]{43}$/);
    const listed = await t.call_();
    const text = JSON.stringify(listed);
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(hashToolKey(created.key));
    expect(listed.find((tool) => tool.id === created.tool.id)?.hint).toBe(created.tool.hint);
    const vault = t.vaultBytes();
    expect(vault.includes(Buffer.from(created.key))).toBe(false);
    expect(vault.includes(Buffer.from(created.key.slice(4, 30)))).toBe(false);
    expect(vault.includes(Buffer.from(hashToolKey(created.key)))).toBe(true);
  });

  it('answers 401 with a stable code for missing, malformed, wrong and revoked keys', async () => {
    const { key, tool } = await t.createKey({ name: 'short-lived' });
    expect((await t.call('GET', '/v1/accounts', key)).status).toBe(200);
    await t.h.call('tools.revoke', { toolId: tool.id });
    const wrong = `sbk_${'A'.repeat(43)}`;
    for (const presented of [null, 'not-a-key', wrong, key, `${key}x`, key.toUpperCase()]) {
      const answer = await t.call('GET', '/v1/accounts', presented);
      expect(answer.status, String(presented)).toBe(401);
      expect(json(answer.body).error).toMatchObject({ code: 'tool_key_invalid' });
      expect(answer.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    expect((await t.call('POST', `/v1/accounts/${t.accounts.x}/token`, key)).status).toBe(401);
  });

  it('refuses a foreign Host or any web page before reading the key', async () => {
    const { key } = await t.createKey();
    const foreign = await t.call('GET', '/v1/accounts', key, { headers: { Host: 'evil.example' } });
    expect(foreign.status).toBe(403);
    expect(json(foreign.body).error).toMatchObject({ code: 'forbidden_host' });
    for (const headers of <Record<string, string>[]>[
      { Origin: 'https://evil.example' },
      { Origin: `http://127.0.0.1:${t.port}` },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-origin' },
    ]) {
      const answer = await t.call('GET', '/v1/accounts', key, { headers });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(json(answer.body).error).toMatchObject({ code: 'forbidden_origin' });
    }
  });

  it('answers 403 for accounts and rights the key does not have', async () => {
    const onlyX = await t.createKey({ accounts: [t.accounts.x!], rights: ['token'] });
    const youtube = await t.call('POST', `/v1/accounts/${t.accounts.youtube}/token`, onlyX.key);
    expect(youtube.status).toBe(403);
    expect(json(youtube.body).error).toMatchObject({ code: 'tool_forbidden' });
    const unknown = await t.call('POST', '/v1/accounts/no-such-account/token', onlyX.key);
    expect(unknown.status).toBe(403);
    const proxy = await t.call('GET', `/v1/proxy/${t.accounts.x}/2/users/me`, onlyX.key);
    expect(proxy.status).toBe(403);
    const proxyOnly = await t.createKey({ rights: ['proxy'] });
    const token = await t.call('POST', `/v1/accounts/${t.accounts.x}/token`, proxyOnly.key);
    expect(token.status).toBe(403);
    const listed = json((await t.call('GET', '/v1/accounts', onlyX.key)).body);
    expect((listed.accounts as { id: string }[]).map((account) => account.id)).toEqual([
      t.accounts.x,
    ]);
  });

  it('hands out a fresh access token, never a refresh token, and audits it without the token', async () => {
    const { key } = await t.createKey({ name: 'upload-script' });
    const answer = await t.call('POST', `/v1/accounts/${t.accounts.youtube}/token`, key, {
      body: '{}',
    });
    expect(answer.status).toBe(200);
    const body = json(answer.body);
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'expiresAt', 'scopes', 'tokenType']);
    expect(body.tokenType).toBe('Bearer');
    expect(t.fakes.youtube.isAccessTokenValid(body.accessToken as string)).toBe(true);
    expect(body.accessToken).toBe(t.secretsOf(t.accounts.youtube!).accessToken);
    for (const refresh of t.fakes.youtube.issuedRefreshTokens)
      expect(answer.body).not.toContain(refresh);
    const audit = t.h.core.vault.require().audit.forAccount(t.accounts.youtube!);
    const entry = audit.find((line) => line.action === 'tool_token');
    expect(entry?.detail).toContain('upload-script');
    expect(JSON.stringify(audit)).not.toContain(body.accessToken as string);
    const tools = await t.call_();
    expect(tools.find((tool) => tool.name === 'upload-script')?.lastUsedAt).not.toBeNull();
  });

  it('refreshes first when the token would expire sooner: one platform call for 50 tools', async () => {
    const { key } = await t.createKey();
    const before = t.secretsOf(t.accounts.x!).accessToken;
    t.expireIn(t.accounts.x!, 60_000);
    const refreshes = () =>
      t.fakes.x.requests.filter((request) => request.path === '/2/oauth2/token').length;
    const start = refreshes();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.call('POST', `/v1/accounts/${t.accounts.x}/token`, key, {
          body: JSON.stringify({ minValiditySeconds: 300 }),
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    const tokens = new Set(answers.map((answer) => json(answer.body).accessToken as string));
    expect(tokens.size).toBe(1);
    expect(tokens.has(before)).toBe(false);
    expect(t.fakes.x.isAccessTokenValid([...tokens][0]!)).toBe(true);
    expect(refreshes() - start).toBe(1);
  });

  it('answers 409 with status and reason for an account that needs the creator', async () => {
    const { key } = await t.createKey();
    const db = t.h.core.vault.require().db;
    db.prepare(`UPDATE accounts SET status = 'needs_reauth', status_reason = ? WHERE id = ?`).run(
      'X no longer accepts this sign-in.',
      t.accounts.youtube,
    );
    try {
      const answer = await t.call('POST', `/v1/accounts/${t.accounts.youtube}/token`, key);
      expect(answer.status).toBe(409);
      expect(json(answer.body)).toMatchObject({
        error: { code: 'account_needs_reauth' },
        status: 'needs_reauth',
        reason: 'X no longer accepts this sign-in.',
      });
    } finally {
      db.prepare(`UPDATE accounts SET status = 'healthy', status_reason = NULL WHERE id = ?`).run(
        t.accounts.youtube,
      );
    }
  });

  it('refuses bad bodies, unknown paths and wrong methods with stable codes', async () => {
    const { key } = await t.createKey();
    const path = `/v1/accounts/${t.accounts.x}/token`;
    for (const body of [
      '{"minValiditySeconds":-1}',
      '{"minValiditySeconds":99999}',
      '{"x":1}',
      'nope',
    ])
      expect((await t.call('POST', path, key, { body })).status, body).toBe(400);
    expect((await t.call('GET', path, key)).status).toBe(405);
    expect((await t.call('GET', '/v1/nothing', key)).status).toBe(404);
  });

  it('counts calls per tool in /metrics', async () => {
    const metrics = await t.call('GET', '/metrics', null);
    expect(metrics.body).toMatch(
      /switchboard_tool_requests_total\{tool="upload-script",kind="token",outcome="200"\} 1/,
    );
    expect(metrics.body).toMatch(
      /switchboard_tool_requests_total\{tool="uploader( \d+)?",kind="token",outcome="403"\}/,
    );
  });

  it('never puts a refresh token in any answer or log line', () => {
    const refresh = [t.fakes.x, t.fakes.youtube].flatMap((fake) => fake.issuedRefreshTokens);
    expect(refresh.length).toBeGreaterThan(1);
    const everything = [...t.answers.map((a) => JSON.stringify(a)), ...t.h.log.lines].join('\n');
    for (const token of refresh) expect(everything).not.toContain(token);
    // Access tokens appear only in token hand-outs, never in logs.
    for (const token of issuedTokens(t.h)) expect(t.h.log.lines.join('\n')).not.toContain(token);
    for (const key of t.keys) expect(t.h.log.lines.join('\n')).not.toContain(key);
  });
});
