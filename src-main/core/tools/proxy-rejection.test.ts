import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../src-shared/platforms';
import { createLogger } from '../logger';
import { createAdapterRegistry } from '../platforms/adapter-registry';
import { scripted } from '../../../test/support/scripted-http';
import type { TokenKeeper } from '../refresh/token-keeper';
import type { TokenSecrets } from '../vault/types';
import {
  afterRefusal,
  createRejectionGate,
  isAboutToken,
  REJECTION_REFRESH_COOLDOWN_MS,
} from './proxy-rejection';

const adapters = createAdapterRegistry(scripted().context);
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const tiktok = (code: string) => json({ error: { code, message: code, log_id: '1' } });
const graph = (code: number, subcode?: number) =>
  json({ error: { message: 'm', type: 'OAuthException', code, error_subcode: subcode } });
const google = (reason: string, status: string) =>
  json({ error: { code: 401, message: 'm', errors: [{ reason, domain: 'global' }], status } });
const xProblem = json({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'x' });

/** [provider, 401 body, is it about the token?] as each platform documents them (PLATFORMS.md). */
const CASES: [ProviderId, string, Buffer, boolean][] = [
  ['tiktok', 'access_token_invalid', tiktok('access_token_invalid'), true],
  ['tiktok', 'scope_not_authorized', tiktok('scope_not_authorized'), false],
  ['tiktok', 'scope_permission_missed', tiktok('scope_permission_missed'), false],
  ['instagram', 'OAuthException 190/463', graph(190, 463), true],
  ['instagram', 'OAuthException 10', graph(10), false],
  ['facebook', 'OAuthException 190', graph(190), true],
  ['facebook', 'OAuthException 200', graph(200), false],
  ['facebook', 'OAuthException 299', graph(299), false],
  ['youtube', 'authError UNAUTHENTICATED', google('authError', 'UNAUTHENTICATED'), true],
  [
    'youtube',
    'insufficientPermissions',
    google('insufficientPermissions', 'PERMISSION_DENIED'),
    false,
  ],
  ['youtube', 'PERMISSION_DENIED', google('forbidden', 'PERMISSION_DENIED'), false],
  ['x', 'problem JSON', xProblem, true],
  ['x', 'HTML', Buffer.from('<html>Unauthorized</html>'), true],
];

describe('whether a 401 is about the token', () => {
  it.each(CASES)('%s %s → %s', (provider, _label, body, expected) => {
    const answer = { status: 401, headers: { 'content-type': 'application/json' } };
    expect(isAboutToken(adapters[provider], answer, body, true, '/any')).toBe(expected);
  });
});

function secrets(accessToken: string): TokenSecrets {
  return { accessToken } as TokenSecrets;
}

/** A keeper that renews to `t1`, `t2`… and counts the refreshes a rejection started. */
function countingKeeper() {
  let stored = 't0';
  let renewals = 0;
  const keeper: TokenKeeper = {
    ensureFresh: async () => secrets(stored),
    afterRejection: async (_id, rejected) => {
      if (rejected !== stored) return secrets(stored);
      renewals += 1;
      stored = `t${renewals}`;
      return secrets(stored);
    },
  };
  return {
    keeper,
    renewals: () => renewals,
    replaceStored: (token: string) => {
      stored = token;
    },
  };
}

describe('the rejection gate', () => {
  it('refreshes once per account per cooldown, and again from the cooldown on', async () => {
    const clock = { now: 1_000_000 };
    const k = countingKeeper();
    const gate = createRejectionGate({ keeper: k.keeper, now: () => clock.now });
    expect((await gate.renew('a', 't0', 'tool'))?.accessToken).toBe('t1');
    // Calls that were refused with the replaced token share that refresh.
    expect((await gate.renew('a', 't0', 'tool'))?.accessToken).toBe('t1');
    clock.now += REJECTION_REFRESH_COOLDOWN_MS - 1;
    // The renewed token refused too, just inside the cooldown: answered as it is.
    expect(await gate.renew('a', 't1', 'tool')).toBeNull();
    expect(k.renewals()).toBe(1);
    // Another account has its own cooldown.
    expect((await gate.renew('b', 't1', 'tool'))?.accessToken).toBe('t2');
    clock.now += 1;
    expect((await gate.renew('a', 't2', 'tool'))?.accessToken).toBe('t3');
    expect(k.renewals()).toBe(3);
  });

  it('inside the cooldown, retries with a token someone else renewed since', async () => {
    const clock = { now: 0 };
    const k = countingKeeper();
    const gate = createRejectionGate({ keeper: k.keeper, now: () => clock.now });
    await gate.renew('a', 't0', 'tool');
    k.replaceStored('from-the-scheduler');
    expect((await gate.renew('a', 't1', 'tool'))?.accessToken).toBe('from-the-scheduler');
    expect(k.renewals()).toBe(1);
  });
});

describe('after a refusal', () => {
  const log = createLogger(() => {});
  const refused = (body: Buffer) => ({
    status: 401,
    headers: { 'content-type': 'application/json' },
    body: Readable.from([body]),
  });
  const run = (body: Buffer, replayable: boolean, k = countingKeeper()) =>
    afterRefusal({
      adapter: adapters.tiktok,
      gate: createRejectionGate({ keeper: k.keeper, now: () => 0 }),
      log,
      accountId: 'a',
      reason: 'tool',
      path: '/v2/user/info/',
      rejected: 't0',
      replayable,
      answer: refused(body),
    });

  it('forwards a scope refusal intact without refreshing', async () => {
    const k = countingKeeper();
    const next = await run(tiktok('scope_not_authorized'), true, k);
    if (!('answer' in next)) throw new Error('expected the answer to be forwarded');
    const parts: Buffer[] = [];
    for await (const part of next.answer.body) parts.push(part as Buffer);
    expect(Buffer.concat(parts).equals(tiktok('scope_not_authorized'))).toBe(true);
    expect(k.renewals()).toBe(0);
  });

  it('retries a token refusal with the renewed token when the body can be sent again', async () => {
    expect(await run(tiktok('access_token_invalid'), true)).toEqual({
      retryWith: secrets('t1'),
    });
    const k = countingKeeper();
    const unreplayable = await run(tiktok('access_token_invalid'), false, k);
    expect('answer' in unreplayable).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(k.renewals()).toBe(1);
  });
});
