import { z } from 'zod';
import { publicKeyFromRaw, type LicenceKeyRing } from './licence-key';

// Inlined by scripts/build-main.mjs from SWITCHBOARD_BUILD_LICENCE_KEYS (JSON: key id → raw
// Ed25519 public key, base64url) and SWITCHBOARD_BUILD_PLANS_URL when a publisher builds the app.
// Absent in development and tests: then no key verifies and every install is on the Free plan.
declare const __SWITCHBOARD_LICENCE_KEYS__: string | undefined;
declare const __SWITCHBOARD_PLANS_URL__: string | undefined;

/**
 * Public keys every build trusts, by key id. Only public halves belong here; a publisher adds
 * theirs at build time instead of editing this list. Empty: this repository has no publisher.
 */
const BUILT_IN: Record<string, string> = {};

const KeysSchema = z.record(z.string().min(1).max(64), z.string());

/** A key ring from `{ kid: rawPublicKey }`; a malformed entry stops the build's start loudly. */
export function keyRingOf(keys: Record<string, string>): LicenceKeyRing {
  return new Map(Object.entries(keys).map(([kid, raw]) => [kid, publicKeyFromRaw(raw)]));
}

/** The licence keys this build trusts: the list above plus the publisher's. */
export function builtInLicenceKeys(): LicenceKeyRing {
  const fromBuild =
    typeof __SWITCHBOARD_LICENCE_KEYS__ === 'string'
      ? KeysSchema.parse(JSON.parse(__SWITCHBOARD_LICENCE_KEYS__))
      : {};
  return keyRingOf({ ...BUILT_IN, ...fromBuild });
}

/** Where plans are sold, as the publisher's build names it; null in development. */
export function builtInPlansUrl(): string | null {
  if (typeof __SWITCHBOARD_PLANS_URL__ !== 'string') return null;
  try {
    const url = new URL(__SWITCHBOARD_PLANS_URL__);
    return url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
