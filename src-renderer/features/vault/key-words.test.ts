import { describe, expect, it } from 'vitest';
import { keyKeeperWords } from './key-words';

describe('how the vault key is kept, in one wording', () => {
  it("tells demo mode's own key file from a key given in the environment", () => {
    expect(keyKeeperWords('raw-key', 'demo')).toMatch(
      /^the demo’s own key, in the file demo-vault\.key/,
    );
    expect(keyKeeperWords('raw-key', 'serve')).toBe('the key given in SWITCHBOARD_VAULT_KEY');
    expect(keyKeeperWords('passphrase', 'demo')).toBe('your passphrase');
    expect(keyKeeperWords('safeStorage:gnome_libsecret', 'desktop')).toBe(
      'the system key store (gnome_libsecret)',
    );
  });
});
