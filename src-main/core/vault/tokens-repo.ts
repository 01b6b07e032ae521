import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';
import type { PlatformId } from '../../../src-shared/platforms';
import type { AuditRepo } from './audit-repo';
import { secretContext, type KeyRing } from './key-ring';
import { SealBrokenError } from './sealed-box';
import type { DueToken, TokenSecrets, TokenSet } from './types';

interface TokenRow {
  account_id: string;
  platform: PlatformId;
  access_token: Buffer;
  refresh_token: Buffer | null;
  scopes: string;
  issued_at: number;
  access_expires_at: number | null;
  refresh_expires_at: number | null;
  generation: number;
}

/** Accounts whose opened tokens are kept (the proxy's busiest accounts, least recent out first). */
const OPENED_LIMIT = 1_000;

interface Opened {
  access: Buffer;
  refresh: Buffer | null;
  accessToken: string;
  refreshToken: string | null;
}

/** Same bytes, or both absent. */
const sameBlob = (a: Buffer | null, b: Buffer | null) =>
  a === null || b === null ? a === b : a.equals(b);

/**
 * Tokens: secrets sealed per row and field, expiries in plain columns so the scheduler can
 * query them without decrypting anything.
 */
export function createTokensRepo(
  db: Database.Database,
  ring: () => KeyRing,
  audit: AuditRepo,
  now: () => number,
) {
  const selectRow = db.prepare(
    `SELECT t.*, a.platform FROM tokens t JOIN accounts a ON a.id = t.account_id WHERE t.account_id = ?`,
  );
  const upsert = db.prepare(
    `INSERT INTO tokens (account_id, access_token, refresh_token, scopes, issued_at, access_expires_at, refresh_expires_at, generation)
     VALUES (@accountId, @access, @refresh, @scopes, @issuedAt, @accessExpiresAt, @refreshExpiresAt, 1)
     ON CONFLICT (account_id) DO UPDATE SET
       access_token = excluded.access_token,
       refresh_token = COALESCE(excluded.refresh_token, tokens.refresh_token),
       scopes = excluded.scopes,
       issued_at = excluded.issued_at,
       access_expires_at = excluded.access_expires_at,
       refresh_expires_at = CASE WHEN excluded.refresh_token IS NULL
         THEN COALESCE(excluded.refresh_expires_at, tokens.refresh_expires_at)
         ELSE excluded.refresh_expires_at END,
       generation = tokens.generation + 1`,
  );
  const markRefreshed = db.prepare(
    `UPDATE accounts SET last_refresh_at = ?, updated_at = ?, status = 'healthy', status_reason = NULL WHERE id = ?`,
  );
  const markVaultError = db.prepare(
    `UPDATE accounts SET status = 'vault_error', status_reason = ?, updated_at = ? WHERE id = ?`,
  );
  const due = db.prepare(
    `SELECT t.account_id, a.platform, t.access_expires_at FROM tokens t JOIN accounts a ON a.id = t.account_id
     WHERE t.access_expires_at IS NOT NULL AND t.access_expires_at <= ? ORDER BY t.access_expires_at`,
  );

  /**
   * Opened tokens by account, each beside the exact ciphertexts it came from: the proxy reads
   * an account's tokens on every call, and opening two AES-GCM seals was a tenth of its time.
   * A hit needs the stored bytes to be identical, so any write — a refresh, a reconnect, a
   * restore, a key rotation (all seal with a fresh IV), tampering — misses and opens (and
   * checks) again. The plaintexts live only in this process, which holds the data key anyway.
   */
  const opened = new Map<string, Opened>();

  function open(accountId: string, row: TokenRow, keys: KeyRing): Opened {
    const hit = opened.get(accountId);
    opened.delete(accountId);
    if (hit && sameBlob(hit.access, row.access_token) && sameBlob(hit.refresh, row.refresh_token)) {
      opened.set(accountId, hit);
      return hit;
    }
    const fresh: Opened = {
      access: row.access_token,
      refresh: row.refresh_token,
      accessToken: keys.decrypt(row.access_token, secretContext.accessToken(accountId)),
      refreshToken: row.refresh_token
        ? keys.decrypt(row.refresh_token, secretContext.refreshToken(accountId))
        : null,
    };
    return remember(accountId, fresh);
  }

  function remember(accountId: string, entry: Opened): Opened {
    opened.delete(accountId);
    opened.set(accountId, entry);
    if (opened.size > OPENED_LIMIT) opened.delete(opened.keys().next().value!);
    return entry;
  }

  /** Writes a token set; an empty refresh token never replaces a stored one. */
  function write(accountId: string, tokens: TokenSet): void {
    opened.delete(accountId);
    const keys = ring();
    const refresh = tokens.refreshToken
      ? keys.encrypt(tokens.refreshToken, secretContext.refreshToken(accountId))
      : null;
    const access = keys.encrypt(tokens.accessToken, secretContext.accessToken(accountId));
    upsert.run({
      accountId,
      access,
      refresh,
      scopes: tokens.scopes.join(' '),
      issuedAt: tokens.issuedAt,
      accessExpiresAt: tokens.accessExpiresAt,
      refreshExpiresAt: tokens.refreshExpiresAt ?? null,
    });
    // The renewal's read-back (and the next use) need not open what was just sealed. Keyed by
    // these exact ciphertexts: if the write rolls back, the stored bytes differ and it misses.
    if (refresh) {
      const { accessToken, refreshToken = null } = tokens;
      remember(accountId, { access, refresh, accessToken, refreshToken });
    }
  }

  const storeRotation = db.transaction(
    (accountId: string, tokens: TokenSet, expectedGeneration?: number, detail?: string) => {
      const row = selectRow.get(accountId) as TokenRow | undefined;
      if (!row) throw new AppError('account_not_found');
      if (expectedGeneration !== undefined && row.generation !== expectedGeneration) {
        throw new AppError(
          'tokens_changed',
          `This account's tokens changed since generation ${expectedGeneration}; re-read them before refreshing.`,
        );
      }
      write(accountId, tokens);
      markRefreshed.run(now(), now(), accountId);
      const rotated = !!tokens.refreshToken;
      audit.record({
        accountId,
        platform: row.platform,
        action: rotated ? 'rotate' : 'refresh',
        outcome: 'ok',
        detail: detail ?? null,
      });
    },
  );

  return {
    write,
    /**
     * Stores the answer of a refresh: access token, rotated refresh token (if any) and expiries,
     * in one transaction. With `expectedGeneration`, refuses to overwrite a newer rotation.
     */
    storeRotation(
      accountId: string,
      tokens: TokenSet,
      expectedGeneration?: number,
      detail?: string,
    ): void {
      storeRotation.immediate(accountId, tokens, expectedGeneration, detail);
    },

    /**
     * The narrow call through which refresh and OAuth code read secrets. A ciphertext that fails
     * its integrity check marks only this account `vault_error`; nothing is deleted.
     */
    readSecrets(accountId: string): TokenSecrets {
      const row = selectRow.get(accountId) as TokenRow | undefined;
      if (!row) throw new AppError('account_not_found');
      try {
        const { accessToken, refreshToken } = open(accountId, row, ring());
        return {
          accountId,
          platform: row.platform,
          accessToken,
          refreshToken,
          scopes: row.scopes ? row.scopes.split(' ') : [],
          issuedAt: row.issued_at,
          accessExpiresAt: row.access_expires_at,
          refreshExpiresAt: row.refresh_expires_at,
          generation: row.generation,
        };
      } catch (error) {
        if (!(error instanceof SealBrokenError)) throw error;
        const reason = 'A stored token failed its integrity check; reconnect this account.';
        db.transaction(() => {
          markVaultError.run(reason, now(), accountId);
          audit.record({
            accountId,
            platform: row.platform,
            action: 'error',
            outcome: 'failed',
            detail: 'token integrity check failed',
          });
        })();
        throw new AppError('vault_tampered');
      }
    },

    /** Accounts whose access token expires at or before `before` (epoch ms), soonest first. */
    dueBefore(before: number): DueToken[] {
      return (
        due.all(before) as { account_id: string; platform: PlatformId; access_expires_at: number }[]
      ).map((row) => ({
        accountId: row.account_id,
        platform: row.platform,
        accessExpiresAt: row.access_expires_at,
      }));
    },
  };
}

export type TokensRepo = ReturnType<typeof createTokensRepo>;
