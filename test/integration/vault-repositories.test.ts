import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountSummarySchema } from '../../src-shared/account';
import { LATEST_SCHEMA_VERSION } from '../../src-main/core/vault/migrations/index';
import type { Vault } from '../../src-main/core/vault/vault';
import { tempDir } from '../support/test-host';
import { newKey, openTestVault, planLimitOf, profile, tokenSet } from '../support/vault-fixtures';
import { rawKeyProtector } from '../../src-main/core/vault/key-protectors';
import { openVault } from '../../src-main/core/vault/vault';
import type { Tier } from '../../src-shared/tiers';

describe('vault repositories (real SQLite file)', () => {
  let dir: ReturnType<typeof tempDir>;
  let key: string;
  let vault: Vault;
  let clock: number;

  beforeEach(async () => {
    dir = tempDir();
    key = newKey();
    clock = Date.parse('2026-11-25T12:00:00Z');
    vault = await openTestVault(dir.path, key, () => clock);
  });
  afterEach(() => {
    vault.close();
    dir.remove();
  });

  it('migrates an empty database, and re-opening changes nothing', async () => {
    const tables = () =>
      vault.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    const before = tables();
    expect(before.map((row) => (row as { name: string }).name)).toContain('tokens');
    expect(vault.db.prepare('SELECT version FROM schema_version').all()).toEqual([
      { version: LATEST_SCHEMA_VERSION },
    ]);
    const tenant = vault.accounts.defaultTenant();
    vault.close();
    vault = await openTestVault(dir.path, key);
    expect(tables()).toEqual(before);
    expect(vault.db.prepare('SELECT version FROM schema_version').all()).toEqual([
      { version: LATEST_SCHEMA_VERSION },
    ]);
    expect(vault.accounts.defaultTenant()).toEqual(tenant);
    expect(vault.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(vault.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('stores a connect and lists it as a token-free summary', () => {
    const tokens = tokenSet('yt');
    const summary = vault.accounts.saveConnection(profile('youtube', 'UC123'), tokens);
    expect(AccountSummarySchema.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({
      platform: 'youtube',
      displayName: 'Creator UC123',
      status: 'healthy',
    });
    expect(summary.accessExpiresAt).toBe(new Date(tokens.accessExpiresAt).toISOString());
    const listed = JSON.stringify(vault.accounts.list());
    expect(listed).not.toContain(tokens.accessToken);
    expect(listed).not.toContain(tokens.refreshToken);
    expect(vault.tokens.readSecrets(summary.id)).toMatchObject({
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      scopes: tokens.scopes,
      generation: 1,
    });
  });

  it('lands a reconnect of the same platform user on the same row', () => {
    const first = vault.accounts.saveConnection(profile('x', '42'), tokenSet('one'));
    const again = tokenSet('two');
    const second = vault.accounts.saveConnection(
      profile('x', '42', { displayName: 'Renamed' }),
      again,
    );
    expect(second.id).toBe(first.id);
    expect(second.displayName).toBe('Renamed');
    expect(vault.accounts.list()).toHaveLength(1);
    expect(vault.tokens.readSecrets(first.id).accessToken).toBe(again.accessToken);
  });

  it('enforces the Free limit per platform when no plan is given; the tier column decides nothing', () => {
    // Someone edits the stored tier by hand: the vault no longer reads it for anything.
    vault.db.prepare("UPDATE tenants SET tier = 'agency'").run();
    vault.accounts.saveConnection(profile('tiktok', 'a'), tokenSet('a'));
    expect(() => vault.accounts.saveConnection(profile('tiktok', 'b'), tokenSet('b'))).toThrow(
      expect.objectContaining({
        code: 'tier_limit_reached',
        message: expect.stringContaining('Your Free plan connects 1 TikTok account'),
      }),
    );
    // Another platform has its own room; a reconnect of the same user never counts.
    vault.accounts.saveConnection(profile('x', 'b'), tokenSet('b'));
    vault.accounts.saveConnection(profile('tiktok', 'a'), tokenSet('again'));
    expect(vault.accounts.countByPlatform()).toEqual({ youtube: 0, instagram: 0, tiktok: 1, x: 1 });
  });

  it('applies the plan limit given at the moment of each connect, inside its transaction', async () => {
    vault.close();
    let plan: Tier = 'free';
    vault = await openVault({
      dataDir: dir.path,
      keyProtector: rawKeyProtector(key),
      planLimit: (platform) => planLimitOf(plan)(platform),
    });
    vault.accounts.saveConnection(profile('youtube', 'a'), tokenSet('a'));
    plan = 'creator';
    vault.accounts.saveConnection(profile('youtube', 'b'), tokenSet('b'));
    vault.accounts.saveConnection(profile('youtube', 'c'), tokenSet('c'));
    expect(() => vault.accounts.saveConnection(profile('youtube', 'd'), tokenSet('d'))).toThrow(
      expect.objectContaining({ message: expect.stringContaining('Creator plan connects 3') }),
    );
    // Back to Free: the three stay, untouched; only a fourth new one is refused.
    plan = 'free';
    expect(vault.accounts.list().map((a) => a.status)).toEqual(['healthy', 'healthy', 'healthy']);
    vault.accounts.saveConnection(profile('youtube', 'b'), tokenSet('b2'));
    expect(vault.accounts.list()).toHaveLength(3);
  });

  it('keeps workspaces apart in list(), and listAll() sees every workspace', () => {
    vault.accounts.saveConnection(profile('x', 'mine'), tokenSet('mine'));
    vault.db
      .prepare(
        "INSERT INTO tenants (id, name, tier, created_at) VALUES ('agency-2', 'Client B', 'agency', 0)",
      )
      .run();
    const other = { id: 'agency-2', name: 'Client B' };
    vault.accounts.saveConnection(profile('x', 'theirs'), tokenSet('theirs'), other);
    expect(vault.accounts.list().map((a) => a.displayName)).toEqual(['Creator mine']);
    expect(vault.accounts.list(other).map((a) => a.displayName)).toEqual(['Creator theirs']);
    expect(vault.accounts.listAll()).toHaveLength(2);
  });

  it('stores a rotation atomically and never replaces a refresh token with an empty one', () => {
    const { id } = vault.accounts.saveConnection(profile('tiktok', 'u1'), tokenSet('t0'));
    const rotated = tokenSet('t1');
    clock += 1000;
    vault.tokens.storeRotation(id, rotated, 1);
    expect(vault.tokens.readSecrets(id)).toMatchObject({
      accessToken: rotated.accessToken,
      refreshToken: rotated.refreshToken,
      generation: 2,
    });
    // Google answers a refresh without refresh_token: keep the stored one.
    const googleStyle = { ...tokenSet('t2'), refreshToken: '' };
    vault.tokens.storeRotation(id, googleStyle);
    expect(vault.tokens.readSecrets(id)).toMatchObject({
      accessToken: googleStyle.accessToken,
      refreshToken: rotated.refreshToken,
    });
    vault.tokens.storeRotation(id, { ...tokenSet('t3'), refreshToken: null });
    expect(vault.tokens.readSecrets(id).refreshToken).toBe(rotated.refreshToken);
    expect(vault.accounts.get(id)?.lastRefreshAt).toBe(new Date(clock).toISOString());
    expect(vault.audit.forAccount(id).map((entry) => entry.action)).toEqual([
      'refresh',
      'refresh',
      'rotate',
      'connect',
    ]);
  });

  it('refuses a rotation based on a stale generation, keeping the newer tokens', () => {
    const { id } = vault.accounts.saveConnection(profile('x', 'u1'), tokenSet('t0'));
    const newer = tokenSet('newer');
    vault.tokens.storeRotation(id, newer, 1);
    expect(() => vault.tokens.storeRotation(id, tokenSet('stale'), 1)).toThrow(
      /changed since generation 1/,
    );
    expect(() => vault.tokens.storeRotation(id, tokenSet('stale'), 1)).toThrow(
      expect.objectContaining({ code: 'tokens_changed' }),
    );
    expect(vault.tokens.readSecrets(id).accessToken).toBe(newer.accessToken);
  });

  it('lists tokens due for refresh from plain expiry columns', () => {
    const soon = vault.accounts.saveConnection(profile('x', 'soon'), {
      ...tokenSet('s'),
      accessExpiresAt: clock + 60_000,
    });
    vault.accounts.saveConnection(profile('youtube', 'later'), {
      ...tokenSet('l'),
      accessExpiresAt: clock + 3_600_000,
    });
    expect(vault.tokens.dueBefore(clock + 300_000)).toEqual([
      { accountId: soon.id, platform: 'x', accessExpiresAt: clock + 60_000 },
    ]);
  });

  it('deletes an account with its tokens, usage and audit rows, leaving one disconnect entry', () => {
    const { id } = vault.accounts.saveConnection(profile('instagram', 'ig1'), tokenSet('ig'));
    vault.usage.increment(id, 'post');
    vault.usage.recordRateLimit(id, 'graph', {
      limit: 200,
      remaining: 150,
      resetAt: clock + 3_600_000,
    });
    vault.tokens.storeRotation(id, tokenSet('ig2'));
    vault.accounts.remove(id);
    expect(vault.accounts.get(id)).toBeNull();
    expect(vault.db.prepare('SELECT COUNT(*) AS n FROM tokens').get()).toEqual({ n: 0 });
    expect(vault.db.prepare('SELECT COUNT(*) AS n FROM usage_daily').get()).toEqual({ n: 0 });
    expect(vault.db.prepare('SELECT COUNT(*) AS n FROM rate_limits').get()).toEqual({ n: 0 });
    expect(vault.audit.forAccount(id).map((entry) => entry.action)).toEqual(['disconnect']);
    expect(() => vault.accounts.remove(id)).toThrow(
      expect.objectContaining({ code: 'account_not_found' }),
    );
  });

  it('counts usage per UTC day and keeps the last rate-limit facts per endpoint', () => {
    const { id } = vault.accounts.saveConnection(profile('tiktok', 'tt'), tokenSet('tt'));
    expect(vault.usage.increment(id, 'post')).toBe(1);
    expect(vault.usage.increment(id, 'post')).toBe(2);
    clock += 24 * 3_600_000;
    expect(vault.usage.count(id, 'post')).toBe(0);
    expect(vault.usage.count(id, 'post', '2026-11-25')).toBe(2);
    vault.usage.recordRateLimit(id, 'video.publish', { limit: 15, remaining: 3, resetAt: null });
    vault.usage.recordRateLimit(id, 'video.publish', { limit: 15, remaining: 2, resetAt: null });
    expect(vault.usage.rateLimits(id)).toEqual([
      { endpoint: 'video.publish', limit: 15, remaining: 2, resetAt: null, observedAt: clock },
    ]);
  });

  it('stores platform credentials with the secret sealed, and lists them without it', () => {
    vault.credentials.set('youtube', {
      clientId: 'cid.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-very-secret',
    });
    expect(vault.credentials.get('youtube')).toEqual({
      clientId: 'cid.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-very-secret',
    });
    expect(JSON.stringify(vault.credentials.list())).not.toContain('GOCSPX');
    expect(vault.credentials.list()).toEqual([
      { platform: 'youtube', clientId: 'cid.apps.googleusercontent.com', hasSecret: true },
    ]);
    const raw = vault.db.prepare('SELECT client_secret FROM platform_credentials').get() as {
      client_secret: Buffer;
    };
    expect(raw.client_secret.includes(Buffer.from('GOCSPX'))).toBe(false);
  });
});
