import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';
import { secretContext, type KeyRing } from './key-ring';
import { SealBrokenError } from './sealed-box';

/** What a signing secret is for; the alert webhook is the only one so far. */
export type SigningPurpose = 'alert_webhook';

/** The prefix tells a reader what the string is (as Stripe's `whsec_` does). */
export const SIGNING_SECRET_PREFIX = 'whsec_';

/**
 * Signing secrets, sealed under the vault key. `roll` is the only call that hands one out to
 * show; `current` is for signing inside main; `status` says whether one is set, never which.
 */
export function createSigningSecretsRepo(
  db: Database.Database,
  ring: () => KeyRing,
  now: () => number,
) {
  const upsert = db.prepare(
    `INSERT INTO signing_secrets (purpose, secret, created_at) VALUES (?, ?, ?)
     ON CONFLICT (purpose) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at`,
  );
  const select = db.prepare('SELECT secret, created_at FROM signing_secrets WHERE purpose = ?');
  const row = (purpose: SigningPurpose) =>
    select.get(purpose) as { secret: Buffer; created_at: number } | undefined;

  return {
    /** Makes a new secret (replacing any earlier one) and returns it: the only time it is shown. */
    roll(purpose: SigningPurpose): { secret: string; createdAt: number } {
      const secret = `${SIGNING_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
      const createdAt = now();
      upsert.run(purpose, ring().encrypt(secret, secretContext.signingSecret(purpose)), createdAt);
      return { secret, createdAt };
    },
    /** The secret to sign with, or null when none was made. Throws `vault_tampered` if it fails its check. */
    current(purpose: SigningPurpose): string | null {
      const found = row(purpose);
      if (!found) return null;
      try {
        return ring().decrypt(found.secret, secretContext.signingSecret(purpose));
      } catch (error) {
        if (!(error instanceof SealBrokenError)) throw error;
        throw new AppError(
          'vault_tampered',
          'The webhook signing secret failed its integrity check; roll a new one in Settings → Alerts.',
          { cause: error },
        );
      }
    },
    status(purpose: SigningPurpose): { set: boolean; createdAt: number | null } {
      const found = row(purpose);
      return { set: found !== undefined, createdAt: found?.created_at ?? null };
    },
  };
}

export type SigningSecretsRepo = ReturnType<typeof createSigningSecretsRepo>;
