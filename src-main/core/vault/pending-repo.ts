import type Database from 'better-sqlite3';
import type { ProviderId } from '../../../src-shared/platforms';
import { secretContext, type KeyRing } from './key-ring';
import { SealBrokenError } from './sealed-box';
import type { TokenSet } from './types';

interface PendingRow {
  id: string;
  provider: ProviderId;
  access_token: Buffer;
  refresh_token: Buffer | null;
  scopes: string;
  issued_at: number;
  access_expires_at: number | null;
  refresh_expires_at: number | null;
  created_at: number;
}

export interface PendingConnection {
  id: string;
  provider: ProviderId;
  /** Null when the stored ciphertext no longer opens (a key rotation happened meanwhile). */
  tokens: TokenSet | null;
  createdAt: number;
}

/**
 * Tokens of sign-ins that have not become accounts yet. A connect stores them here the moment
 * the platform answers, so a failing profile call or a crash never loses tokens it was given
 * (they are revoked and removed instead of left valid and unknown).
 */
export function createPendingRepo(db: Database.Database, ring: () => KeyRing, now: () => number) {
  const insert = db.prepare(
    `INSERT INTO pending_connections (id, provider, access_token, refresh_token, scopes, issued_at,
       access_expires_at, refresh_expires_at, created_at)
     VALUES (@id, @provider, @access, @refresh, @scopes, @issuedAt, @accessExpiresAt, @refreshExpiresAt, @createdAt)`,
  );
  const remove = db.prepare('DELETE FROM pending_connections WHERE id = ?');
  const selectAll = db.prepare('SELECT * FROM pending_connections ORDER BY created_at');

  const open = (row: PendingRow): PendingConnection => {
    const keys = ring();
    let tokens: TokenSet | null;
    try {
      tokens = {
        accessToken: keys.decrypt(row.access_token, secretContext.pendingAccessToken(row.id)),
        refreshToken: row.refresh_token
          ? keys.decrypt(row.refresh_token, secretContext.pendingRefreshToken(row.id))
          : null,
        scopes: row.scopes ? row.scopes.split(' ') : [],
        issuedAt: row.issued_at,
        accessExpiresAt: row.access_expires_at,
        refreshExpiresAt: row.refresh_expires_at,
      };
    } catch (error) {
      if (!(error instanceof SealBrokenError)) throw error;
      tokens = null;
    }
    return { id: row.id, provider: row.provider, tokens, createdAt: row.created_at };
  };

  return {
    /** Stores a sign-in's tokens in one statement (one implicit transaction). */
    store(id: string, provider: ProviderId, tokens: TokenSet): void {
      const keys = ring();
      insert.run({
        id,
        provider,
        access: keys.encrypt(tokens.accessToken, secretContext.pendingAccessToken(id)),
        refresh: tokens.refreshToken
          ? keys.encrypt(tokens.refreshToken, secretContext.pendingRefreshToken(id))
          : null,
        scopes: tokens.scopes.join(' '),
        issuedAt: tokens.issuedAt,
        accessExpiresAt: tokens.accessExpiresAt,
        refreshExpiresAt: tokens.refreshExpiresAt ?? null,
        createdAt: now(),
      });
    },
    remove(id: string): void {
      remove.run(id);
    },
    /** Every pending sign-in, oldest first (start-up clean-up after a crash). */
    list(): PendingConnection[] {
      return (selectAll.all() as PendingRow[]).map(open);
    },
  };
}

export type PendingRepo = ReturnType<typeof createPendingRepo>;
