import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src-shared/ipc-contract';
import { historyLine } from './audit-words';

const entry = (action: string, outcome: AuditEntry['outcome'], detail: string | null) => ({
  action,
  outcome,
  detail,
  at: '2026-11-25T12:00:00Z',
});

/** What must never be in a line the creator reads first (it goes in "Technical details"). */
const RAW = /[a-z]+_[a-z_]+|\brt [0-9a-f]{6,}|→|https?:\/\//;

describe('history in plain words', () => {
  it('says what happened to the account, and keeps the raw record for the disclosure', () => {
    const lines = [
      entry(
        'transition',
        'failed',
        'refreshing → needs_reauth; invalid_grant; rt ed91baaee5; rotation lost',
      ),
      entry('refresh', 'failed', 'needs_reauth; rt ed91baaee5'),
      entry('refresh', 'ok', 'ok; rt 0a1b2c3d4e'),
      entry('check', 'failed', 'check: account_needs_reauth'),
      entry('connect', 'failed', 'oauth_cancelled'),
      entry('tool_token', 'ok', null),
      entry('made_up_action', 'ok', 'x_y'),
    ].map(historyLine);
    for (const line of lines) expect(line.text).not.toMatch(RAW);
    expect(lines[0]).toEqual({
      text: 'Now: Reconnect needed',
      technical: 'refreshing → needs_reauth; invalid_grant; rt ed91baaee5; rotation lost',
    });
    expect(lines[2]!.text).toBe('Renewed automatically');
    expect(lines[3]!.text).toMatch(/^Checked: the platform did not accept this sign-in: /);
  });

  it('tells a reconnect from a first connect', () => {
    expect(historyLine(entry('connect', 'ok', 'reconnected'))).toEqual({
      text: 'Reconnected',
      technical: null,
    });
    expect(historyLine(entry('connect', 'ok', null)).text).toBe('Connected');
    expect(historyLine(entry('transition', 'ok', 'needs_reauth → healthy')).text).toBe(
      'Now: Connected',
    );
  });
});
