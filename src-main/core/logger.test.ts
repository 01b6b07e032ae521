import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from './logger';

// Shaped like the real thing: the unlabelled rule judges by shape, so toy values would not do.
const GOOGLE_ACCESS = 'ya29.a0AfB_byC3kL9mQ2xV7nR4tP8wZ1sD6fH0jK5gE2uY9oI3aN7bM4cX8vT1qW6rL0pS';
const OPAQUE = 'Qh5Ssb3d_PT7m0xLm2xVfp8Ju6u0JXm1e4Cgq9xZzVo';
const HEX_KEY = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

describe('scrubSecrets', () => {
  it.each([
    // Labelled values: query strings, forms, prose.
    [
      'a query string',
      'https://graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token&access_token=IGQVJabc123',
      ['IGQVJabc123'],
    ],
    [
      'an OAuth 1.0a token secret',
      'oauth_token=kT9x&oauth_token_secret=Xy7sdf9Q',
      ['Xy7sdf9Q', 'kT9x'],
    ],
    ['api_key', 'GET /v3/search?api_key=AIzaSyD-abc123&q=cats', ['AIzaSyD-abc123']],
    ['apiKey', 'config apiKey=sk_live_123abc loaded', ['sk_live_123abc']],
    ['secret', 'upstream rejected secret=shh1', ['shh1']],
    ['key', 'retrying with key=k3y-value', ['k3y-value']],
    ['the ready URL key', `ready at http://127.0.0.1:7477/#key=${OPAQUE}`, [OPAQUE]],
    ['a short ready URL key', 'ready at http://127.0.0.1:7477/#key=Ab3', ['Ab3']],
    [
      'client_secret and code',
      'client_secret=GOCSPX-abcdef&code=4/0AX4',
      ['GOCSPX-abcdef', '4/0AX4'],
    ],
    ['code_verifier', 'code_verifier=abcDEF123-._~', ['abcDEF123']],
    ['everything after a comma', 'token=abc,def and more', ['abc', 'def']],
    ['a value with semicolons', 'session=abc;def', ['abc', 'def']],
    ['a URL-encoded form', 'redirect=cb%3Faccess_token%3Dabc123%26x', ['abc123']],
    ['a password in a URL', 'https://user:hunter2@example.com/path', ['hunter2']],
    ['a spaced passphrase', 'vault passphrase: correct horse battery staple', ['horse', 'staple']],
    // Headers.
    ['x-api-key', 'x-api-key: abcd1234efgh', ['abcd1234efgh']],
    ['Cookie', 'Cookie: sid=abc123; theme=dark', ['abc123', 'dark']],
    ['Set-Cookie', 'Set-Cookie: session=abc123; Path=/; HttpOnly', ['abc123']],
    ['Bearer', 'Authorization: Bearer eyJhbGciOi.payload.sig', ['eyJhbGciOi.payload.sig']],
    ['Basic', 'Authorization: Basic Y2xpZW50OnNlY3JldA==', ['Y2xpZW50OnNlY3JldA==']],
    [
      'an OAuth 1.0a header',
      'authorization: OAuth oauth_consumer_key="ck1", oauth_token="tk2", oauth_signature="sg3%3D"',
      ['ck1', 'tk2', 'sg3'],
    ],
    ['a bare Bearer', 'sent Bearer Zm9vYmFyYmF6cXV4 to the proxy', ['Zm9vYmFyYmF6cXV4']],
    [
      'an inspected header object',
      "{ authorization: 'Bearer abc,def', cookie: 'a=1' }",
      ['abc', 'def', 'a=1'],
    ],
    // JSON and JS objects.
    ['JSON', '{"access_token":"ya29.a0AfH6","expires_in":3599}', ['ya29.a0AfH6']],
    ['JSON with spaces', '{"refresh_token": "1//0gLx-secret"}', ['1//0gLx-secret']],
    [
      'JSON client_secret',
      '{"client_secret": "GOCSPX-abcdef", "client_id": "1"}',
      ['GOCSPX-abcdef'],
    ],
    ['JSON with a comma inside', '{"id_token":"abc,def"}', ['abc', 'def']],
    ['JSON inside a JSON string', '{"body":"{\\"access_token\\":\\"abc,def\\"}"}', ['abc', 'def']],
    ['a JSON number', '{"token": 123456}', ['123456']],
    ['a JS object', "{ access_token: 'abc,def', refresh_token: 'xyz' }", ['abc', 'def', 'xyz']],
    [
      'an authorization code that is letters only',
      'code=SplxlOBeZQQYbYS6WxSbIA',
      ['SplxlOBeZQQYbYS6WxSbIA'],
    ],
    // Unlabelled tokens.
    ['a Google access token in prose', `invalid token ${GOOGLE_ACCESS} for user`, [GOOGLE_ACCESS]],
    ['a short Google access token', 'upstream said "ya29.a0AfH6" was revoked', ['a0AfH6']],
    ['a Google refresh token', 'stored 1//0gLxYz9AbCdEfGh for later', ['0gLxYz9AbCdEfGh']],
    ['an opaque token in prose', `the page sent ${OPAQUE} twice`, [OPAQUE]],
    ['a hex key', `key material ${HEX_KEY} leaked`, [HEX_KEY]],
    ['a JWT', 'id eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl here', ['eyJzdWIiOiIxIn0']],
    ['a TikTok token', 'TikTok act.1a2b3c4d5e6f7g8h9i0jExample!4931.va', ['1a2b3c4d5e6f7g8h9i0j']],
  ])('removes %s', (_name, line, secrets) => {
    const scrubbed = scrubSecrets(line);
    for (const secret of secrets) expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain('[redacted]');
  });

  it.each([
    ['a sentence', 'refresh for account acc_123 on youtube took 412 ms'],
    ['a sentence about tokens', 'The access token expired at 12:00; refreshing in 5 s'],
    ['a timestamped line', '2024-05-01T12:00:00.000Z info vault opened in 12 ms'],
    ['an error code', 'vault stays locked: vault_wrong_key'],
    ['an error code field', "connect failed: { code: 'ECONNRESET', errno: -104 }"],
    ['a platform error', '{"error":{"type":"OAuthException","code":190,"error_subcode":463}}'],
    ['an OAuth error', '{"error":"invalid_grant","error_description":"Bad Request"}'],
    ['a token type', '{"token_type":"Bearer","expires_in":3599,"scope":"openid"}'],
    [
      'a URL path without secrets',
      'GET https://www.googleapis.com/youtube/v3/channels?part=snippet 200',
    ],
    ['a discovery URL', '"token_endpoint":"https://oauth2.googleapis.com/token"'],
    ['a UUID in a path', 'GET /api/accounts/550e8400-e29b-41d4-a716-446655440000/avatar.png 404'],
    ['a UUID id', 'connect 9b2f7c1e-4a3d-4e8f-b6a5-0c1d2e3f4a5b finished in 2 s'],
    [
      'a stack frame',
      'at open (/home/me/app/node_modules/better-sqlite3/lib/methods/wrappers.js:5:21)',
    ],
    [
      'a set-aside settings file',
      'kept /home/me/.config/Switchboard/settings.json.damaged-2024-05-01T12-00-00-000Z',
    ],
    ['an auth challenge', 'WWW-Authenticate: Bearer realm="switchboard", error="invalid_token"'],
    ['a plan name', 'Basic plan chosen'],
  ])('keeps %s', (_name, line) => {
    expect(scrubSecrets(line)).toBe(line);
  });

  it('catches random 64-character tokens of every common alphabet', () => {
    // Seeded, so the sample (and the verdict) is the same on every run.
    const bytes = (i: number) => createHash('sha512').update(`token ${i}`).digest().subarray(0, 48);
    const alphabets = {
      base64url: (i: number) => bytes(i).toString('base64url'),
      base64: (i: number) => bytes(i).toString('base64'),
      hex: (i: number) => bytes(i).toString('hex').slice(0, 64),
    };
    for (const [name, make] of Object.entries(alphabets)) {
      const missed = Array.from({ length: 2_000 }, (_, i) => make(i)).filter((token) =>
        scrubSecrets(`upstream said ${token}.`).includes(token),
      );
      expect(missed, name).toEqual([]);
    }
  });

  it('keeps ids that are UUIDs', () => {
    const uuids = Array.from({ length: 500 }, (_, i) => {
      const hex = createHash('sha256').update(`id ${i}`).digest('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    });
    const changed = uuids.filter((id) =>
      scrubSecrets(`account ${id} refreshed`).includes('[redacted]'),
    );
    expect(changed).toEqual([]);
  });

  it('runs in linear time on long, hostile lines', () => {
    const started = performance.now();
    scrubSecrets(`${'token'.repeat(20_000)}=${'a'.repeat(100_000)} ${'"key":'.repeat(20_000)}`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('createLogger', () => {
  it('scrubs the whole line, the error stack included', () => {
    const lines: string[] = [];
    const log = createLogger((line) => lines.push(line));
    log.error('refresh failed', new Error(`upstream answered access_token=${OPAQUE}`));
    log.info(`Authorization: Bearer ${OPAQUE}`);
    expect(lines.join('\n')).not.toContain(OPAQUE);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z error refresh failed: Error/);
  });
});
