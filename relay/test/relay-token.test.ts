import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  RELAY_APPS,
  form,
  json,
  originsTo,
  startRelay,
  startUpstream,
  type RelayUnderTest,
  type SeenRequest,
} from './relay-harness';
import { MAX_BODY_BYTES } from '../src/token';

// The token broker in the real Workers runtime, against a stand-in platform on 127.0.0.1.
type Script = (seen: SeenRequest, res: ServerResponse) => void;
let script: Script;
let upstream: Awaited<ReturnType<typeof startUpstream>>;
let relay: RelayUnderTest;

beforeAll(async () => {
  upstream = await startUpstream((seen, res) => script(seen, res));
  relay = await startRelay({ ...RELAY_APPS, RELAY_PLATFORM_ORIGINS: originsTo(upstream.origin) });
}, 30_000);
afterAll(async () => {
  await relay?.close();
  await upstream?.close();
});
beforeEach(() => {
  upstream.seen.length = 0;
  script = (_seen, res) => json(res, 200, { access_token: 'act-from-platform', expires_in: 7200 });
});

const TIKTOK = RELAY_APPS.RELAY_TIKTOK_CLIENT_ID;
let client = 0;
/** A fresh client address per request, so the rate limit tested below never interferes. */
const post = (provider: string, fields: Record<string, string>) =>
  relay.fetch(`/token/${provider}`, form(fields, `203.0.113.${(client = (client + 1) % 250)}`));

describe('POST /token/{provider}: what it completes', () => {
  it('adds the secret to a TikTok refresh and returns the platform answer unchanged', async () => {
    script = (_seen, res) => json(res, 200, { access_token: 'new-act', refresh_token: 'new-rt' });
    const answer = await post('tiktok', {
      grant_type: 'refresh_token',
      client_key: TIKTOK,
      refresh_token: 'rt-old',
      ignored_extra: 'never forwarded',
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ access_token: 'new-act', refresh_token: 'new-rt' });
    expect(upstream.seen).toHaveLength(1);
    expect(upstream.seen[0]!.method).toBe('POST');
    expect(upstream.seen[0]!.url).toBe('/v2/oauth/token/');
    expect(Object.fromEntries(new URLSearchParams(upstream.seen[0]!.body))).toEqual({
      client_key: TIKTOK,
      client_secret: RELAY_APPS.RELAY_TIKTOK_CLIENT_SECRET,
      grant_type: 'refresh_token',
      refresh_token: 'rt-old',
    });
  });

  it("completes TikTok's code exchange and revoke at their fixed URLs", async () => {
    await post('tiktok', {
      grant_type: 'authorization_code',
      client_key: TIKTOK,
      code: 'c1',
      redirect_uri: 'http://127.0.0.1:50000/callback/',
      code_verifier: 'v'.repeat(43),
    });
    await post('tiktok', { grant_type: 'revoke', client_key: TIKTOK, token: 'act' });
    expect(upstream.seen.map((seen) => seen.url)).toEqual([
      '/v2/oauth/token/',
      '/v2/oauth/revoke/',
    ]);
    const revoke = new URLSearchParams(upstream.seen[1]!.body);
    expect(revoke.get('client_secret')).toBe(RELAY_APPS.RELAY_TIKTOK_CLIENT_SECRET);
    expect(revoke.get('token')).toBe('act');
  });

  it("completes Instagram Login's code exchange (POST) and long-lived exchange (GET)", async () => {
    const id = RELAY_APPS.RELAY_INSTAGRAM_CLIENT_ID;
    await post('instagram', {
      grant_type: 'authorization_code',
      client_id: id,
      code: 'c2',
      redirect_uri: 'https://relay.example/callback/instagram',
    });
    await post('instagram', { grant_type: 'ig_exchange_token', client_id: id, access_token: 's' });
    expect(upstream.seen[0]!.url).toBe('/oauth/access_token');
    expect(new URLSearchParams(upstream.seen[0]!.body).get('client_secret')).toBe(
      RELAY_APPS.RELAY_INSTAGRAM_CLIENT_SECRET,
    );
    const exchange = new URL(upstream.seen[1]!.url, 'http://x');
    expect(upstream.seen[1]!.method).toBe('GET');
    expect(exchange.pathname).toBe('/access_token');
    expect(exchange.searchParams.get('grant_type')).toBe('ig_exchange_token');
    expect(exchange.searchParams.get('client_secret')).toBe(
      RELAY_APPS.RELAY_INSTAGRAM_CLIENT_SECRET,
    );
  });

  it("completes the Facebook path's exchanges under the Graph version the desktop names", async () => {
    const id = RELAY_APPS.RELAY_FACEBOOK_CLIENT_ID;
    await post('facebook', {
      grant_type: 'fb_exchange_token',
      client_id: id,
      fb_exchange_token: 'short',
      graph_version: 'v27.0',
    });
    const call = new URL(upstream.seen[0]!.url, 'http://x');
    expect(call.pathname).toBe('/v27.0/oauth/access_token');
    expect(call.searchParams.get('client_secret')).toBe(RELAY_APPS.RELAY_FACEBOOK_CLIENT_SECRET);
    const bad = await post('facebook', {
      grant_type: 'fb_exchange_token',
      client_id: id,
      fb_exchange_token: 'short',
      graph_version: 'v27.0/../../me',
    });
    expect(bad.status).toBe(400);
    expect(upstream.seen).toHaveLength(1);
  });
});

describe('POST /token/{provider}: what it refuses, before any platform call', () => {
  const tiktok = { client_key: TIKTOK, refresh_token: 'rt' };
  it.each([
    [
      'an unknown provider',
      'youtube',
      { grant_type: 'refresh_token', ...tiktok },
      404,
      'unknown_provider',
    ],
    [
      'an unlisted grant type',
      'tiktok',
      { grant_type: 'password', ...tiktok },
      400,
      'unsupported_grant_type',
    ],
    [
      'a client_credentials grant',
      'tiktok',
      { grant_type: 'client_credentials', client_key: TIKTOK },
      400,
      'unsupported_grant_type',
    ],
    [
      'an app-access-token grant on Meta',
      'facebook',
      { grant_type: 'client_credentials', client_id: RELAY_APPS.RELAY_FACEBOOK_CLIENT_ID },
      400,
      'unsupported_grant_type',
    ],
    [
      'a grant named like an object property',
      'tiktok',
      { grant_type: 'constructor', ...tiktok },
      400,
      'unsupported_grant_type',
    ],
    [
      'another client id',
      'tiktok',
      { grant_type: 'refresh_token', client_key: 'someone-else', refresh_token: 'rt' },
      403,
      'client_mismatch',
    ],
    [
      'a secret sent by the desktop',
      'tiktok',
      { grant_type: 'refresh_token', ...tiktok, client_secret: 'x' },
      400,
      'secret_not_accepted',
    ],
    [
      'a missing parameter',
      'tiktok',
      { grant_type: 'refresh_token', client_key: TIKTOK },
      400,
      'parameter_missing',
    ],
  ])('refuses %s', async (_what, provider, fields, status, code) => {
    const answer = await post(provider, fields as Record<string, string>);
    expect(answer.status).toBe(status);
    expect((await answer.json()).error.code).toBe(code);
    expect(upstream.seen).toHaveLength(0);
  });

  it(`takes a body of exactly ${MAX_BODY_BYTES} bytes, and refuses one byte more`, async () => {
    const fields = {
      grant_type: 'refresh_token',
      client_key: TIKTOK,
      refresh_token: 'rt',
      pad: '',
    };
    const base = new URLSearchParams(fields).toString().length;
    const sized = (bytes: number) =>
      relay.fetch('/token/tiktok', {
        method: 'POST',
        client: `192.0.2.${bytes % 200}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, pad: 'x'.repeat(bytes - base) }).toString(),
      });
    expect(MAX_BODY_BYTES).toBe(16 * 1024);
    expect((await sized(MAX_BODY_BYTES)).status).toBe(200);
    expect((await sized(MAX_BODY_BYTES + 1)).status).toBe(413);
  });

  it('refuses a body over the limit and a body that is not a form', async () => {
    const big = await post('tiktok', {
      grant_type: 'refresh_token',
      ...tiktok,
      pad: 'x'.repeat(17_000),
    });
    expect(big.status).toBe(413);
    const asJson = await relay.fetch('/token/tiktok', {
      method: 'POST',
      client: '192.0.2.200',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', ...tiktok }),
    });
    expect(asJson.status).toBe(415);
    expect(upstream.seen).toHaveLength(0);
  });
});

describe('POST /token/{provider}: when the platform misbehaves', () => {
  const refresh = () =>
    post('tiktok', { grant_type: 'refresh_token', client_key: TIKTOK, refresh_token: 'rt' });

  it("passes a 5xx or an HTML page through with the platform's status", async () => {
    script = (_seen, res) => {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<html>upstream down</html>');
    };
    const answer = await refresh();
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toBe('text/html');
    expect(await answer.text()).toBe('<html>upstream down</html>');
  });

  it('answers 502 promptly when the platform hangs up without an answer', async () => {
    script = (_seen, res) => res.socket?.destroy();
    const answer = await refresh();
    expect(answer.status).toBe(502);
    const text = await answer.text();
    expect(JSON.parse(text).error.code).toBe('upstream_unreachable');
    expect(text).not.toMatch(/secret|at .*\.(js|ts)/);
  });

  it('never hands back a secret the platform echoed', async () => {
    script = (seen, res) => json(res, 400, { error: 'invalid_request', echo: seen.body });
    const text = await (await refresh()).text();
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(RELAY_APPS.RELAY_TIKTOK_CLIENT_SECRET);
  });
});

describe('rate limit and log', () => {
  it('limits a flood from one client and keeps serving others', async () => {
    const flood = Array.from({ length: 40 }, () =>
      relay.fetch('/health', { client: '192.0.2.66' }).then((answer) => answer.status),
    );
    const statuses = await Promise.all(flood);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(10);
    const limited = await relay.fetch('/health', { client: '192.0.2.66' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await relay.fetch('/health', { client: '192.0.2.67' })).status).toBe(200);
  });

  it('logs status, provider and grant only: no code, token or secret', async () => {
    await post('tiktok', {
      grant_type: 'authorization_code',
      client_key: TIKTOK,
      code: 'code-that-must-not-be-logged',
      redirect_uri: 'http://127.0.0.1:50000/callback/',
    });
    await expect
      .poll(() => relay.logs.some((line) => line.includes('"authorization_code"')))
      .toBe(true);
    const log = relay.logs.join('\n');
    for (const secret of [
      'code-that-must-not-be-logged',
      'act-from-platform',
      ...Object.values(RELAY_APPS).filter((value) => value.includes('secret')),
    ])
      expect(log).not.toContain(secret);
  });
});

describe('a relay pointed away from this machine', () => {
  it('refuses to run with a stand-in table that names another host', async () => {
    const misconfigured = await startRelay({
      ...RELAY_APPS,
      RELAY_PLATFORM_ORIGINS: JSON.stringify({
        'https://open.tiktokapis.com': 'https://evil.example',
      }),
    });
    try {
      const answer = await misconfigured.fetch(
        '/token/tiktok',
        form({ grant_type: 'refresh_token', client_key: TIKTOK, refresh_token: 'rt' }),
      );
      expect(answer.status).toBe(500);
      const text = await answer.text();
      expect(JSON.parse(text).error.code).toBe('relay_misconfigured');
      expect(text).not.toContain(RELAY_APPS.RELAY_TIKTOK_CLIENT_SECRET);
    } finally {
      await misconfigured.close();
    }
  }, 30_000);
});
