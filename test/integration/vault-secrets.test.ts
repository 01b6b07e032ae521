import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { openVault, type Vault } from '../../src-main/core/vault/vault';
import { tempDir } from '../support/test-host';
import {
  newKey,
  openTestVault,
  profile,
  tokenSet,
  cheapPassphraseProtector,
} from '../support/vault-fixtures';

/** Every byte of every vault file (database, WAL, anything beside), concatenated. */
function vaultBytes(dataDir: string): Buffer {
  return Buffer.concat(
    readdirSync(dataDir)
      .filter((name) => name.startsWith('vault.sqlite'))
      .map((name) => readFileSync(join(dataDir, name))),
  );
}

describe('vault secrets at rest', () => {
  let dir: ReturnType<typeof tempDir>;
  let key: string;
  let vault: Vault;

  beforeEach(async () => {
    dir = tempDir();
    key = newKey();
    vault = await openTestVault(dir.path, key);
  });
  afterEach(() => {
    vault.close();
    dir.remove();
  });

  it('never writes a token, client secret or data key in plaintext, WAL included', async () => {
    const secrets: string[] = [];
    for (const [platform, user] of [
      ['youtube', 'UC1'],
      ['x', '77'],
      ['tiktok', 'tt'],
    ] as const) {
      const tokens = tokenSet(platform);
      const { id } = vault.accounts.saveConnection(profile(platform, user), tokens);
      secrets.push(tokens.accessToken, tokens.refreshToken);
      for (let i = 0; i < 5; i++) {
        const rotated = tokenSet(`${platform}-${i}`);
        vault.tokens.storeRotation(id, rotated);
        secrets.push(rotated.accessToken, rotated.refreshToken);
      }
    }
    vault.credentials.set('tiktok', {
      clientId: 'awtiktokclient',
      clientSecret: 'TIKTOK-CLIENT-SECRET-123',
    });
    secrets.push('TIKTOK-CLIENT-SECRET-123');
    secrets.push(vault.signingSecrets.roll('alert_webhook').secret);
    const dataKey = vault.keyRing().key(vault.keyVersion);

    const scan = (bytes: Buffer) => {
      // Control: plain profile data is found, so the scan really reads what was written.
      expect(bytes.includes(Buffer.from('Creator UC1'))).toBe(true);
      for (const secret of secrets) {
        expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
        // The value part alone, in case a prefix were stored elsewhere.
        expect(bytes.includes(Buffer.from(secret.slice(-24))), secret).toBe(false);
      }
      expect(bytes.includes(dataKey)).toBe(false);
      expect(bytes.includes(Buffer.from(dataKey.toString('hex')))).toBe(false);
      expect(bytes.includes(Buffer.from(key))).toBe(false);
    };
    // While open (the WAL holds the recent writes), then after close (checkpointed into the file).
    expect(readdirSync(dir.path)).toContain('vault.sqlite-wal');
    scan(vaultBytes(dir.path));
    vault.close();
    scan(vaultBytes(dir.path));
    vault = await openTestVault(dir.path, key);
  });

  it('creates the vault file readable by its owner only', () => {
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(join(dir.path, 'vault.sqlite'))).toBe(0o600);
  });

  it('a flipped byte in one token makes only that account vault_error; nothing is deleted', () => {
    const victim = vault.accounts.saveConnection(profile('x', 'victim'), tokenSet('victim'));
    const healthyTokens = tokenSet('healthy');
    const healthy = vault.accounts.saveConnection(profile('youtube', 'healthy'), healthyTokens);
    const row = vault.db
      .prepare('SELECT access_token FROM tokens WHERE account_id = ?')
      .get(victim.id) as { access_token: Buffer };
    const flipped = Buffer.from(row.access_token);
    flipped[flipped.length - 3]! ^= 0x01;
    vault.db
      .prepare('UPDATE tokens SET access_token = ? WHERE account_id = ?')
      .run(flipped, victim.id);

    expect(() => vault.tokens.readSecrets(victim.id)).toThrow(
      expect.objectContaining({ code: 'vault_tampered' }),
    );
    expect(vault.accounts.get(victim.id)).toMatchObject({
      status: 'vault_error',
      statusReason: expect.stringMatching(/reconnect/),
    });
    expect(vault.tokens.readSecrets(healthy.id).accessToken).toBe(healthyTokens.accessToken);
    expect(vault.accounts.get(healthy.id)?.status).toBe('healthy');
    expect(vault.accounts.list()).toHaveLength(2);
    expect(vault.db.prepare('SELECT COUNT(*) AS n FROM tokens').get()).toEqual({ n: 2 });
    expect(vault.audit.forAccount(victim.id)[0]).toMatchObject({
      action: 'error',
      outcome: 'failed',
    });
  });

  it('a ciphertext copied to another row does not open there', () => {
    const a = vault.accounts.saveConnection(profile('x', 'a'), tokenSet('a'));
    const b = vault.accounts.saveConnection(profile('youtube', 'b'), tokenSet('b'));
    const fromA = vault.db
      .prepare('SELECT access_token, refresh_token FROM tokens WHERE account_id = ?')
      .get(a.id) as {
      access_token: Buffer;
      refresh_token: Buffer;
    };
    vault.db
      .prepare('UPDATE tokens SET access_token = ? WHERE account_id = ?')
      .run(fromA.access_token, b.id);
    expect(() => vault.tokens.readSecrets(b.id)).toThrow(
      expect.objectContaining({ code: 'vault_tampered' }),
    );
    // Nor in another field of the same row.
    vault.db
      .prepare('UPDATE tokens SET access_token = ? WHERE account_id = ?')
      .run(fromA.refresh_token, a.id);
    expect(() => vault.tokens.readSecrets(a.id)).toThrow(
      expect.objectContaining({ code: 'vault_tampered' }),
    );
  });

  it('rotates the data key: every secret re-encrypted under the new version, nothing lost', async () => {
    const tokens = tokenSet('keep');
    const { id } = vault.accounts.saveConnection(profile('tiktok', 'k'), tokens);
    vault.credentials.set('x', { clientId: 'xclient', clientSecret: 'x-secret-value' });
    // Receivers hold a copy of the webhook signing secret: it must come through unchanged.
    const { secret: signing } = vault.signingSecrets.roll('alert_webhook');
    const oldKey = Buffer.from(vault.keyRing().key(1));
    await vault.rotateDataKey();
    expect(vault.keyVersion).toBe(2);
    expect(vault.tokens.readSecrets(id)).toMatchObject({
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
    });
    expect(vault.credentials.get('x')?.clientSecret).toBe('x-secret-value');
    expect(vault.signingSecrets.current('alert_webhook')).toBe(signing);
    const blob = (
      vault.db.prepare('SELECT access_token FROM tokens').get() as { access_token: Buffer }
    ).access_token;
    expect(blob.readUInt32BE(1)).toBe(2);
    expect(vault.db.prepare('SELECT version FROM vault_keys').all()).toEqual([{ version: 2 }]);
    vault.close();
    vault = await openTestVault(dir.path, key);
    expect(vault.tokens.readSecrets(id).accessToken).toBe(tokens.accessToken);
    expect(vault.signingSecrets.current('alert_webhook')).toBe(signing);
    expect(vault.keyRing().key(2).equals(oldKey)).toBe(false);
  });

  it('re-wraps the data key for another protector: the new one opens the vault, the old one no longer does', async () => {
    const tokens = tokenSet('rewrap');
    const { id } = vault.accounts.saveConnection(profile('x', 'rw'), tokens);
    await vault.rewrapKey(cheapPassphraseProtector('the new passphrase'));
    vault.close();
    await expect(openTestVault(dir.path, key)).rejects.toMatchObject({ code: 'vault_wrong_key' });
    vault = await openVault({
      dataDir: dir.path,
      keyProtector: cheapPassphraseProtector('the new passphrase'),
    });
    expect(vault.tokens.readSecrets(id).accessToken).toBe(tokens.accessToken);
  });

  it('key rotation goes through with a tampered row present, and leaves that row as it was', async () => {
    const broken = vault.accounts.saveConnection(profile('x', 'broken'), tokenSet('broken'));
    const fine = vault.accounts.saveConnection(profile('youtube', 'fine'), tokenSet('fine'));
    vault.db
      .prepare('UPDATE tokens SET access_token = ? WHERE account_id = ?')
      .run(Buffer.from('garbage'), broken.id);
    await vault.rotateDataKey();
    expect(() => vault.tokens.readSecrets(fine.id)).not.toThrow();
    expect(() => vault.tokens.readSecrets(broken.id)).toThrow(
      expect.objectContaining({ code: 'vault_tampered' }),
    );
  });
});

describe('vault read failures carry stable codes', () => {
  let dir: ReturnType<typeof tempDir>;
  let vault: Vault;
  beforeEach(async () => {
    dir = tempDir();
    vault = await openTestVault(dir.path);
  });
  afterEach(() => {
    vault.close();
    dir.remove();
  });

  it('a tampered client secret reaches credentials.get as vault_tampered, naming the platform, never the secret', () => {
    vault.credentials.set('tiktok', { clientId: 'tt-client', clientSecret: 'TT-SECRET-abc123' });
    vault.credentials.set('x', { clientId: 'x-client', clientSecret: 'X-SECRET-def456' });
    const row = vault.db
      .prepare("SELECT client_secret FROM platform_credentials WHERE platform = 'tiktok'")
      .get() as { client_secret: Buffer };
    const flipped = Buffer.from(row.client_secret);
    flipped[flipped.length - 1]! ^= 0x01;
    vault.db
      .prepare("UPDATE platform_credentials SET client_secret = ? WHERE platform = 'tiktok'")
      .run(flipped);
    let caught: unknown;
    try {
      vault.credentials.get('tiktok');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({
      code: 'vault_tampered',
      message: expect.stringMatching(/TikTok.*Settings/),
    });
    expect(String((caught as Error).message)).not.toContain('TT-SECRET');
    // The other platform is unaffected, and the list still says a secret is stored.
    expect(vault.credentials.get('x')?.clientSecret).toBe('X-SECRET-def456');
    expect(vault.credentials.list()).toHaveLength(2);
  });

  it('a damaged schema answers vault_unreadable from any repository, not a raw SQLite error', () => {
    vault.accounts.saveConnection(profile('x', 'schema'), tokenSet('schema'));
    vault.db.exec('DROP TABLE usage_daily');
    expect(() => vault.usage.count('any', 'post')).toThrow(
      expect.objectContaining({ code: 'vault_unreadable' }),
    );
  });
});
