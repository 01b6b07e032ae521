import { describe, expect, it } from 'vitest';
import type { AccountStatus, AccountSummary } from '../../../src-shared/account';
import type { AccountAlert } from '../../../src-shared/alerts';
import { fakeClock } from '../../demo/fake-users';
import type { AccountTransition } from '../refresh/account-transitions';
import { createAccountAlerts, createReauthWatch, type AlertTimers } from './account-alerts';

/** Timers on a fake clock: `advance` runs whatever came due, in order. */
function fakeTimers(clock = fakeClock()) {
  const pending = new Map<number, { at: number; run: () => void }>();
  let next = 1;
  const timers: AlertTimers = {
    set(run, ms) {
      const id = next++;
      pending.set(id, { at: clock.now() + ms, run });
      return id;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  return {
    clock,
    timers,
    advance(ms: number) {
      const until = clock.now() + ms;
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, t]) => t.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        clock.set(due[1].at);
        due[1].run();
      }
      clock.set(until);
    },
  };
}

const HOLD = 120_000;

function setup() {
  const t = fakeTimers();
  const seen: AccountAlert[] = [];
  const alerts = createAccountAlerts({
    holdMs: () => HOLD,
    deliver: (alert) => seen.push(alert),
    timers: t.timers,
  });
  const move = (from: AccountStatus, to: AccountStatus, reason: string | null = null) => {
    const transition: AccountTransition = {
      accountId: 'acc-1',
      platform: 'tiktok',
      label: 'My TikTok',
      from,
      to,
      reason,
      at: t.clock.now(),
    };
    alerts.onTransition(transition);
  };
  return { t, seen, move, alerts };
}

describe('account alerts hold against flapping', () => {
  it('alerts a status only once it held for the hold time, then alerts the recovery', () => {
    const { t, seen, move } = setup();
    move('healthy', 'needs_reauth', 'TikTok refused the sign-in.');
    t.advance(HOLD - 1);
    expect(seen).toEqual([]);
    t.advance(1);
    expect(seen.map((a) => [a.oldStatus, a.newStatus, a.reason])).toEqual([
      ['healthy', 'needs_reauth', 'TikTok refused the sign-in.'],
    ]);
    move('needs_reauth', 'healthy');
    t.advance(HOLD);
    expect(seen.map((a) => [a.oldStatus, a.newStatus])).toEqual([
      ['healthy', 'needs_reauth'],
      ['needs_reauth', 'healthy'],
    ]);
    expect(seen[0]!.kind).toBe('status');
  });

  it('says nothing when a status goes back within the hold, however often', () => {
    const { t, seen, move } = setup();
    for (let i = 0; i < 10; i++) {
      move('healthy', 'rate_limited');
      t.advance(HOLD / 2);
      move('rate_limited', 'healthy');
      t.advance(HOLD / 2);
    }
    t.advance(10 * HOLD);
    expect(seen).toEqual([]);
  });

  it('restarts the hold on each new status and reports from what was last told', () => {
    const { t, seen, move } = setup();
    move('healthy', 'expiring');
    t.advance(HOLD / 2);
    move('expiring', 'needs_reauth');
    t.advance(HOLD - 1);
    expect(seen).toEqual([]);
    t.advance(1);
    expect(seen.map((a) => [a.oldStatus, a.newStatus])).toEqual([['healthy', 'needs_reauth']]);
  });

  it('treats refreshing and verify as routine: passing through them never alerts', () => {
    const { t, seen, move } = setup();
    move('healthy', 'refreshing');
    t.advance(HOLD * 3);
    move('refreshing', 'healthy');
    move('healthy', 'verify');
    t.advance(HOLD * 3);
    expect(seen).toEqual([]);
  });

  it('starts again from a status it did not hear about, so a second failure alerts too', () => {
    const { t, seen, move } = setup();
    move('healthy', 'needs_reauth');
    t.advance(HOLD);
    // The creator reconnected; that change reached the bus without passing here.
    move('healthy', 'needs_reauth');
    t.advance(HOLD);
    expect(seen.map((a) => [a.oldStatus, a.newStatus])).toEqual([
      ['healthy', 'needs_reauth'],
      ['healthy', 'needs_reauth'],
    ]);
  });

  it('forgets a disconnected account’s pending alert', () => {
    const { t, seen, move, alerts } = setup();
    move('healthy', 'account_problem');
    alerts.forget('acc-1');
    t.advance(HOLD * 2);
    expect(seen).toEqual([]);
  });
});

describe('re-auth warnings', () => {
  const DAY = 86_400_000;
  const account = (reauthBy: number | null, status: AccountStatus = 'healthy') =>
    ({
      id: 'acc-2',
      platform: 'youtube',
      label: null,
      displayName: 'Channel',
      status,
      reauthBy: reauthBy === null ? null : new Date(reauthBy).toISOString(),
      reauthReason: 'The Google app is in Testing mode.',
    }) as AccountSummary;

  it('warns once when the forecast enters the window, again only when the forecast moves', () => {
    const clock = fakeClock();
    const seen: AccountAlert[] = [];
    const watch = createReauthWatch({
      now: clock.now,
      warningMs: () => 7 * DAY,
      deliver: (alert) => seen.push(alert),
    });
    const due = clock.now() + 10 * DAY;
    expect(watch.check([account(due)])).toEqual([]);
    clock.advance(3 * DAY);
    expect(watch.check([account(due)]).map((a) => [a.kind, a.label, a.reauthBy])).toEqual([
      ['reauth_due', 'Channel', new Date(due).toISOString()],
    ]);
    clock.advance(DAY);
    expect(watch.check([account(due)])).toEqual([]);
    expect(watch.check([account(due + DAY)])).toHaveLength(1);
    // Already needing the creator: the status alert said so; no forecast warning on top.
    expect(watch.check([account(due + 2 * DAY, 'needs_reauth')])).toEqual([]);
    expect(watch.check([account(null)])).toEqual([]);
    expect(seen).toHaveLength(2);
  });
});
