// The sign-in timeout at its boundary: with the default (5 minutes) a sign-in is still waiting for
// the browser 1 ms before, and has failed with oauth_timeout at 5 minutes. Only setTimeout is
// faked, and only while the sign-in starts and waits; sockets and the clock stay real.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectSession } from '../../src-shared/connect';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../../src-main/core/connect/connect-service';
import { startConnectHarness, type ConnectHarness } from '../support/connect-harness';

let h: ConnectHarness;
beforeEach(async () => {
  // No connectTimeoutMs: the core uses its default, as the app does.
  h = await startConnectHarness({ sharedClock: true });
});
afterEach(async () => {
  vi.useRealTimers();
  await h.close();
});

describe('the sign-in timeout', () => {
  it('is 5 minutes: still waiting 1 ms before, failed with oauth_timeout at 5 minutes', async () => {
    expect(DEFAULT_CONNECT_TIMEOUT_MS).toBe(5 * 60_000);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const session = await h.call<ConnectSession>('accounts.connect', { provider: 'youtube' });
    expect(session.stage).toBe('waiting_for_browser');
    expect(Date.parse(session.expiresAt)).toBe(h.clock.now() + 5 * 60_000);

    vi.advanceTimersByTime(5 * 60_000 - 1);
    expect(h.core.connect.list().map((run) => [run.connectId, run.stage])).toEqual([
      [session.connectId, 'waiting_for_browser'],
    ]);

    vi.advanceTimersByTime(1);
    vi.useRealTimers();
    expect(h.core.connect.list()).toEqual([]);
    const ended = await h.core.connect.settled(session.connectId);
    expect(ended).toMatchObject({ stage: 'failed', error: { code: 'oauth_timeout' } });
  });
});
