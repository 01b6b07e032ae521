import type { AccountBrief } from '../vault/accounts-repo';
import type { Vault } from '../vault/vault';
import { auditTool, type ToolsApiDeps } from './tool-context';
import type { ToolIdentity } from './tool-keys-repo';

/** Paths longer than this are cut in the audit log (a 15,000-character path was stored whole). */
export const AUDIT_PATH_CHARS = 512;
/** Reads are tallied per account, tool and clock hour: one row each, not one per call. */
export const READ_TALLY_MS = 3_600_000;
/** A tally's row is rewritten at most this often (each write is a synced transaction). */
export const READ_TALLY_WRITE_MS = 60_000;

/** The path as the audit log keeps it: at most AUDIT_PATH_CHARS, with a marker when cut. */
export function auditPath(path: string): string {
  if (path.length <= AUDIT_PATH_CHARS) return path;
  return `${path.slice(0, AUDIT_PATH_CHARS)}… (cut, ${path.length} characters)`;
}

interface Tally {
  window: number;
  rowId: number | null;
  calls: number;
  failed: number;
  last: string;
  writtenAt: number;
  /** Calls counted in the row as last written. */
  writtenCalls: number;
}

/** Per vault (a reopened or replaced vault starts afresh), per account and tool id. */
const tallies = new WeakMap<Vault, Map<string, Tally>>();

const prefixOf = (tool: ToolIdentity) => `tool "${tool.name}" reads this hour: `;

function writeTally(deps: ToolsApiDeps, account: AccountBrief, tool: ToolIdentity, t: Tally) {
  const prefix = prefixOf(tool);
  const failed = t.failed ? ` (${t.failed} failed)` : '';
  const detail = `${prefix}${t.calls}${failed}; last ${t.last}`;
  const outcome = t.failed ? 'failed' : 'ok';
  t.writtenAt = deps.now();
  t.writtenCalls = t.calls;
  try {
    const audit = deps.vault.require().audit;
    if (t.rowId !== null && audit.amendToolRow(t.rowId, account.id, prefix, detail, outcome))
      return;
    t.rowId = audit.record({
      accountId: account.id,
      platform: account.platform,
      action: 'tool_request',
      outcome,
      detail,
    });
  } catch (error) {
    deps.log.warn(`audit tally of proxied reads not written: ${(error as Error).message}`);
  }
}

/**
 * Counts one proxied read. Why a tally and not a row per read: reads are the bulk of a tool's
 * calls (a dashboard polls), so a row each would grow the vault and bury the writes; a tally
 * still shows which tool read which account, how often and when. The row appears with the hour's
 * first read and is brought up to date at most once a minute (each write is a synced transaction)
 * and by the next hour's first read, which closes it. So a stored count can miss the reads of its
 * last minute when no later read comes (or the app quits): a sample of volume, not a ledger.
 */
export function noteRead(
  deps: ToolsApiDeps,
  account: AccountBrief,
  tool: ToolIdentity,
  line: string,
  ok: boolean,
): void {
  const vault = deps.vault.current();
  if (!vault) return;
  let byKey = tallies.get(vault);
  if (!byKey) tallies.set(vault, (byKey = new Map()));
  const key = `${account.id}\n${tool.id}`;
  const now = deps.now();
  const window = Math.floor(now / READ_TALLY_MS);
  let tally = byKey.get(key);
  if (tally && tally.window !== window) {
    if (tally.writtenCalls !== tally.calls) writeTally(deps, account, tool, tally);
    tally = undefined;
  }
  const fresh = !tally;
  tally ??= { window, rowId: null, calls: 0, failed: 0, last: '', writtenAt: 0, writtenCalls: 0 };
  byKey.set(key, tally);
  tally.calls += 1;
  if (!ok) tally.failed += 1;
  tally.last = line;
  if (fresh || now - tally.writtenAt >= READ_TALLY_WRITE_MS) writeTally(deps, account, tool, tally);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Audits a proxied call that got `status` (or did not complete): a write gets its own row, a
 * read joins the hour's tally.
 */
export function auditProxied(
  deps: ToolsApiDeps,
  account: AccountBrief,
  tool: ToolIdentity,
  method: string,
  path: string,
  status: number | 'not completed',
): void {
  const call = `${method} ${auditPath(path)} → ${status}`;
  const ok = typeof status === 'number' && status < 400;
  if (SAFE_METHODS.has(method)) noteRead(deps, account, tool, call, ok);
  else
    auditTool(deps, account, 'tool_request', ok ? 'ok' : 'failed', `tool "${tool.name}" ${call}`);
}
