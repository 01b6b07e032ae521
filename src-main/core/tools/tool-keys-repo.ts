import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';
import type { ToolRight, ToolSummary } from '../../../src-shared/tools';
import { generateToolKey, hashToolKey, sameDigest, toolKeyHint } from './tool-key';

interface ToolKeyRow {
  id: string;
  name: string;
  key_hash: string;
  hint: string;
  account_ids: string | null;
  rights: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** A live key as the /v1 API sees it. */
export interface ToolIdentity {
  id: string;
  name: string;
  /** null = every account. */
  accountIds: readonly string[] | null;
  rights: readonly ToolRight[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const toSummary = (row: ToolKeyRow): ToolSummary => ({
  id: row.id,
  name: row.name,
  hint: row.hint,
  accounts: row.account_ids === null ? 'all' : (JSON.parse(row.account_ids) as string[]),
  rights: row.rights.split(' ') as ToolRight[],
  createdAt: iso(row.created_at)!,
  lastUsedAt: iso(row.last_used_at),
  revokedAt: iso(row.revoked_at),
});

const identityOf = (row: ToolKeyRow): ToolIdentity =>
  Object.freeze({
    id: row.id,
    name: row.name,
    accountIds:
      row.account_ids === null ? null : Object.freeze(JSON.parse(row.account_ids) as string[]),
    rights: Object.freeze(row.rights.split(' ') as ToolRight[]),
  });

/**
 * Live keys at most. Each is a bearer credential, and Settings lists them for the creator to
 * audit by eye; a page never needs more, and a script creating keys in a loop stops here.
 */
export const MAX_LIVE_TOOL_KEYS = 50;

/** Only a key's use is recorded this often, so a busy tool does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Tool keys (vault table `tool_keys`, migration 4). Only the SHA-256 of a key is stored; the key
 * itself exists once, in the answer to `create`.
 */
export function createToolKeysRepo(db: Database.Database, now: () => number) {
  const insert = db.prepare(
    `INSERT INTO tool_keys (id, name, key_hash, hint, account_ids, rights, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const all = db.prepare('SELECT * FROM tool_keys ORDER BY created_at DESC, id');
  const one = db.prepare('SELECT * FROM tool_keys WHERE id = ?');
  const byHash = db.prepare('SELECT * FROM tool_keys WHERE key_hash = ?');
  const liveCount = db.prepare('SELECT COUNT(*) AS n FROM tool_keys WHERE revoked_at IS NULL');
  const liveNamed = db.prepare('SELECT 1 FROM tool_keys WHERE name = ? AND revoked_at IS NULL');
  const revoke = db.prepare(
    'UPDATE tool_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  );
  const touch = db.prepare(
    'UPDATE tool_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
  );
  /**
   * Live keys by digest, filled on first use. Why: the SELECT and the last-use UPDATE were a
   * fifth of a proxied call. This repo is the only writer of `tool_keys`, so `revoke` drops a
   * key here in the same synchronous step that marks it revoked: the very next request misses
   * and is refused by the table. Misses are never cached (a wrong key costs one SELECT, as
   * before); a key's last use is written at most once per LAST_USED_RESOLUTION_MS.
   */
  const live = new Map<string, { identity: ToolIdentity; digest: string; touchedAt: number }>();

  return {
    create(input: { name: string; accounts: 'all' | string[]; rights: ToolRight[] }): {
      key: string;
      tool: ToolSummary;
    } {
      // A name is the key's label in /metrics and in the audit trail: two live keys of one name
      // would share a series and read as one tool.
      if (liveNamed.get(input.name)) throw new AppError('tool_name_taken');
      if ((liveCount.get() as { n: number }).n >= MAX_LIVE_TOOL_KEYS) {
        throw new AppError('tool_key_limit_reached');
      }
      const key = generateToolKey();
      const id = randomUUID();
      insert.run(
        id,
        input.name,
        hashToolKey(key),
        toolKeyHint(key),
        input.accounts === 'all' ? null : JSON.stringify([...new Set(input.accounts)]),
        input.rights.join(' '),
        now(),
      );
      return { key, tool: toSummary(one.get(id) as ToolKeyRow) };
    },
    list(): ToolSummary[] {
      return (all.all() as ToolKeyRow[]).map(toSummary);
    },
    /** Revokes at once; revoking a revoked key answers it unchanged. */
    revoke(id: string): ToolSummary {
      for (const [digest, entry] of live) if (entry.identity.id === id) live.delete(digest);
      revoke.run(now(), id);
      const row = one.get(id) as ToolKeyRow | undefined;
      if (!row) throw new AppError('tool_key_not_found');
      return toSummary(row);
    },
    /**
     * The live key this bearer value is, or null. The lookup is by digest; the digest is then
     * compared in constant time, so timing tells nothing about stored keys.
     */
    verify(presented: string): ToolIdentity | null {
      const digest = hashToolKey(presented);
      const at = now();
      let entry = live.get(digest);
      if (!entry) {
        const row = byHash.get(digest) as ToolKeyRow | undefined;
        if (!row || row.revoked_at !== null) return null;
        entry = { identity: identityOf(row), digest: row.key_hash, touchedAt: -Infinity };
        live.set(digest, entry);
      }
      if (!sameDigest(entry.digest, digest)) return null;
      if (at - entry.touchedAt >= LAST_USED_RESOLUTION_MS) {
        entry.touchedAt = at;
        touch.run(at, entry.identity.id, at - LAST_USED_RESOLUTION_MS);
      }
      return entry.identity;
    },
  };
}

export type ToolKeysRepo = ReturnType<typeof createToolKeysRepo>;
