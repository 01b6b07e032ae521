// Runs in a separate process for the vault tests: `hold` keeps a vault open (another running
// instance); `rotate` stores token rotations as fast as it can until it is killed; `scrub <op>`
// writes secrets, prints their stored bytes, runs one operation that retires secrets, prints
// `done` and waits to be killed — so the test can look at what a crash leaves on disk.
import { importBackup } from '../../src-main/core/vault/backup';
import { openVault } from '../../src-main/core/vault/vault';
import { rawKeyProtector } from '../../src-main/core/vault/key-protectors';
import { profile, tokenSet } from './vault-fixtures';

const [command, dataDir, key, ...rest] = process.argv.slice(2);
const vault = await openVault({ dataDir: dataDir!, keyProtector: rawKeyProtector(key!) });

if (command === 'hold') {
  process.stdout.write('held\n');
  setInterval(() => {}, 1000);
} else if (command === 'rotate') {
  const accountId = rest[0]!;
  let n = vault.tokens.readSecrets(accountId).generation;
  process.stdout.write('rotating\n');
  for (;;) {
    n += 1;
    // Access and refresh carry the same number: after a kill they must still match.
    vault.tokens.storeRotation(accountId, {
      accessToken: `access-${n}-${'a'.repeat(200)}`,
      refreshToken: `refresh-${n}-${'r'.repeat(200)}`,
      scopes: ['tweet.read'],
      issuedAt: Date.now(),
      accessExpiresAt: Date.now() + 7_200_000,
      refreshExpiresAt: null,
    });
  }
} else if (command === 'scrub') {
  const [op = 'none', arg, extra] = rest;
  const victim = vault.accounts.saveConnection(profile('x', 'victim'), tokenSet('victim'));
  vault.accounts.saveConnection(profile('youtube', 'kept'), tokenSet('kept'));
  vault.credentials.set('tiktok', { clientId: 'tt-client', clientSecret: 'TT-SECRET-0123456789' });
  const blobs = (sql: string, ...params: string[]) =>
    (
      vault.db
        .prepare(sql)
        .raw()
        .all(...params) as (Buffer | null)[][]
    )
      .flat()
      .filter((blob): blob is Buffer => blob !== null)
      .map((blob) => blob.toString('hex'));
  const wrappedKey = blobs('SELECT wrapped FROM vault_keys');
  const allSecrets = [
    ...blobs('SELECT access_token, refresh_token FROM tokens'),
    ...blobs('SELECT client_secret FROM platform_credentials'),
  ];
  const retired: Record<string, () => Promise<string[]>> = {
    none: async () => allSecrets,
    disconnect: async () => {
      const needles = blobs(
        'SELECT access_token, refresh_token FROM tokens WHERE account_id = ?',
        victim.id,
      );
      vault.accounts.remove(victim.id);
      return needles;
    },
    'rotate-key': async () => {
      await vault.rotateDataKey();
      return [...allSecrets, ...wrappedKey];
    },
    rewrap: async () => {
      await vault.rewrapKey(rawKeyProtector(arg!));
      return wrappedKey;
    },
    'change-passphrase-rotate': async () => {
      await vault.changePassphrase(rawKeyProtector(arg!), { rotateKey: true });
      return [...allSecrets, ...wrappedKey];
    },
    import: async () => {
      await importBackup(vault, extra!, arg!);
      return allSecrets;
    },
  };
  const needles = await retired[op]!();
  process.stdout.write(`needles ${JSON.stringify(needles)}\ndone\n`);
  setInterval(() => {}, 1000);
}
