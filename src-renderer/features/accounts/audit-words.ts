import { ACCOUNT_STATUSES, type AccountStatus } from '../../../src-shared/account';
import { defaultMessage, ERROR_CODES, type ErrorCode } from '../../../src-shared/errors';
import type { AuditEntry } from '../../../src-shared/ipc-contract';
import { STATUS_TEXT } from '../../components/StatusPill';

/** One history line: a sentence about the account, and the raw record for "Technical details". */
export interface HistoryLine {
  text: string;
  /** Codes, fingerprints and raw states exactly as recorded; null when there are none. */
  technical: string | null;
}

const OK_WORDS: Record<string, string> = {
  connect: 'Connected',
  refresh: 'Renewed automatically',
  rotate: 'Renewed automatically; the platform issued a new refresh token',
  check: 'Checked: the platform accepts this sign-in',
  revoke: 'Access withdrawn at the platform',
  disconnect: 'Disconnected',
  key_rotation: 'The vault’s encryption key was changed',
  import: 'Restored from a backup',
  tool_token: 'Access handed to one of your tools',
  tool_request: 'One of your tools posted through Switchboard',
};

const FAILED_WORDS: Record<string, string> = {
  connect: 'A sign-in did not finish; nothing changed',
  refresh: 'Renewing did not work',
  rotate: 'Renewing did not work',
  check: 'Checked: the platform did not accept this sign-in',
  revoke: 'Withdrawing access at the platform did not work',
  tool_token: 'A tool asked for access and was refused',
  tool_request: 'A tool’s post through Switchboard failed',
  error: 'Something went wrong',
};

const isStatus = (value: string): value is AccountStatus =>
  (ACCOUNT_STATUSES as readonly string[]).includes(value);
const isCode = (value: string): value is ErrorCode =>
  (ERROR_CODES as readonly string[]).includes(value);

/** "healthy → needs_reauth; invalid_grant; …": the new state in words. */
function transitionText(detail: string | null): string {
  const to = /→\s*([a-z_]+)/.exec(detail ?? '')?.[1];
  return to && isStatus(to) ? `Now: ${STATUS_TEXT[to]}` : 'Its state changed';
}

/** The first known error code in a raw detail, explained; null when none is named. */
function codeSentence(detail: string | null): string | null {
  const code = (detail ?? '').split(/[^a-z_]+/).find(isCode);
  return code ? defaultMessage(code) : null;
}

/** An audit record as the creator reads it: what happened to their account, in words. */
export function historyLine(entry: AuditEntry): HistoryLine {
  const technical = entry.detail && entry.detail !== 'reconnected' ? entry.detail : null;
  if (entry.action === 'connect' && entry.outcome === 'ok')
    return { text: entry.detail === 'reconnected' ? 'Reconnected' : 'Connected', technical };
  if (entry.action === 'transition') return { text: transitionText(entry.detail), technical };
  const words =
    entry.outcome === 'failed'
      ? (FAILED_WORDS[entry.action] ?? 'Something went wrong')
      : (OK_WORDS[entry.action] ?? 'Recorded');
  const why = entry.outcome === 'failed' ? codeSentence(entry.detail) : null;
  return { text: why ? `${words}: ${why.replace(/\.$/, '')}` : words, technical };
}
