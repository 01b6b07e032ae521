import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src-shared/platforms';
import { splitVersion } from '../../src-main/demo/fake-meta';
import { issuedTokens, startToolsHarness, type ToolsHarness } from '../support/tools-harness';

const json = (body: string) => JSON.parse(body) as { error?: { code: string } };
const DAY_MS = 86_400_000;
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** Starts the harness with a key that may only proxy: it must not turn itself into a token. */
async function start(providers: ProviderId[], facebook = false) {
  const t = await startToolsHarness(providers);
  if (facebook) {
    // The free plan holds one Instagram account; Ana Lima's is linked to a Page.
    const { session } = await t.h.connect('facebook', { user: 'Ana Lima' });
    if (!session.account) throw new Error(`facebook did not connect: ${session.stage}`);
    t.accounts.facebook = session.account.id;
  }
  const key = (await t.createKey({ name: 'minter', rights: ['proxy'] })).key;
  return { t, key };
}

/** A refused call: 403 with the stable code, nothing reached the fake, no token, one audit row. */
async function expectRefused(
  t: ToolsHarness,
  key: string,
  [provider, method, path]: readonly [ProviderId, string, string],
  body?: string,
) {
  const id = t.accounts[provider]!;
  const fake = t.fakes[provider];
  const calls = fake.requests.length;
  const tokens = issuedTokens(t.h).length;
  const rows = t.h.core.vault.require().audit.forAccount(id, 1000).length;
  const sent = body ?? (method === 'POST' ? 'grant_type=refresh_token&token=x' : undefined);
  const answer = await t.call(method, `/v1/proxy/${id}${path}`, key, {
    ...(sent === undefined ? {} : { body: sent, headers: FORM }),
  });
  expect(answer.status, path).toBe(403);
  expect(json(answer.body).error?.code).toBe('proxy_path_forbidden');
  expect(answer.body).not.toContain('access_token":');
  expect(fake.requests.length).toBe(calls);
  expect(issuedTokens(t.h).length).toBe(tokens);
  const trail = t.h.core.vault.require().audit.forAccount(id, 1000);
  expect(trail.length).toBe(rows + 1);
  const entry = trail[0]!;
  expect(entry).toMatchObject({ action: 'tool_request', outcome: 'failed' });
  expect(entry.detail).toMatch(new RegExp(`^tool "minter" ${method} /.* → refused \\(.+\\)$`));
  for (const token of issuedTokens(t.h)) expect(entry.detail).not.toContain(token);
}

describe('the proxy refuses the platforms’ token endpoints', () => {
  let t: ToolsHarness;
  let key: string;
  beforeAll(async () => {
    ({ t, key } = await start(['instagram', 'x', 'youtube', 'tiktok']));
    // Instagram refreshes a long-lived token once it is a day old: make it so, so that the
    // fake would really hand out a new 60-day token if the call reached it.
    t.clock.advance(DAY_MS + 60_000);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['instagram', 'GET', '/refresh_access_token?grant_type=ig_refresh_token'],
    ['instagram', 'GET', '/v22.0/refresh_access_token?grant_type=ig_refresh_token'],
    ['instagram', 'GET', '/Refresh_Access_Token?grant_type=ig_refresh_token'],
    ['instagram', 'GET', '/%72efresh_access_token?grant_type=ig_refresh_token'],
    ['instagram', 'GET', '/access_token?grant_type=ig_exchange_token&client_secret=x'],
    ['x', 'POST', '/2/oauth2/token'],
    ['x', 'POST', '/2/%6Fauth2/revoke'],
    ['youtube', 'POST', '/token'],
    ['youtube', 'POST', '/revoke'],
    ['youtube', 'POST', '/oauth2/v4/token'],
    ['tiktok', 'POST', '/v2/oauth/token/'],
    ['tiktok', 'POST', '/v2/OAuth/revoke/'],
  ] as const)('%s %s %s: 403 before the platform hears of it, audited', async (...call) => {
    await expectRefused(t, key, call);
  });

  it('names the normalised path in the audit row', async () => {
    await expectRefused(t, key, ['instagram', 'GET', '/%72efresh_access_token']);
    const entry = t.h.core.vault.require().audit.forAccount(t.accounts.instagram!, 1)[0]!;
    expect(entry.detail).toBe('tool "minter" GET /refresh_access_token → refused (token endpoint)');
  });

  it('still lets the same key read through the proxy', async () => {
    const ig = await t.call('GET', `/v1/proxy/${t.accounts.instagram}/me?fields=username`, key);
    expect(ig.status).toBe(200);
    const xMe = await t.call('GET', `/v1/proxy/${t.accounts.x}/2/users/me`, key);
    expect(xMe.status).toBe(200);
    const refreshes = t.fakes.instagram.requests.filter(
      (entry) => splitVersion(entry.path).rest.toLowerCase() === '/refresh_access_token',
    );
    expect(refreshes).toEqual([]);
  });
});

describe('the proxy keeps Page tokens in Graph', () => {
  let t: ToolsHarness;
  let key: string;
  beforeAll(async () => {
    ({ t, key } = await start([], true));
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['facebook', 'GET', '/me/accounts?fields=access_token'],
    ['facebook', 'GET', '/v27.0/me/accounts?fields=id,name,access_token'],
    ['facebook', 'GET', '/v27.0/me/accounts'],
    ['facebook', 'GET', '/me?fields=accounts{access_token}'],
    ['facebook', 'GET', '/v27.0/oauth/access_token?grant_type=fb_exchange_token'],
  ] as const)('%s %s %s: 403, audited', async (...call) => {
    await expectRefused(t, key, call);
  });

  it.each([
    ['/me/accounts', 'method=get&fields=access_token'],
    ['/v27.0/', 'batch=[{"method":"GET","relative_url":"me/accounts"}]'],
    ['/me/accounts', 'method=get'],
  ])('refuses a Graph method override or batch in a body: POST %s %s', async (path, body) => {
    await expectRefused(t, key, ['facebook', 'POST', path], body);
  });

  it('answers the Pages without their tokens when the fields say so', async () => {
    const pages = await t.call(
      'GET',
      `/v1/proxy/${t.accounts.facebook}/v27.0/me/accounts?fields=id,name,instagram_business_account`,
      key,
    );
    expect(pages.status).toBe(200);
    expect(JSON.parse(pages.body)).toMatchObject({ data: [{ name: 'Ana Lima Studio' }] });
    expect(pages.body).not.toContain('access_token');
  });
});
