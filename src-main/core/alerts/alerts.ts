import type { AccountAlert } from '../../../src-shared/alerts';
import type { CheckStatus, HealthDocument } from '../../../src-shared/health';
import { PLATFORMS } from '../../../src-shared/platforms';
import type { Host, TrayStatus } from '../host';

/** One health transition: the overall status, or one check (and component) moving between levels. */
export interface Alert {
  /** `overall`, or `<check key>` / `<check key>#<component id>` (opaque ids only). */
  subject: string;
  from: CheckStatus | null;
  to: CheckStatus;
  /** A sentence for the creator, never a secret. */
  message: string;
  at: string;
}

/** Where alerts go: tray, notification, and (with the refresh work) an optional webhook. */
export interface AlertSink {
  deliver(alert: Alert, document: HealthDocument, previous: HealthDocument | null): void;
  /** Account alerts (status changes that held, re-auth forecasts); see account-alerts.ts. */
  deliverAccount?(alert: AccountAlert): void;
}

/** Whether every check that is not passing is an account's: account alerts speak for those. */
function onlyAccounts(document: HealthDocument | null): boolean {
  if (!document) return true;
  return Object.entries(document.checks).every(
    ([key, entries]) => key === 'accounts:status' || entries.every((e) => e.status === 'pass'),
  );
}

/** The notification for one account alert: which account, what happened, what to do. */
export function accountNotification(alert: AccountAlert): { title: string; body: string } {
  const who = `${PLATFORMS[alert.platform].displayName} · ${alert.label}`;
  if (alert.kind === 'reauth_due')
    return {
      title: `${who}: reconnect by ${alert.reauthBy?.slice(0, 10) ?? 'soon'}`,
      body: alert.reason ?? 'This account will need you to sign in again soon.',
    };
  if (alert.newStatus === 'healthy')
    return { title: `${who} is working again`, body: alert.reason ?? 'Nothing to do.' };
  return {
    title: `${who} needs attention`,
    body: alert.reason ?? `Status: ${alert.newStatus.replace('_', ' ')}.`,
  };
}

function levels(document: HealthDocument): Map<string, { status: CheckStatus; output?: string }> {
  const result = new Map<string, { status: CheckStatus; output?: string }>([
    ['overall', { status: document.status }],
  ]);
  for (const [key, entries] of Object.entries(document.checks)) {
    for (const entry of entries) {
      const subject =
        entry.componentId && key === 'accounts:status' ? `${key}#${entry.componentId}` : key;
      result.set(subject, {
        status: entry.status,
        ...(entry.output ? { output: entry.output } : {}),
      });
    }
  }
  return result;
}

/** What changed between two evaluations. The first evaluation reports only what is not passing. */
export function healthTransitions(previous: HealthDocument | null, next: HealthDocument): Alert[] {
  const before = previous ? levels(previous) : new Map<string, { status: CheckStatus }>();
  const alerts: Alert[] = [];
  for (const [subject, now] of levels(next)) {
    const was = before.get(subject)?.status ?? null;
    if (was === now.status || (was === null && now.status === 'pass')) continue;
    const message =
      now.status === 'pass'
        ? `${subject} recovered.`
        : `${subject} is ${now.status === 'fail' ? 'failing' : 'degraded'}${now.output ? `: ${now.output}` : '.'}`;
    alerts.push({ subject, from: was, to: now.status, message, at: next.time });
  }
  return alerts;
}

const TRAY: Record<CheckStatus, TrayStatus> = { pass: 'ok', warn: 'warning', fail: 'error' };
const TOOLTIP: Record<CheckStatus, string> = {
  pass: 'all connections healthy',
  warn: 'something needs your attention',
  fail: 'Switchboard cannot keep your connections alive',
};

/** The host's tray follows the overall status; notifications fire on overall transitions, recovery included. */
export function hostAlertSink(host: Host, notificationsEnabled: () => boolean): AlertSink {
  return {
    deliver(alert, document, previous) {
      if (alert.subject !== 'overall') return;
      host.setTrayStatus(TRAY[document.status], TOOLTIP[document.status]);
      if (!notificationsEnabled()) return;
      // Accounts alone: their own alerts (held against flapping, naming the account) notify.
      if (onlyAccounts(document) && onlyAccounts(previous)) return;
      host.notify({
        title:
          alert.to === 'pass' ? 'Switchboard: all good again' : 'Switchboard needs your attention',
        body: alert.to === 'pass' ? 'Every check passes again.' : TOOLTIP[alert.to],
      });
    },
    deliverAccount(alert) {
      if (!notificationsEnabled()) return;
      // The account id lets a click open the window on the account the alert is about.
      host.notify(
        alert.kind === 'test'
          ? accountNotification(alert)
          : { ...accountNotification(alert), accountId: alert.accountId },
      );
    },
  };
}

/** Feeds every fresh health evaluation through the transitions to each sink. One path for all alerts. */
export function createAlertHub(sinks: AlertSink[]) {
  let previous: HealthDocument | null = null;
  return {
    onHealth(document: HealthDocument): Alert[] {
      const alerts = healthTransitions(previous, document);
      const before = previous;
      previous = document;
      for (const alert of alerts) for (const sink of sinks) sink.deliver(alert, document, before);
      return alerts;
    },
    /** Account alerts take the same path to every sink that wants them. */
    onAccountAlert(alert: AccountAlert): void {
      for (const sink of sinks) sink.deliverAccount?.(alert);
    },
  };
}
