// The periodic token check of keep-alive, on a manual clock: it runs every
// `tokenCheckIntervalHours` (default 6) — not a minute earlier — against the real fakes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src-shared/settings';
import { createLogger } from '../../src-main/core/logger';
import { createKeepAlive, type KeepAlive } from '../../src-main/core/refresh/keep-alive';
import { manualClock } from '../support/manual-clock';
import { startRefreshHarness, type RefreshHarness } from '../support/refresh-harness';
import { credentials } from '../support/platform-harness';

const MIN = 60_000;
const HOUR = 60 * MIN;
const X_PROBE = '/2/users/me';

let h: RefreshHarness;
let manual: ReturnType<typeof manualClock>;
let keepAlive: KeepAlive;
let settings: Settings;
let announced: number;

beforeEach(async () => {
  h = await startRefreshHarness();
  manual = manualClock(h.clock);
  settings = { ...DEFAULT_SETTINGS };
  announced = 0;
  keepAlive = createKeepAlive({
    vault: { require: () => h.vault, current: () => h.vault },
    adapters: h.registry,
    credentials: { resolve: credentials },
    settings: { get: () => settings },
    metrics: { recordRefresh: () => {} },
    transitions: h.bus,
    clock: manual.clock,
    accountsChanged: () => (announced += 1),
    log: createLogger(() => {}),
  });
});
afterEach(async () => {
  await keepAlive.close();
  await h.close();
});

const probes = () => h.fakes.x.requests.filter((request) => request.path === X_PROBE).length;
const lastCheck = (id: string) => h.vault.refresh.state(id).lastCheckAt;

describe('the periodic token check', () => {
  it('runs every 6 hours by default: not before the boundary, and at it', async () => {
    expect(DEFAULT_SETTINGS.tokenCheckIntervalHours).toBe(6);
    const id = await h.addAccount('x');
    const start = h.clock.now();
    keepAlive.start();
    // Scheduled refreshes run meanwhile (X tokens live 2 h); they never count as a check.
    await manual.advance(6 * HOUR - 1);
    await keepAlive.keeper.settled();
    expect(h.tokenCalls('x', /^\/2\/oauth2\/token$/)).toBeGreaterThan(0);
    expect(lastCheck(id)).toBeNull();
    expect(probes()).toBe(0);

    await manual.advance(1);
    await vi.waitFor(() => expect(lastCheck(id)).toBe(start + 6 * HOUR));
    expect(probes()).toBe(1);

    // The next one is 6 hours after the first finished, not sooner.
    await manual.advance(6 * HOUR - 1);
    await keepAlive.keeper.settled();
    expect(probes()).toBe(1);
    await manual.advance(1);
    await vi.waitFor(() => expect(lastCheck(id)).toBe(start + 12 * HOUR));
    expect(probes()).toBe(2);
  });

  it('follows the setting: 1 hour means a check at 1 h, none at 59 min', async () => {
    settings = { ...settings, tokenCheckIntervalHours: 1 };
    const id = await h.addAccount('x');
    const start = h.clock.now();
    keepAlive.start();
    await manual.advance(59 * MIN);
    expect(lastCheck(id)).toBeNull();
    await manual.advance(MIN);
    await vi.waitFor(() => expect(lastCheck(id)).toBe(start + HOUR));
  });

  it('an interval longer than one timer step is walked in steps and still lands on time', async () => {
    settings = { ...settings, tokenCheckIntervalHours: 48 };
    const id = await h.addAccount('x');
    const start = h.clock.now();
    keepAlive.start();
    await manual.advance(48 * HOUR - 1);
    await keepAlive.keeper.settled();
    expect(lastCheck(id)).toBeNull();
    await manual.advance(1);
    await vi.waitFor(() => expect(lastCheck(id)).toBe(start + 48 * HOUR));
    expect(Math.max(...manual.delays)).toBeLessThanOrEqual(6 * HOUR);
  });
});

describe('announcing account changes', () => {
  it('coalesces status changes for 250 ms: none announced at 249 ms, one at 250 ms', async () => {
    const id = await h.addAccount('x');
    // A refresh moves the status twice (refreshing, then healthy): one announcement for both.
    await keepAlive.keeper.ensureFresh(id, 3 * 3600, 'test');
    expect(h.vault.refresh.state(id).status).toBe('healthy');
    expect(h.transitions.map((t) => [t.from, t.to])).toEqual([
      ['healthy', 'refreshing'],
      ['refreshing', 'healthy'],
    ]);
    await manual.advance(249);
    expect(announced).toBe(0);
    await manual.advance(1);
    expect(announced).toBe(1);
    await manual.advance(10_000);
    expect(announced).toBe(1);
  });
});
