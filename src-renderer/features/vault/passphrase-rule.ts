/** The same minimum main enforces (passphrase-policy.ts): 8 characters as typed, not only spaces. */
export const MIN_PASSPHRASE_CHARACTERS = 8;

/** Why a new passphrase cannot be used yet, or null when it can. */
export function newPassphraseProblem(passphrase: string, confirmation: string): string | null {
  if ([...passphrase.normalize('NFKC')].length < MIN_PASSPHRASE_CHARACTERS)
    return `Use at least ${MIN_PASSPHRASE_CHARACTERS} characters.`;
  if (!/\S/u.test(passphrase)) return 'Use letters, digits or symbols, not only spaces.';
  if (confirmation !== passphrase) return 'The two passphrases differ; type the same one twice.';
  return null;
}
