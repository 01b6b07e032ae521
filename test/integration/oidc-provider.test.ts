// Item 11: the generic OAuth machinery against a real, certified authorization server that no
// one here wrote — oidc-provider on 127.0.0.1 with a native public client, PKCE and revocation.
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAuthorizeUrl } from '../../src-main/core/oauth/authorize-url';
import {
  createOAuthClient,
  type OAuthClient,
  type OAuthClientIdentity,
  type OAuthServer,
} from '../../src-main/core/oauth/oauth-client';
import { classifyOAuthError } from '../../src-main/core/oauth/oauth-errors';
import { generateCodeVerifier, generateState, s256Challenge } from '../../src-main/core/oauth/pkce';
import { createOriginTable, type OriginTable } from '../../src-main/core/net/origin-table';
import {
  classifyByStatus,
  PlatformError,
  type HttpFailure,
} from '../../src-main/core/net/platform-error';
import { createPlatformHttp } from '../../src-main/core/net/platform-http';

// Like a platform, the server is addressed by a real-looking https issuer; the origin table
// sends its traffic to the loopback port, so oauth4webapi's https checks stay on.
const ISSUER = 'https://op.switchboard.test';
const SERVER: OAuthServer = {
  issuer: ISSUER,
  authorizationEndpoint: `${ISSUER}/auth`,
  tokenEndpoint: `${ISSUER}/token`,
  revocationEndpoint: `${ISSUER}/token/revocation`,
};
const PUBLIC: OAuthClientIdentity = { clientId: 'switchboard-native', auth: { method: 'none' } };
const CONFIDENTIAL_SECRET = 'conf-se_cr.et~1';

let provider: Provider;
let opServer: Server;
let listener: Server;
let callbackBase: string;
let origins: OriginTable;
let client: OAuthClient;

beforeAll(async () => {
  provider = new Provider(ISSUER, {
    clients: [
      {
        client_id: PUBLIC.clientId,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        // RFC 8252 §7.3: for a native client any port of the loopback redirect is accepted.
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      {
        client_id: 'switchboard-confidential',
        client_secret: CONFIDENTIAL_SECRET,
        application_type: 'native',
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    // Explicit lifetimes (oidc-provider asks for them); the code's is RFC 6749's 10 minutes at most.
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 3600,
      RefreshToken: 86_400,
      Grant: 86_400,
      Interaction: 600,
      Session: 3600,
    },
    features: { revocation: { enabled: true }, devInteractions: { enabled: true } },
    cookies: { keys: ['switchboard-test-cookie-key'] },
    // The https issuer is served over loopback http, as behind a TLS-terminating proxy.
  });
  provider.proxy = true;
  const handle = provider.callback();
  opServer = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => opServer.listen(0, '127.0.0.1', resolve));
  origins = createOriginTable({
    [ISSUER]: `http://127.0.0.1:${(opServer.address() as { port: number }).port}`,
  });
  // The redirect target on an ephemeral port, as the loopback listener would be.
  listener = createServer((_req, res) => res.end('Signed in; go back to the app.'));
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  callbackBase = `http://127.0.0.1:${(listener.address() as { port: number }).port}`;
  client = createOAuthClient({
    server: SERVER,
    // The platform label only names metrics; this peer is none of the four.
    http: createPlatformHttp({ platform: 'x', origins, timeoutMs: 5_000 }),
    now: Date.now,
    classify: (failure: HttpFailure) =>
      classifyOAuthError(failure, 'The test server', null) ?? classifyByStatus(failure, null),
    platformName: 'The test server',
  });
});

/** The server itself knows `token` as a live access token of `clientId` (not just any string). */
async function expectLiveAccessToken(token: string, clientId: string): Promise<void> {
  const found = await provider.AccessToken.find(token);
  expect(found).toMatchObject({ clientId, isValid: true, isExpired: false });
}

afterAll(async () => {
  await new Promise((resolve) => opServer?.close(resolve));
  await new Promise((resolve) => listener?.close(resolve));
});

/**
 * The system browser, reduced to what oidc-provider's development interactions need: follow
 * redirects through the origin table, keep cookies, submit the login and consent forms.
 */
async function browse(authorizeUrl: URL, redirectUri: string): Promise<URLSearchParams> {
  const jar = new Map<string, string>();
  let real = authorizeUrl;
  let init: { method: 'GET' | 'POST'; body?: string } = { method: 'GET' };
  for (let step = 0; step < 12; step += 1) {
    if (real.href.startsWith(redirectUri)) {
      const landing = await request(real, { method: 'GET' });
      await landing.body.text();
      return real.searchParams;
    }
    const response = await request(origins.url(real), {
      ...init,
      headers: {
        // As seen behind a TLS-terminating proxy, so the provider's own URLs name its issuer.
        'x-forwarded-proto': 'https',
        'x-forwarded-host': new URL(ISSUER).host,
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    const setCookie = response.headers['set-cookie'];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=', 2) as [string, string];
      if (value) jar.set(name.trim(), value);
      else jar.delete(name.trim());
    }
    const html = await response.body.text();
    if (response.statusCode >= 300 && response.statusCode < 400) {
      real = new URL(String(response.headers.location), real);
      init = { method: 'GET' };
      continue;
    }
    expect(response.statusCode, html.slice(0, 300)).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    expect(action, 'a login or consent form').toBeDefined();
    const form = new URLSearchParams({ prompt: prompt ?? '' });
    // Development interactions accept any login.
    if (prompt === 'login') {
      form.set('login', 'creator-1');
      form.set('password', 'anything');
    }
    real = new URL(action!.replace(/&amp;/g, '&'), real);
    init = { method: 'POST', body: form.toString() };
  }
  throw new Error('The sign-in did not come back to the redirect URI.');
}

async function signIn(clientId = PUBLIC.clientId) {
  const attempt = {
    redirectUri: `${callbackBase}/callback`,
    state: generateState(),
    codeVerifier: generateCodeVerifier(),
  };
  const url = buildAuthorizeUrl(SERVER, {
    clientId,
    redirectUri: attempt.redirectUri,
    // offline_access yields a refresh token only with a consent prompt (OpenID Connect Core).
    scopes: ['offline_access'],
    state: attempt.state,
    codeChallenge: await s256Challenge(attempt.codeVerifier),
    extra: { prompt: 'consent' },
  });
  const callback = await browse(url, attempt.redirectUri);
  return { attempt, callback };
}

async function rejection(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

describe('the generic OAuth client against oidc-provider', () => {
  it('signs in with PKCE and state, refreshes with rotation, and revokes', async () => {
    const { attempt, callback } = await signIn();
    expect(callback.get('state')).toBe(attempt.state);
    expect(callback.get('iss')).toBe(ISSUER);
    const sentBefore = Date.now();
    const grant = await client.exchangeCode(PUBLIC, { ...attempt, callback, fallbackScopes: [] });
    await expectLiveAccessToken(grant.tokens.accessToken, PUBLIC.clientId);
    expect(await provider.RefreshToken.find(grant.tokens.refreshToken!)).toMatchObject({
      clientId: PUBLIC.clientId,
      isValid: true,
    });
    expect(grant.grantedScopes).toEqual(['offline_access']);
    expect(grant.tokens.issuedAt).toBeGreaterThanOrEqual(sentBefore);
    expect(grant.tokens.accessExpiresAt).toBe(
      grant.tokens.issuedAt + Number(grant.fields.expires_in) * 1000,
    );

    const first = grant.tokens.refreshToken!;
    const refreshed = await client.refresh(PUBLIC, first, grant.tokens.scopes);
    expect(refreshed.tokens.accessToken).not.toBe(grant.tokens.accessToken);
    // oidc-provider rotates a public client's refresh token (RFC 9700).
    const second = refreshed.tokens.refreshToken;
    expect(await provider.RefreshToken.find(second!)).toMatchObject({ isValid: true });
    expect(second).not.toBe(first);

    await client.revoke(PUBLIC, second!, { tokenTypeHint: 'refresh_token' });
    const dead = await rejection(client.refresh(PUBLIC, second!, []));
    expect([dead.kind, dead.code, dead.platformCode]).toEqual([
      'needs_reauth',
      'token_rejected',
      'invalid_grant',
    ]);
  });

  it('refuses a replayed code, and the server then revokes what the code gave', async () => {
    const { attempt, callback } = await signIn();
    const grant = await client.exchangeCode(PUBLIC, { ...attempt, callback, fallbackScopes: [] });
    const replay = await rejection(
      client.exchangeCode(PUBLIC, { ...attempt, callback, fallbackScopes: [] }),
    );
    expect([replay.code, replay.platformCode]).toEqual(['oauth_code_rejected', 'invalid_grant']);
    // RFC 6749 §4.1.2: a replayed code revokes the tokens issued from it.
    const revoked = await rejection(client.refresh(PUBLIC, grant.tokens.refreshToken!, []));
    expect(revoked.kind).toBe('needs_reauth');
  });

  it('refuses a code redeemed with another verifier', async () => {
    const { attempt, callback } = await signIn();
    const wrong = await rejection(
      client.exchangeCode(PUBLIC, {
        ...attempt,
        codeVerifier: generateCodeVerifier(),
        callback,
        fallbackScopes: [],
      }),
    );
    expect([wrong.code, wrong.kind]).toEqual(['oauth_code_rejected', 'needs_reauth']);
  });

  it('refuses a callback whose state is not this sign-in’s, before any request', async () => {
    const { attempt, callback } = await signIn();
    const error = await rejection(
      client.exchangeCode(PUBLIC, {
        ...attempt,
        state: generateState(),
        callback,
        fallbackScopes: [],
      }),
    );
    expect(error.code).toBe('oauth_code_rejected');
    // The code was never spent, so the right state still redeems it.
    const grant = await client.exchangeCode(PUBLIC, { ...attempt, callback, fallbackScopes: [] });
    await expectLiveAccessToken(grant.tokens.accessToken, PUBLIC.clientId);
  });

  it('authenticates a confidential client with RFC 6749 HTTP Basic, and refuses the wrong method', async () => {
    const confidential: OAuthClientIdentity = {
      clientId: 'switchboard-confidential',
      auth: { method: 'client_secret_basic', secret: CONFIDENTIAL_SECRET },
    };
    const { attempt, callback } = await signIn(confidential.clientId);
    const grant = await client.exchangeCode(confidential, {
      ...attempt,
      callback,
      fallbackScopes: [],
    });
    const asPublic = await rejection(
      client.refresh({ ...confidential, auth: { method: 'none' } }, grant.tokens.refreshToken!, []),
    );
    expect([asPublic.kind, asPublic.code]).toEqual([
      'bad_configuration',
      'platform_bad_credentials',
    ]);
    const refreshed = await client.refresh(confidential, grant.tokens.refreshToken!, []);
    await expectLiveAccessToken(refreshed.tokens.accessToken, confidential.clientId);
    expect(refreshed.tokens.accessToken).not.toBe(grant.tokens.accessToken);
  });
});
