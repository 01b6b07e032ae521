// Shared by the adapter integration tests: all five fakes behind the origin table, the adapters
// on the fakes' clock, and a stand-in for the loopback listener where the consent driver lands.
import { createServer } from 'node:http';
import { expect } from 'vitest';
import type { ProviderId } from '../../src-shared/platforms';
import { generateCodeVerifier, generateState } from '../../src-main/core/oauth/pkce';
import { createAdapterRegistry } from '../../src-main/core/platforms/adapter-registry';
import { createOriginTable } from '../../src-main/core/net/origin-table';
import type {
  ClientCredentials,
  ConnectAttempt,
  RateLimitSnapshot,
} from '../../src-main/core/platforms/platform-adapter';
import { PlatformError } from '../../src-main/core/net/platform-error';
import { createPlatformHttp } from '../../src-main/core/net/platform-http';
import type { TokenSecrets, TokenSet } from '../../src-main/core/vault/types';
import { driveConsent, type ConsentChoice } from './consent-driver';
import { DEMO_CLIENTS, fakeClock, startFakePlatforms } from '../../src-main/demo/fake-platforms';
import { X_DEMO_CLIENT } from '../../src-main/demo/fake-x';

export const PLATFORM_OF = {
  youtube: 'youtube',
  instagram: 'instagram',
  facebook: 'instagram',
  tiktok: 'tiktok',
  x: 'x',
} as const;

/** A confidential X client (with a secret holding `-` and `_`), registered beside the demo one. */
export const X_CONFIDENTIAL = { clientId: 'confidential-x', clientSecret: 'conf-x-se-cr_et' };

export function credentials(provider: ProviderId): ClientCredentials {
  return {
    clientId: DEMO_CLIENTS[provider].clientId,
    clientSecret: DEMO_CLIENTS[provider].clientSecret,
  };
}

/** What the vault would hold: a null refresh token from the platform keeps the stored one. */
export function stored(
  provider: ProviderId,
  tokens: TokenSet,
  previous?: TokenSecrets,
): TokenSecrets {
  return {
    accountId: `${provider}-account`,
    platform: PLATFORM_OF[provider],
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken || previous?.refreshToken || null,
    scopes: [...tokens.scopes],
    issuedAt: tokens.issuedAt,
    accessExpiresAt: tokens.accessExpiresAt,
    refreshExpiresAt: tokens.refreshExpiresAt ?? null,
    generation: (previous?.generation ?? 0) + 1,
  };
}

export async function rejection(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

export async function startHarness() {
  const clock = fakeClock();
  const fakes = await startFakePlatforms({
    now: clock.now,
    x: { clients: [X_DEMO_CLIENT, { ...X_CONFIDENTIAL, redirectUris: [] }] },
  });
  const rateLimits: RateLimitSnapshot[] = [];
  const origins = createOriginTable(fakes.origins);
  const registry = createAdapterRegistry((provider) => ({
    http: createPlatformHttp({ platform: PLATFORM_OF[provider], origins, timeoutMs: 5_000 }),
    now: clock.now,
    graphApiVersion: () => 'v27.0',
    onRateLimit: (snapshot) => rateLimits.push(snapshot),
  }));
  const target = createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(target.address() as { port: number }).port}`;
  for (const fake of [fakes.instagram, fakes.facebook, fakes.x]) {
    fake.registerRedirect(`${base}/callback`);
  }
  fakes.x.registerRedirect(`${base}/callback`, X_CONFIDENTIAL.clientId);

  /** authorize URL → the fake's consent page → the redirect, as a browser would. */
  async function signIn(
    provider: ProviderId,
    choice: ConsentChoice = {},
    client = credentials(provider),
  ) {
    const adapter = registry[provider];
    const attempt: ConnectAttempt = {
      redirectUri: `${base}${adapter.callbackPath}`,
      state: generateState(),
      codeVerifier: generateCodeVerifier(),
    };
    const url = await adapter.authorizeUrl(attempt, client);
    const consent = await driveConsent(url.href, choice);
    expect(consent.status).toBe(200);
    return { adapter, attempt, callback: new URL(consent.redirectedTo).searchParams };
  }

  async function connect(
    provider: ProviderId,
    choice: ConsentChoice = {},
    client = credentials(provider),
  ) {
    const { adapter, attempt, callback } = await signIn(provider, choice, client);
    const result = await adapter.exchangeCode(callback, attempt, client);
    return { ...result, callback };
  }

  return {
    clock,
    fakes,
    registry,
    rateLimits,
    signIn,
    connect,
    clearFaults() {
      for (const fake of [fakes.youtube, fakes.instagram, fakes.facebook, fakes.tiktok, fakes.x])
        fake.faults.clear();
    },
    async close() {
      await fakes.close();
      await new Promise((resolve) => target.close(resolve));
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
