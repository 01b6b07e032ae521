import { AppError } from '../../../src-shared/errors';

/** The one minimum for every passphrase: environment, terminal, unlock page, backups. */
export const MIN_PASSPHRASE_CHARACTERS = 8;

/**
 * Refuses a passphrase shorter than 8 characters (counted as the creator sees them: code points
 * after NFKC, as they are hashed) or made only of white space, with `passphrase_too_weak`.
 * `subject` names where it came from, so the message says what to fix.
 */
export function assertPassphraseStrength(passphrase: string, subject = 'The passphrase'): void {
  const characters = [...passphrase.normalize('NFKC')];
  if (characters.length >= MIN_PASSPHRASE_CHARACTERS && /\S/u.test(passphrase)) return;
  throw new AppError(
    'passphrase_too_weak',
    `${subject} is too weak: use at least ${MIN_PASSPHRASE_CHARACTERS} characters, not only spaces.`,
  );
}
