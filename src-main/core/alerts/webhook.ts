import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import type { AccountAlert, WebhookTestResult } from '../../../src-shared/alerts';
import { scrubSecrets, type Logger } from '../logger';
import { signatureHeaders } from './webhook-signature';

/** What a webhook receives: the alert, with the names the README documents. */
export interface WebhookBody {
  /** The same on every attempt of one delivery: receivers de-duplicate on it. */
  id: string;
  kind: AccountAlert['kind'];
  accountId: string;
  platform: AccountAlert['platform'];
  label: string;
  oldStatus: AccountAlert['oldStatus'];
  newStatus: AccountAlert['newStatus'];
  reason: string | null;
  at: string;
  reauthBy: string | null;
}

export interface WebhookOptions {
  /** The URL from Settings, read at send time so a change applies to the next alert. */
  url: () => string | null;
  log: Logger;
  /** Per attempt, connect to last byte; a hanging receiver costs at most this much. */
  timeoutMs?: number;
  /** Retries after the first attempt (network error, timeout, 429, 5xx). */
  retries?: number;
  /** Wait before retry `n` (1-based). */
  backoffMs?: (retry: number) => number;
  /** Deliveries in progress or waiting to retry; beyond it new alerts are dropped (and logged). */
  maxPending?: number;
  /** The signing secret, read once per delivery; null = none made yet (sent unsigned). */
  signingSecret?: () => string | null;
  /** Epoch ms, for the signature's timestamp. */
  now?: () => number;
}

type Attempt = { status: number | null; error: string | null };

/** Every failed "send test" answers this, whatever went wrong (the log has the reason). */
export const COULD_NOT_DELIVER =
  'Could not deliver the test alert. Check the address and that the receiver is running; Switchboard’s log says what went wrong.';

/** Only the host is logged: a webhook URL often carries its own secret in the path. */
const where = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid address';
  }
};

export function webhookBody(alert: AccountAlert, id: string = randomUUID()): WebhookBody {
  return {
    id,
    kind: alert.kind,
    accountId: alert.accountId,
    platform: alert.platform,
    label: alert.label,
    oldStatus: alert.oldStatus,
    newStatus: alert.newStatus,
    // Reasons are sentences, but they leave the machine here: scrub anything token-shaped.
    reason: alert.reason === null ? null : scrubSecrets(alert.reason),
    at: alert.at,
    reauthBy: alert.reauthBy,
  };
}

/**
 * Posts alerts to the creator's webhook. `send` never waits and never throws: a slow, failing or
 * hanging receiver costs a bounded number of timed-out attempts and a log line, nothing else.
 */
export function createWebhookSender(options: WebhookOptions) {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? ((retry: number) => 2_000 * 4 ** (retry - 1));
  const maxPending = options.maxPending ?? 64;
  const waits = new Map<NodeJS.Timeout, () => void>();
  const controllers = new Set<AbortController>();
  let pending = 0;
  let closed = false;
  const now = options.now ?? Date.now;

  /** The secret for one delivery; unreadable means unsigned, never a delivery that throws. */
  const secretNow = (url: string): string | null => {
    try {
      return options.signingSecret?.() ?? null;
    } catch (error) {
      options.log.warn(
        `alert webhook at ${where(url)}: the signing secret could not be read (${(error as Error).message}); sent unsigned`,
      );
      return null;
    }
  };

  /** One POST. Each attempt is signed afresh (its own timestamp) with the delivery's secret. */
  const attempt = async (
    url: string,
    body: string,
    signing: { secret: string | null; attempt: number },
  ): Promise<Attempt> => {
    const controller = new AbortController();
    controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await request(url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Switchboard-alerts',
          ...signatureHeaders(signing.secret, body, Math.floor(now() / 1000), signing.attempt),
        },
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      await response.body.dump();
      return { status: response.statusCode, error: null };
    } catch (error) {
      const timedOut = controller.signal.aborted && !closed;
      return { status: null, error: timedOut ? 'no answer in time' : (error as Error).message };
    } finally {
      clearTimeout(timer);
      controllers.delete(controller);
    }
  };
  const retryable = (result: Attempt) =>
    result.status === null || result.status === 429 || result.status >= 500;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve();
      }, ms);
      timer.unref();
      waits.set(timer, resolve);
    });

  // The secret is taken when the alert is sent: a secret rolled meanwhile signs only later alerts,
  // so a receiver moved to the new secret can tell old retries by their (old) signature.
  const deliver = async (url: string, body: string, secret: string | null): Promise<void> => {
    for (let retry = 0; retry <= retries && !closed; retry++) {
      if (retry > 0) await pause(backoffMs(retry));
      if (closed) return;
      const result = await attempt(url, body, { secret, attempt: retry + 1 });
      if (result.status !== null && result.status < 300) return;
      if (!retryable(result) || retry === retries) {
        options.log.warn(
          `alert webhook at ${where(url)} failed: ${result.error ?? `HTTP ${result.status}`}; ${retry + 1} attempt(s), giving up`,
        );
        return;
      }
    }
  };

  return {
    /** Fire and forget: returns at once; retries with backoff in the background. */
    send(alert: AccountAlert): void {
      const url = options.url();
      if (!url || closed) return;
      if (pending >= maxPending) {
        options.log.warn(`alert webhook at ${where(url)} is behind; an alert was dropped`);
        return;
      }
      pending += 1;
      void deliver(url, JSON.stringify(webhookBody(alert)), secretNow(url)).finally(() => {
        pending -= 1;
      });
    },
    /** One attempt with a test alert, for Settings' "send test"; answers what happened. */
    async test(alert: AccountAlert, url = options.url()): Promise<WebhookTestResult> {
      if (!url) return { delivered: false, status: null, message: 'No webhook URL is set.' };
      const result = await attempt(url, JSON.stringify(webhookBody(alert)), {
        secret: secretNow(url),
        attempt: 1,
      });
      if (result.status !== null && result.status < 300)
        return {
          delivered: true,
          status: result.status,
          message: `Delivered (HTTP ${result.status}).`,
        };
      // The answer says only that delivery failed: which error (refused, timeout, an HTTP
      // status) would let whoever can call this map ports and hosts around the machine. The
      // creator finds the reason in the log, beside the host.
      options.log.warn(
        `alert webhook test at ${where(url)} failed: ${scrubSecrets(result.error ?? `HTTP ${result.status}`)}`,
      );
      return { delivered: false, status: null, message: COULD_NOT_DELIVER };
    },
    /** Deliveries still in progress or waiting to retry. */
    get pending() {
      return pending;
    },
    /** Stops retries and aborts attempts in progress (shutdown). */
    close(): void {
      closed = true;
      for (const [timer, resolve] of waits) {
        clearTimeout(timer);
        resolve();
      }
      waits.clear();
      for (const controller of controllers) controller.abort();
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
