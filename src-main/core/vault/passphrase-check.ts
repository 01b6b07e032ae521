import type Database from 'better-sqlite3';
import { isAppError } from '../../../src-shared/errors';
import { passphraseKeyProtector } from './key-protectors';

/**
 * Whether `passphrase` unwraps the vault's current data key. Used to confirm the creator knows
 * the passphrase before it is replaced: an open vault alone must not let anyone at the keyboard
 * lock the owner out. A passphrase below today's minimum cannot be the vault's, so it is false.
 */
export async function passphraseOpensVault(
  db: Database.Database,
  passphrase: string,
): Promise<boolean> {
  const row = db.prepare('SELECT wrapped FROM vault_keys WHERE is_current = 1').get() as
    { wrapped: Buffer } | undefined;
  if (!row) return false;
  try {
    await passphraseKeyProtector(passphrase).unwrap(row.wrapped);
    return true;
  } catch (failure) {
    if (isAppError(failure) && ['vault_wrong_key', 'passphrase_too_weak'].includes(failure.code))
      return false;
    throw failure;
  }
}
