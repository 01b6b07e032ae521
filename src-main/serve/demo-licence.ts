import { generateKeyPairSync } from 'node:crypto';
import { signLicence, type LicenceKeyRing } from '../core/plans/licence-key';

const DEMO_KID = 'demo';
const DAY_MS = 86_400_000;

/**
 * Demo mode's own licence: a key pair made at start, whose private half signs one Pro key and is
 * then dropped. Only this demo process trusts it, so the key works here and nowhere else (not in
 * serve mode, not in an installed app, not in the next demo run).
 */
export function demoLicence(now = Date.now()): { keys: LicenceKeyRing; key: string } {
  const pair = generateKeyPairSync('ed25519');
  const key = signLicence(
    {
      kid: DEMO_KID,
      plan: 'pro',
      holder: 'Demo Creator',
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 30 * DAY_MS).toISOString(),
    },
    pair.privateKey,
  );
  return { keys: new Map([[DEMO_KID, pair.publicKey]]), key };
}
