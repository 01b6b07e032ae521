import type { AccountAlert } from '../../../src-shared/alerts';
import type { Handlers } from '../dispatch';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logger';
import type { TransitionBus } from '../refresh/account-transitions';
import type { SettingsService } from '../settings';
import type { VaultGate } from '../vault/vault-gate';
import { createAccountAlerts, createReauthWatch, type AlertTimers } from './account-alerts';
import type { AlertSink } from './alerts';
import { createWebhookSender, type WebhookOptions } from './webhook';

/** How often the re-auth forecast is compared with the warning window. */
const FORECAST_CHECK_MS = 15 * 60_000;
/** Soon after start-up, so a re-auth due while the app was off is announced early. */
const FIRST_FORECAST_CHECK_MS = 5_000;
const DAY_MS = 86_400_000;

/** The renderer hears every account alert as the `alerts.raised` event. */
export function rendererAlertSink(events: EventBus): AlertSink {
  return {
    deliver: () => {},
    deliverAccount: (alert) => events.emit('alerts.raised', alert),
  };
}

const TEST_ALERT = (now: number): AccountAlert => ({
  kind: 'test',
  accountId: 'test',
  platform: 'youtube',
  label: 'Switchboard test alert',
  oldStatus: 'healthy',
  newStatus: 'healthy',
  reason: 'A test from Settings; nothing happened to any account.',
  at: new Date(now).toISOString(),
  reauthBy: null,
});

/**
 * Account alerting, wired once by the core: transitions from the bus are held against flapping,
 * then go through the one alert hub (tray via health, notifications, renderer) and to the webhook;
 * the re-auth forecast is checked on a timer. Nothing here can block a refresh.
 */
export function createAccountAlerting(options: {
  transitions: TransitionBus;
  hub: { onAccountAlert(alert: AccountAlert): void };
  settings: SettingsService;
  vault: VaultGate;
  log: Logger;
  now: () => number;
  /** Called after an alert so the tray's overall status follows without waiting a minute. */
  onAlert?: () => void;
  timers?: AlertTimers;
  webhook?: Partial<WebhookOptions>;
}) {
  const { settings, now } = options;
  const webhook = createWebhookSender({
    url: () => settings.get().alertWebhookUrl,
    log: options.log,
    // Read per delivery: a locked vault has no secret to give, and the alert goes unsigned.
    signingSecret: () => options.vault.current()?.signingSecrets.current('alert_webhook') ?? null,
    now,
    ...options.webhook,
  });
  const raise = (alert: AccountAlert) => {
    // A status that held for an account disconnected meanwhile is nobody's news.
    const open = options.vault.current();
    if (alert.kind === 'status' && open && !open.accounts.get(alert.accountId)) return;
    try {
      options.hub.onAccountAlert(alert);
    } catch (error) {
      options.log.error('an alert sink failed', error);
    }
    webhook.send(alert);
    options.onAlert?.();
  };
  const alerts = createAccountAlerts({
    holdMs: () => settings.get().alertHoldSeconds * 1000,
    deliver: raise,
    ...(options.timers ? { timers: options.timers } : {}),
  });
  const forecast = createReauthWatch({
    now,
    warningMs: () => settings.get().reauthWarningDays * DAY_MS,
    deliver: raise,
  });
  const unsubscribe = options.transitions.subscribe((transition) =>
    alerts.onTransition(transition),
  );
  const checkForecast = (): AccountAlert[] => {
    const vault = options.vault.current();
    if (!vault) return [];
    try {
      return forecast.check(vault.accounts.listAll());
    } catch (error) {
      options.log.error('re-auth forecast check failed', error);
      return [];
    }
  };
  const timer = setInterval(checkForecast, FORECAST_CHECK_MS);
  const first = setTimeout(checkForecast, FIRST_FORECAST_CHECK_MS);
  timer.unref();
  first.unref();

  const iso = (ms: number) => new Date(ms).toISOString();
  const handlers: Pick<
    Handlers,
    'alerts.testWebhook' | 'alerts.webhookSecretStatus' | 'alerts.rollWebhookSecret'
  > = {
    'alerts.testWebhook': ({ url }) => webhook.test(TEST_ALERT(now()), url),
    'alerts.webhookSecretStatus': () => {
      const status = options.vault.require().signingSecrets.status('alert_webhook');
      return {
        set: status.set,
        createdAt: status.createdAt === null ? null : iso(status.createdAt),
      };
    },
    'alerts.rollWebhookSecret': () => {
      const rolled = options.vault.require().signingSecrets.roll('alert_webhook');
      options.log.info('alert webhook signing secret rolled');
      return { secret: rolled.secret, createdAt: iso(rolled.createdAt) };
    },
  };
  return {
    handlers,
    /** Compares every account's forecast with the warning window now (also runs every 15 min). */
    checkForecast,
    forget: (accountId: string) => alerts.forget(accountId),
    webhook,
    close(): void {
      clearInterval(timer);
      clearTimeout(first);
      unsubscribe();
      alerts.close();
      webhook.close();
    },
  };
}

export type AccountAlerting = ReturnType<typeof createAccountAlerting>;
