import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { rawKeyProtector } from '../src-main/core/vault/key-protectors';
import { secretContext } from '../src-main/core/vault/key-ring';
import { openVault } from '../src-main/core/vault/vault';
import { accountLimit } from '../src-shared/tiers';
import { fmt, printTable } from './report';

const ROTATIONS = 3_000;
const CRYPTO_ROUNDS = 50_000;
const TOKEN_CHARS = 180; // a typical access token; refresh tokens are similar

const token = (tag: string) =>
  `${tag}-${randomBytes(TOKEN_CHARS).toString('base64url').slice(0, TOKEN_CHARS)}`;

/** Token rotations per second through the vault, against raw better-sqlite3 updates of the same size. */
export async function benchVault(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  try {
    const vault = await openVault({
      dataDir: dir,
      keyProtector: rawKeyProtector(randomBytes(32).toString('hex')),
      // 50 accounts on one platform: the Agency plan's room.
      planLimit: (platform) => ({ tier: 'agency', limit: accountLimit('agency', platform) }),
    });
    const accountIds = Array.from(
      { length: 50 },
      (_, i) =>
        vault.accounts.saveConnection(
          {
            platform: 'x',
            platformUserId: `u${i}`,
            displayName: `u${i}`,
            handle: null,
            avatarUrl: null,
            followers: null,
            accountType: null,
            channelId: null,
            pageId: null,
          },
          {
            accessToken: token('a'),
            refreshToken: token('r'),
            scopes: ['tweet.read'],
            issuedAt: Date.now(),
            accessExpiresAt: Date.now() + 7_200_000,
          },
        ).id,
    );
    const blobSize = (
      vault.db.prepare('SELECT length(access_token) AS n FROM tokens LIMIT 1').get() as {
        n: number;
      }
    ).n;

    let started = performance.now();
    for (let i = 0; i < ROTATIONS; i++) {
      vault.tokens.storeRotation(accountIds[i % accountIds.length]!, {
        accessToken: token('a'),
        refreshToken: token('r'),
        scopes: ['tweet.read'],
        issuedAt: Date.now(),
        accessExpiresAt: Date.now() + 7_200_000,
      });
    }
    const vaultRate = ROTATIONS / ((performance.now() - started) / 1000);
    vault.close();

    // The floor: the same pragmas, one UPDATE of two same-sized blobs per transaction, no crypto, no audit.
    const raw = new Database(join(dir, 'raw.sqlite'));
    raw.pragma('locking_mode = EXCLUSIVE');
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec(
      'CREATE TABLE tokens (id INTEGER PRIMARY KEY, access BLOB, refresh BLOB, expires INTEGER)',
    );
    const insert = raw.prepare(
      'INSERT INTO tokens (id, access, refresh, expires) VALUES (?, ?, ?, ?)',
    );
    for (let i = 0; i < accountIds.length; i++)
      insert.run(i, randomBytes(blobSize), randomBytes(blobSize), 0);
    const update = raw.prepare(
      'UPDATE tokens SET access = ?, refresh = ?, expires = ? WHERE id = ?',
    );
    const rotate = raw.transaction((id: number) =>
      update.run(randomBytes(blobSize), randomBytes(blobSize), Date.now(), id),
    );
    started = performance.now();
    for (let i = 0; i < ROTATIONS; i++) rotate.immediate(i % accountIds.length);
    const rawRate = ROTATIONS / ((performance.now() - started) / 1000);
    raw.close();

    const ringVault = await openVault({
      dataDir: join(dir, 'crypto'),
      keyProtector: rawKeyProtector(randomBytes(32).toString('hex')),
    });
    const ring = ringVault.keyRing();
    const sample = token('a');
    const context = secretContext.accessToken('bench');
    started = performance.now();
    for (let i = 0; i < CRYPTO_ROUNDS; i++) ring.decrypt(ring.encrypt(sample, context), context);
    const microsPerToken = ((performance.now() - started) * 1000) / CRYPTO_ROUNDS;
    ringVault.close();

    printTable(
      `Vault (${fmt(ROTATIONS)} rotations over 50 accounts, synchronous=FULL, ${blobSize}-byte blobs)`,
      [
        {
          name: 'token rotations / s',
          value: fmt(vaultRate),
          baseline: `${fmt(rawRate)} (raw better-sqlite3 UPDATE)`,
          ratio: `${fmt(vaultRate / rawRate, 2)}x`,
        },
        { name: 'encrypt+decrypt µs / token', value: fmt(microsPerToken, 2) },
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
