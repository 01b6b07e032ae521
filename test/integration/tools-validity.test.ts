// The validity a token must have when the /v1 API hands it out or proxies with it, at each
// boundary: the proxy's 120 s minimum, the token API's default 300 s and its 1,800 s ceiling.
// The core shares the fakes' clock, which stands still, so "119 s left" is exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_MIN_VALIDITY_SECONDS,
  MAX_MIN_VALIDITY_SECONDS,
  type CreatedTool,
} from '../../src-shared/tools';
import { startConnectHarness, type ConnectHarness } from '../support/connect-harness';
import { httpRequest } from '../support/http-client';

const X_TOKEN_PATH = '/2/oauth2/token';
let h: ConnectHarness;
let account: string;
let key: string;
let port: number;

beforeAll(async () => {
  h = await startConnectHarness({ sharedClock: true });
  const { session } = await h.connect('x');
  account = session.account!.id;
  key = (
    await h.call<CreatedTool>('tools.create', {
      name: 'validity',
      accounts: 'all',
      rights: ['token', 'proxy'],
    })
  ).key;
  port = h.core.healthServer!.port;
}, 60_000);
afterAll(async () => {
  await h.close();
});

const refreshes = () => h.fakes.x.requests.filter((r) => r.path === X_TOKEN_PATH).length;
const stored = () => h.core.vault.require().tokens.readSecrets(account);
/** The stored access token expires `seconds` from the (frozen) core clock; the fake still takes it. */
const leaveSeconds = (seconds: number) =>
  h.core.vault
    .require()
    .db.prepare('UPDATE tokens SET access_expires_at = ? WHERE account_id = ?')
    .run(h.clock.now() + seconds * 1000, account);

const call = (method: string, path: string, body?: string) =>
  httpRequest(port, {
    method,
    path,
    headers: {
      Host: `127.0.0.1:${port}`,
      Authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body }),
  });
const proxied = () => call('GET', `/v1/proxy/${account}/2/users/me`);
const token = (body: string) => call('POST', `/v1/accounts/${account}/token`, body);

/** Runs `send` with `seconds` left and says whether the token was renewed first. */
async function renewedWith(seconds: number, send: () => Promise<{ status: number }>) {
  leaveSeconds(seconds);
  const before = { calls: refreshes(), token: stored().accessToken };
  const answer = await send();
  expect(answer.status).toBe(200);
  const renewed = refreshes() - before.calls;
  expect(renewed).toBeLessThanOrEqual(1);
  expect(stored().accessToken !== before.token).toBe(renewed === 1);
  return renewed === 1;
}

describe('the proxy renews a token with less than 120 s left before it leaves', () => {
  it('119 s left: renewed; 120 s and 121 s left: sent as it is', async () => {
    expect(await renewedWith(119, proxied)).toBe(true);
    expect(await renewedWith(120, proxied)).toBe(false);
    expect(await renewedWith(121, proxied)).toBe(false);
  });
});

describe('the token API', () => {
  it(`defaults to ${DEFAULT_MIN_VALIDITY_SECONDS} s: 299 s left is renewed, 300 s is not`, async () => {
    expect(DEFAULT_MIN_VALIDITY_SECONDS).toBe(300);
    expect(await renewedWith(299, () => token('{}'))).toBe(true);
    expect(await renewedWith(300, () => token('{}'))).toBe(false);
    // The answer says how long the token it handed out lives.
    leaveSeconds(300);
    const answer = await token('{}');
    expect(JSON.parse(answer.body)).toMatchObject({
      accessToken: stored().accessToken,
      tokenType: 'Bearer',
      expiresAt: new Date(h.clock.now() + 300_000).toISOString(),
    });
  });

  it(`accepts up to ${MAX_MIN_VALIDITY_SECONDS} s and honours it; ${MAX_MIN_VALIDITY_SECONDS + 1} s is refused`, async () => {
    expect(MAX_MIN_VALIDITY_SECONDS).toBe(1_800);
    const max = JSON.stringify({ minValiditySeconds: 1_800 });
    expect(await renewedWith(1_799, () => token(max))).toBe(true);
    expect(await renewedWith(1_800, () => token(max))).toBe(false);
    const calls = refreshes();
    const over = await token(JSON.stringify({ minValiditySeconds: 1_801 }));
    expect(over.status).toBe(400);
    expect(JSON.parse(over.body).error).toMatchObject({ code: 'invalid_input' });
    expect(refreshes()).toBe(calls);
    // 0 is the floor: a token with 1 s left is handed out as it is.
    expect(await renewedWith(1, () => token('{"minValiditySeconds":0}'))).toBe(false);
  });
});
