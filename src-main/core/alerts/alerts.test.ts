import { describe, expect, it } from 'vitest';
import type { AccountAlert } from '../../../src-shared/alerts';
import type { CheckStatus, HealthDocument } from '../../../src-shared/health';
import { recordingHost } from '../../../test/support/test-host';
import { createAlertHub, healthTransitions, hostAlertSink } from './alerts';

function doc(
  overall: CheckStatus,
  checks: Record<string, CheckStatus>,
  accounts: Record<string, CheckStatus> = {},
): HealthDocument {
  const time = '2026-11-25T12:00:00.000Z';
  return {
    status: overall,
    version: '1',
    releaseId: 'c',
    description: 'Switchboard',
    time,
    checks: {
      ...Object.fromEntries(
        Object.entries(checks).map(([key, status]) => [
          key,
          [{ status, time, output: `${key} said ${status}` }],
        ]),
      ),
      'accounts:status': [
        { status: 'pass', time },
        ...Object.entries(accounts).map(([id, status]) => ({
          componentId: id,
          status,
          time,
          output: status,
        })),
      ],
    },
  };
}

describe('health transitions', () => {
  it('reports only what is not passing on the first evaluation', () => {
    expect(healthTransitions(null, doc('pass', { 'vault:responseTime': 'pass' }))).toEqual([]);
    expect(
      healthTransitions(null, doc('warn', { 'x:reachability': 'warn' })).map((a) => [
        a.subject,
        a.from,
        a.to,
      ]),
    ).toEqual([
      ['overall', null, 'warn'],
      ['x:reachability', null, 'warn'],
    ]);
  });

  it('reports a change per check and per account, recovery included, and nothing when nothing changed', () => {
    const before = doc('warn', { 'x:reachability': 'warn' }, { acc1: 'warn' });
    const after = doc('pass', { 'x:reachability': 'pass' }, { acc1: 'pass' });
    expect(healthTransitions(before, before)).toEqual([]);
    const alerts = healthTransitions(before, after);
    expect(alerts.map((a) => [a.subject, a.from, a.to])).toEqual([
      ['overall', 'warn', 'pass'],
      ['x:reachability', 'warn', 'pass'],
      ['accounts:status#acc1', 'warn', 'pass'],
    ]);
    expect(alerts[1]!.message).toBe('x:reachability recovered.');
  });
});

describe('alert hub with the host sink', () => {
  it('moves the tray and notifies on overall transitions only, once each, and again on recovery', () => {
    const recorded = recordingHost();
    const hub = createAlertHub([hostAlertSink(recorded.host, () => true)]);
    hub.onHealth(doc('pass', { 'vault:responseTime': 'pass' }));
    expect(recorded.notifications).toEqual([]);
    hub.onHealth(doc('fail', { 'vault:responseTime': 'fail' }));
    hub.onHealth(doc('fail', { 'vault:responseTime': 'fail' })); // no flapping: same state, no alert
    hub.onHealth(doc('pass', { 'vault:responseTime': 'pass' }));
    expect(recorded.tray.map((t) => t.status)).toEqual(['error', 'ok']);
    expect(recorded.notifications.map((n) => n.title)).toEqual([
      'Switchboard needs your attention',
      'Switchboard: all good again',
    ]);
  });

  it('keeps the tray moving but stays quiet when notifications are off', () => {
    const recorded = recordingHost();
    const hub = createAlertHub([hostAlertSink(recorded.host, () => false)]);
    hub.onHealth(doc('warn', { 'x:reachability': 'warn' }));
    expect(recorded.tray).toEqual([
      { status: 'warning', tooltip: 'something needs your attention' },
    ]);
    expect(recorded.notifications).toEqual([]);
  });

  it('hands every transition to every sink (the hook the refresh work adds its webhook to)', () => {
    const seen: string[] = [];
    const hub = createAlertHub([{ deliver: (alert) => seen.push(`${alert.subject}:${alert.to}`) }]);
    hub.onHealth(doc('warn', { 'tiktok:reachability': 'warn' }));
    expect(seen).toEqual(['overall:warn', 'tiktok:reachability:warn']);
  });
});

describe('account alerts through the hub', () => {
  const alert: AccountAlert = {
    kind: 'status',
    accountId: 'acc1',
    platform: 'tiktok',
    label: 'Dance channel',
    oldStatus: 'healthy',
    newStatus: 'needs_reauth',
    reason: 'TikTok no longer accepts this sign-in; reconnect the account.',
    at: '2026-11-25T12:00:00.000Z',
    reauthBy: null,
  };

  it('notifies naming the account, reaches every sink that wants account alerts, and stays quiet when notifications are off', () => {
    const recorded = recordingHost();
    const seen: AccountAlert[] = [];
    const hub = createAlertHub([
      hostAlertSink(recorded.host, () => true),
      { deliver: () => {}, deliverAccount: (a) => seen.push(a) },
    ]);
    hub.onAccountAlert(alert);
    hub.onAccountAlert({ ...alert, oldStatus: 'needs_reauth', newStatus: 'healthy', reason: null });
    // The account id travels with the notification, so a click can open that account.
    expect(recorded.notifications).toEqual([
      {
        title: 'TikTok · Dance channel needs attention',
        body: alert.reason,
        accountId: alert.accountId,
      },
      {
        title: 'TikTok · Dance channel is working again',
        body: 'Nothing to do.',
        accountId: alert.accountId,
      },
    ]);
    expect(seen).toHaveLength(2);
    const quiet = recordingHost();
    createAlertHub([hostAlertSink(quiet.host, () => false)]).onAccountAlert(alert);
    expect(quiet.notifications).toEqual([]);
  });

  it('moves the tray for account-only health changes without a second, vaguer notification', () => {
    const recorded = recordingHost();
    const hub = createAlertHub([hostAlertSink(recorded.host, () => true)]);
    hub.onHealth(doc('pass', { 'vault:responseTime': 'pass' }));
    hub.onHealth(doc('warn', { 'vault:responseTime': 'pass' }, { acc1: 'warn' }));
    hub.onHealth(doc('pass', { 'vault:responseTime': 'pass' }, { acc1: 'pass' }));
    expect(recorded.tray.map((t) => t.status)).toEqual(['warning', 'ok']);
    expect(recorded.notifications).toEqual([]);
    // Anything else failing still notifies, and so does its recovery.
    hub.onHealth(doc('fail', { 'vault:responseTime': 'fail' }, { acc1: 'warn' }));
    hub.onHealth(doc('pass', { 'vault:responseTime': 'pass' }, { acc1: 'pass' }));
    expect(recorded.notifications.map((n) => n.title)).toEqual([
      'Switchboard needs your attention',
      'Switchboard: all good again',
    ]);
  });
});
