// Defaults of account alerting at their boundaries, through the real wiring: the anti-flap hold
// (Settings' default 120 s) and the webhook's 5-second answer deadline.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountAlert } from '../../src-shared/alerts';
import { DEFAULT_SETTINGS } from '../../src-shared/settings';
import { createAccountAlerting } from '../../src-main/core/alerts/alerting';
import type { AlertTimers } from '../../src-main/core/alerts/account-alerts';
import { createWebhookSender } from '../../src-main/core/alerts/webhook';
import { createTransitionBus } from '../../src-main/core/refresh/account-transitions';
import { createSettingsService } from '../../src-main/core/settings';
import type { VaultGate } from '../../src-main/core/vault/vault-gate';
import { httpRequest } from '../support/http-client';
import { capturingLogger, memorySettingsStore } from '../support/test-host';

const closers: (() => unknown)[] = [];

/**
 * Waits on real I/O turns (setImmediate is not faked). vi.waitFor would not do: under fake
 * timers it advances them itself, which would move the very deadline under test.
 */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn += 1) {
    if (turn > 100_000) throw new Error('condition not met');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
afterEach(async () => {
  vi.useRealTimers();
  for (const close of closers.splice(0)) await close();
});

/** Alert timers run by hand (the hold is the only timer they carry). */
function handTimers() {
  let now = 0;
  const pending: { at: number; run: () => void; id: number }[] = [];
  let nextId = 1;
  const timers: AlertTimers = {
    set: (run, ms) => {
      pending.push({ at: now + ms, run, id: nextId });
      return nextId++;
    },
    clear: (handle) => {
      const index = pending.findIndex((entry) => entry.id === handle);
      if (index >= 0) pending.splice(index, 1);
    },
  };
  return {
    timers,
    advance(ms: number) {
      now += ms;
      for (const entry of pending.filter((e) => e.at <= now).sort((a, b) => a.at - b.at)) {
        pending.splice(pending.indexOf(entry), 1);
        entry.run();
      }
    },
  };
}

describe('the anti-flap hold', () => {
  it('is 120 s by default: no alert 1 ms before, one alert at 120 s', () => {
    expect(DEFAULT_SETTINGS.alertHoldSeconds).toBe(120);
    const log = capturingLogger();
    const hand = handTimers();
    const transitions = createTransitionBus();
    const raised: AccountAlert[] = [];
    const alerting = createAccountAlerting({
      transitions,
      hub: { onAccountAlert: (alert) => raised.push(alert) },
      // Nothing stored: Settings answer their defaults.
      settings: createSettingsService(memorySettingsStore(), log),
      // No open vault: no account is known to be gone, so the alert is not held back for that.
      vault: { current: () => null } as unknown as VaultGate,
      log,
      now: () => 0,
      timers: hand.timers,
    });
    closers.push(() => alerting.close());
    transitions.publish({
      accountId: 'acc-1',
      platform: 'x',
      label: 'My X',
      from: 'healthy',
      to: 'needs_reauth',
      reason: 'X refused the sign-in.',
      at: 0,
    });
    hand.advance(120_000 - 1);
    expect(raised).toEqual([]);
    hand.advance(1);
    expect(raised.map((alert) => [alert.accountId, alert.oldStatus, alert.newStatus])).toEqual([
      ['acc-1', 'healthy', 'needs_reauth'],
    ]);
  });
});

describe('the webhook deadline', () => {
  it('is 5 s by default: a silent receiver is still awaited at 4.999 s and given up at 5 s', async () => {
    const received: string[] = [];
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      received.push(request.url ?? '');
      // The alert hangs; the control request (below) is answered at once.
      if (request.url === '/control') response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const log = capturingLogger();
    // Only setTimeout is faked: the sender's deadline runs on it; sockets stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const sender = createWebhookSender({ url: () => `http://127.0.0.1:${port}/hook`, log });
    closers.push(() => sender.close());
    let outcome: Awaited<ReturnType<typeof sender.test>> | null = null;
    void sender.test(ALERT).then((result) => (outcome = result));
    await until(() => received.length === 1);
    expect(received).toEqual(['/hook']);

    vi.advanceTimersByTime(5_000 - 1);
    // A control round trip on the same server: an abort at 4.999 s would have landed by now.
    expect((await httpRequest(port, { path: '/control' })).body).toBe('ok');
    expect(outcome).toBeNull();

    vi.advanceTimersByTime(1);
    await until(() => outcome !== null);
    expect(outcome).toMatchObject({ delivered: false, status: null });
    // The answer only says it failed; the log says why: the deadline, not another error.
    expect(log.lines.some((line) => line.includes('failed: no answer in time'))).toBe(true);
  });
});

describe('the webhook retries', () => {
  it('by default retries 3 times after 2, 8 and 32 s, then gives up', async () => {
    const received: string[] = [];
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      received.push(request.url ?? '');
      response.writeHead(request.url === '/control' ? 200 : 500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const hooks = () => received.filter((url) => url === '/hook').length;
    const control = async () =>
      expect((await httpRequest(port, { path: '/control' })).status).toBe(200);
    const log = capturingLogger();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // Every delay asked of the (fake) setTimeout: the sender's waits show up here when armed.
    const asked: number[] = [];
    const fakeSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((run: () => void, ms?: number) => {
      asked.push(ms ?? 0);
      return fakeSetTimeout(run, ms);
    }) as typeof setTimeout);
    const sender = createWebhookSender({ url: () => `http://127.0.0.1:${port}/hook`, log });
    closers.push(() => sender.close());
    sender.send(ALERT);
    for (const [attempt, wait] of [
      [1, 2_000],
      [2, 8_000],
      [3, 32_000],
    ] as const) {
      await until(() => hooks() === attempt && asked.includes(wait));
      vi.advanceTimersByTime(wait - 1);
      await control();
      expect(hooks()).toBe(attempt);
      vi.advanceTimersByTime(1);
      await until(() => hooks() === attempt + 1);
    }
    await until(() => sender.pending === 0);
    expect(log.lines.join('\n')).toMatch(/4 attempt\(s\), giving up/);
    vi.advanceTimersByTime(10 * 60_000);
    await control();
    expect(hooks()).toBe(4);
  });
});

const ALERT: AccountAlert = {
  kind: 'test',
  accountId: 'test',
  platform: 'x',
  label: 'Switchboard test alert',
  oldStatus: 'healthy',
  newStatus: 'healthy',
  reason: null,
  at: '2026-11-25T12:00:00.000Z',
  reauthBy: null,
};
