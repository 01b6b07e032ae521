// Each adapter's refresh against its fake's scripted faults: only invalid-grant-like answers
// mean re-auth; 5xx, 429 and unreadable answers back off (PLATFORMS.md lessons).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src-shared/platforms';
import type { TokenSecrets } from '../../src-main/core/vault/types';
import type { FaultKind } from '../../src-main/demo/fake-http';
import {
  credentials,
  rejection,
  startHarness,
  stored,
  type Harness,
} from '../support/platform-harness';

const REFRESH_PATH: Record<ProviderId, string> = {
  youtube: '/token',
  instagram: '/refresh_access_token',
  facebook: '/v27.0/oauth/access_token',
  tiktok: '/v2/oauth/token/',
  x: '/2/oauth2/token',
};
const PROVIDERS = Object.keys(REFRESH_PATH) as ProviderId[];

let h: Harness;
const accounts = new Map<ProviderId, TokenSecrets>();

beforeAll(async () => {
  h = await startHarness();
  for (const provider of PROVIDERS) {
    const { tokens } = await h.connect(
      provider,
      provider === 'facebook' ? { user: 'Ana Lima' } : {},
    );
    accounts.set(provider, stored(provider, tokens));
  }
});
afterAll(async () => {
  await h?.close();
});

const cases: Array<[FaultKind, string, string | null]> = [
  ['503', 'retry', null],
  ['500', 'retry', null],
  ['not_json', 'retry', 'platform_bad_response'],
  ['missing_fields', 'retry', 'platform_bad_response'],
  ['429', 'rate_limited', 'platform_rate_limited'],
  ['invalid_grant', 'needs_reauth', null],
];

describe.each(PROVIDERS)('%s refresh under faults', (provider) => {
  it.each(cases)('%s → %s', async (fault, kind, code) => {
    h.clearFaults();
    h.fakes[provider].faults.add({ path: REFRESH_PATH[provider], kind: fault });
    const error = await rejection(
      h.registry[provider].refresh(accounts.get(provider)!, credentials(provider)),
    );
    expect(error.kind).toBe(kind);
    if (code) expect(error.code).toBe(code);
    if (fault === '429') expect(error.resetAt).toBeGreaterThan(h.clock.now());
    for (const secret of [
      accounts.get(provider)!.accessToken,
      accounts.get(provider)!.refreshToken,
    ]) {
      if (secret) expect(error.message).not.toContain(secret);
    }
  });

  it('turns a dropped connection into a retry, never a re-auth', async () => {
    h.clearFaults();
    h.fakes[provider].faults.add({ path: REFRESH_PATH[provider], kind: 'reset' });
    const error = await rejection(
      h.registry[provider].refresh(accounts.get(provider)!, credentials(provider)),
    );
    expect([error.kind, error.code]).toEqual(['retry', 'platform_unreachable']);
  });
});

describe('profile probes under faults', () => {
  it.each(PROVIDERS)(
    '%s: a 429 on the profile read is rate_limited with its reset',
    async (provider) => {
      h.clearFaults();
      h.fakes[provider].faults.add({ path: /./, kind: '429', method: 'GET' });
      const error = await rejection(
        h.registry[provider].probe(accounts.get(provider)!.accessToken, credentials(provider)),
      );
      expect(error.kind).toBe('rate_limited');
      expect(error.resetAt).toBeGreaterThan(h.clock.now());
    },
  );
});
