import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { LicenceKeyRing } from '../../src-main/core/plans/licence-key';
import type { Tier } from '../../src-shared/tiers';

const DAY_MS = 86_400_000;

/**
 * A throwaway Ed25519 pair made when the tests start: its public half is injected into the core
 * as the only trusted key, its private half never leaves this process (no key is committed).
 */
const pair = generateKeyPairSync('ed25519');
export const TEST_KID = `test-${randomBytes(4).toString('hex')}`;
export const testLicenceKeys: LicenceKeyRing = new Map([[TEST_KID, pair.publicKey]]);

/** A second pair nobody trusts: keys it signs must be refused. */
export const strangerKey = generateKeyPairSync('ed25519').privateKey;

/** The raw base64url public key, as a publisher's build (or demo mode) is given it. */
export const testPublicKeyRaw = (): string => pair.publicKey.export({ format: 'jwk' }).x!;

/**
 * Signs any payload the way the format says (`SBL1.<payload>.<Ed25519 over the first two>`),
 * written apart from licence-key.ts so the tests also pin the format.
 */
export function signRaw(payload: unknown, key: KeyObject = pair.privateKey): string {
  const signed = `SBL1.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signed}.${sign(null, Buffer.from(signed), key).toString('base64url')}`;
}

export interface TestLicence {
  plan?: Tier | string;
  holder?: string;
  /** Epoch ms the dates count from (the test's clock). */
  now?: number;
  days?: number;
  issuedDaysAgo?: number;
  product?: string;
  kid?: string;
  key?: KeyObject;
}

/** A licence key signed by the throwaway key (or `key`), valid `days` from `now` by default. */
export function issueTestLicence(options: TestLicence = {}): string {
  const now = options.now ?? Date.now();
  const issuedAt = now - (options.issuedDaysAgo ?? 0) * DAY_MS;
  return signRaw(
    {
      product: options.product ?? 'switchboard',
      kid: options.kid ?? TEST_KID,
      plan: options.plan ?? 'pro',
      holder: options.holder ?? 'Maya Makes Studio',
      issuedAt: new Date(issuedAt).toISOString(),
      expiresAt: new Date(issuedAt + (options.days ?? 365) * DAY_MS).toISOString(),
    },
    options.key,
  );
}
