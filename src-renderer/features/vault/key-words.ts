/**
 * How the vault key is kept, in the one wording Settings, Health and the README share. `mode`
 * tells demo mode's own key (a file beside its vault) from a key given in the environment.
 */
export function keyKeeperWords(kind: string, mode: string | undefined): string {
  if (kind === 'passphrase') return 'your passphrase';
  if (kind === 'raw-key')
    return mode === 'demo'
      ? 'the demo’s own key, in the file demo-vault.key in the data folder (fine for trying Switchboard, not for real accounts)'
      : 'the key given in SWITCHBOARD_VAULT_KEY';
  if (kind.startsWith('safeStorage:'))
    return `the system key store (${kind.slice('safeStorage:'.length)})`;
  return kind === '' ? 'the system key store' : kind;
}
