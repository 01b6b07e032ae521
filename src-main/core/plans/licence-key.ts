import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { ErrorCode } from '../../../src-shared/errors';
import { isTier, TIER_NAMES, type Tier } from '../../../src-shared/tiers';

/**
 * Offline licence keys: `SBL1.<payload>.<signature>`, both parts base64url. The payload is JSON
 * naming the product, the signing key's id, the plan, the holder and the dates; the signature is
 * Ed25519 over everything before the last dot, so the prefix is signed too. No network, ever.
 */
export const LICENCE_PREFIX = 'SBL1';
export const LICENCE_PRODUCT = 'switchboard';
/** A clock a few minutes ahead of the publisher's must not refuse a key issued just now. */
const CLOCK_SKEW_MS = 10 * 60_000;

/** Public keys by key id: the publisher's, built in (public-keys.ts), or a test's throwaway one. */
export type LicenceKeyRing = ReadonlyMap<string, KeyObject>;

const PayloadSchema = z.object({
  product: z.string(),
  kid: z.string().min(1).max(64),
  plan: z.string().min(1).max(32),
  holder: z.string().min(1).max(200),
  issuedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type LicencePayload = z.infer<typeof PayloadSchema>;

/** A verified licence: what the plan screen shows and the limits follow. */
export interface Licence {
  plan: Tier;
  holder: string;
  issuedAt: number;
  expiresAt: number;
  kid: string;
}

export type LicenceProblem =
  | 'malformed'
  | 'other_product'
  | 'unknown_key'
  | 'bad_signature'
  | 'unknown_plan'
  | 'not_yet_valid'
  | 'expired';

export type LicenceVerdict =
  | { ok: true; licence: Licence }
  | {
      ok: false;
      problem: LicenceProblem;
      code: ErrorCode;
      message: string;
      /** The signed facts, when the signature held (an expired key still names its holder). */
      payload: LicencePayload | null;
    };

const B64URL = /^[A-Za-z0-9_-]+$/;

/** Strict base64url: only its alphabet, and only the one canonical spelling of the bytes. */
function decodeStrict(text: string): Buffer | null {
  if (!B64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

/** An Ed25519 public key from its 32 raw bytes in base64url (the form public-keys.ts lists). */
export function publicKeyFromRaw(raw: string): KeyObject {
  const bytes = decodeStrict(raw);
  if (!bytes || bytes.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
}

/** The raw base64url form of an Ed25519 public key, for public-keys.ts or a build's variable. */
export function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return jwk.x;
}

/** Signs a licence (the publisher's command and tests); the private key never enters the app. */
export function signLicence(payload: Omit<LicencePayload, 'product'>, privateKey: KeyObject) {
  const body = Buffer.from(JSON.stringify({ product: LICENCE_PRODUCT, ...payload })).toString(
    'base64url',
  );
  const signed = `${LICENCE_PREFIX}.${body}`;
  return `${signed}.${sign(null, Buffer.from(signed), privateKey).toString('base64url')}`;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function refuse(
  problem: LicenceProblem,
  message: string,
  payload: LicencePayload | null = null,
): LicenceVerdict {
  const code: ErrorCode = problem === 'expired' ? 'licence_expired' : 'licence_invalid';
  return { ok: false, problem, code, message, payload };
}

const INCOMPLETE =
  'This licence key is incomplete or has extra characters; copy it again in full, from its first to its last character.';

/** The payload of a well-formed key, or null: the shape only, nothing is trusted yet. */
function parse(key: string): { signed: string; payload: LicencePayload; signature: Buffer } | null {
  const parts = key.split('.');
  if (parts.length !== 3 || parts[0] !== LICENCE_PREFIX) return null;
  const body = decodeStrict(parts[1]!);
  const signature = decodeStrict(parts[2]!);
  if (!body || !signature || signature.length !== 64) return null;
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  const payload = PayloadSchema.safeParse(json);
  return payload.success
    ? { signed: `${parts[0]}.${parts[1]}`, payload: payload.data, signature }
    : null;
}

/**
 * Checks a key completely: shape, product, a known key id, the Ed25519 signature, a plan this
 * version knows, and the dates against `now`. Whitespace a mail client added is ignored.
 */
export function verifyLicence(input: string, keys: LicenceKeyRing, now: number): LicenceVerdict {
  const parsed = parse(input.replace(/\s+/g, ''));
  if (!parsed) return refuse('malformed', INCOMPLETE);
  const { payload } = parsed;
  if (payload.product !== LICENCE_PRODUCT)
    return refuse('other_product', 'This licence key is for another product, not Switchboard.');
  const publicKey = keys.get(payload.kid);
  if (!publicKey)
    return refuse(
      'unknown_key',
      `This licence key was signed by a key this build of Switchboard does not know (“${payload.kid.slice(0, 64)}”); use a key from the publisher of this build.`,
    );
  if (!verify(null, Buffer.from(parsed.signed), publicKey, parsed.signature))
    return refuse(
      'bad_signature',
      'This licence key’s signature does not match its contents: it was changed after it was issued. Copy it again from the original.',
    );
  if (!isTier(payload.plan))
    return refuse(
      'unknown_plan',
      `This licence is for a plan called “${payload.plan}”, which this version of Switchboard does not know; update Switchboard.`,
      payload,
    );
  const issuedAt = Date.parse(payload.issuedAt);
  const expiresAt = Date.parse(payload.expiresAt);
  if (issuedAt - CLOCK_SKEW_MS > now)
    return refuse(
      'not_yet_valid',
      `This licence key is dated ${day(issuedAt)}, after today on this computer; check the computer’s date and time.`,
      payload,
    );
  if (expiresAt <= now)
    return refuse(
      'expired',
      `This ${TIER_NAMES[payload.plan]} licence expired on ${day(expiresAt)}; renew it where you bought it.`,
      payload,
    );
  return {
    ok: true,
    licence: { plan: payload.plan, holder: payload.holder, issuedAt, expiresAt, kid: payload.kid },
  };
}
