import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Grant, TokenRecord, TokenStore } from './fake-tokens';

/** A token as written to disk: its grant by id, so one grant object is shared again on load. */
type SavedRecord = Omit<TokenRecord, 'grant'> & { grant: number };

interface SavedTokens {
  version: 1;
  grants: Grant[];
  records: SavedRecord[];
}

/**
 * Demo mode only: a simulated platform's sign-ins kept in the data folder, so a restarted demo
 * still accepts the tokens it issued (a real platform does not forget sign-ins when Switchboard
 * restarts). These are simulator tokens, worthless outside this computer's demo.
 */
export function saveTokens(tokens: TokenStore, file: string): void {
  const saved: SavedTokens = {
    version: 1,
    grants: tokens.grants,
    records: tokens.allRecords().map((record) => ({ ...record, grant: record.grant.id })),
  };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // Written whole then renamed: a demo stopped mid-write keeps the previous state.
  writeFileSync(`${file}.tmp`, JSON.stringify(saved), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/** Loads what saveTokens wrote; a missing or unreadable file leaves the store empty. */
export function loadTokens(tokens: TokenStore, file: string): boolean {
  let saved: SavedTokens;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as SavedTokens;
  } catch {
    return false;
  }
  if (saved.version !== 1) return false;
  const grants = new Map(saved.grants.map((grant) => [grant.id, grant]));
  tokens.grants.push(...saved.grants);
  for (const record of saved.records) {
    const grant = grants.get(record.grant);
    if (grant) tokens.restore({ ...record, grant });
  }
  return true;
}
