// Runs in a separate process for the vault tests: `hold` keeps a vault open (another running
// instance); `rotate` stores token rotations as fast as it can until it is killed.
import { openVault } from '../../src-main/core/vault/vault';
import { rawKeyProtector } from '../../src-main/core/vault/key-protectors';

const [command, dataDir, key, accountId] = process.argv.slice(2);
const vault = await openVault({ dataDir: dataDir!, keyProtector: rawKeyProtector(key!) });

if (command === 'hold') {
  process.stdout.write('held\n');
  setInterval(() => {}, 1000);
} else if (command === 'rotate') {
  let n = vault.tokens.readSecrets(accountId!).generation;
  process.stdout.write('rotating\n');
  for (;;) {
    n += 1;
    // Access and refresh carry the same number: after a kill they must still match.
    vault.tokens.storeRotation(accountId!, {
      accessToken: `access-${n}-${'a'.repeat(200)}`,
      refreshToken: `refresh-${n}-${'r'.repeat(200)}`,
      scopes: ['tweet.read'],
      issuedAt: Date.now(),
      accessExpiresAt: Date.now() + 7_200_000,
      refreshExpiresAt: null,
    });
  }
}
