import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkScheduler } from '../../src-main/core/health/health-checks';
import { createLogger } from '../../src-main/core/logger';
import {
  createRefreshScheduler,
  HEARTBEAT_MS,
  RERUN_COOLDOWN_MS,
  type SchedulerDeps,
} from '../../src-main/core/refresh/refresh-scheduler';
import { MAX_TIMER_MS } from '../../src-main/core/refresh/scheduler-clock';
import type { Vault } from '../../src-main/core/vault/vault';
import { fakeClock } from '../../src-main/demo/fake-users';
import { manualClock } from '../support/manual-clock';
import { tempDir } from '../support/test-host';
import { openTestVault, profile, tokenSet } from '../support/vault-fixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let base: ReturnType<typeof fakeClock>;
let manual: ReturnType<typeof manualClock>;
let vault: Vault;
let dir: ReturnType<typeof tempDir>;
let refreshed: { id: string; at: number }[];
let inFlight: number;
let maxInFlight: number;
let hold: Promise<void> | null;
let warnings: string[];

beforeEach(async () => {
  base = fakeClock(Date.UTC(2026, 10, 25, 12));
  manual = manualClock(base);
  dir = tempDir('switchboard-scheduler-');
  vault = await openTestVault(dir.path, undefined, base.now, 'agency');
  refreshed = [];
  inFlight = 0;
  maxInFlight = 0;
  hold = null;
  warnings = [];
});
afterEach(() => {
  vault.close();
  dir.remove();
});

/** An account whose access token expires `inMs` from now (plan: 5 minutes before). */
function account(tag: string, inMs: number): string {
  const tokens = { ...tokenSet(tag, base.now()), accessExpiresAt: base.now() + inMs };
  return vault.accounts.saveConnection(profile('x', tag), tokens).id;
}

function scheduler(overrides: Partial<SchedulerDeps> = {}) {
  const log = createLogger(() => {});
  return createRefreshScheduler({
    clock: manual.clock,
    vault: { current: () => vault },
    refresh: {
      plan: (open, id) => open.tokens.readSecrets(id).accessExpiresAt! - 5 * MIN,
      async refreshDue(id) {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        refreshed.push({ id, at: base.now() });
        if (hold) await hold;
        vault.refresh.setNextRefresh(id, base.now() + 2 * HOUR);
        inFlight -= 1;
      },
    },
    verify: async () => {},
    concurrency: () => 4,
    log: { ...log, warn: (message) => warnings.push(message) },
    ...overrides,
  });
}

describe('refresh scheduler', () => {
  it('holds one timer for the next due account and refreshes each on time', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => account(`a${i}`, (i + 1) * 10 * MIN));
    const s = scheduler();
    s.start();
    await manual.advance(0);
    expect(manual.armed).toBe(1);
    await manual.advance(6 * HOUR);
    expect(manual.armed).toBe(1);
    expect(new Set(refreshed.map((r) => r.id))).toEqual(new Set(ids));
    // Each first refresh happened at its plan (5 minutes before expiry), not later.
    for (const [i, id] of ids.entries()) {
      const first = refreshed.find((r) => r.id === id)!;
      expect(first.at - Date.UTC(2026, 10, 25, 12)).toBe((i + 1) * 10 * MIN - 5 * MIN);
    }
    s.stop();
  });

  it('re-plans when accounts change', async () => {
    account('late', 5 * HOUR);
    const s = scheduler();
    s.start();
    await manual.advance(MIN);
    const soon = account('soon', 10 * MIN);
    s.replan();
    await manual.advance(6 * MIN);
    expect(refreshed.map((r) => r.id)).toEqual([soon]);
    expect(s.status().nextDueAt).toBe(refreshed[0]!.at + 2 * HOUR);
    s.stop();
  });

  it('reaches a due time past Node’s 24.8-day timer limit in steps', async () => {
    const far = account('far', 25 * DAY);
    const s = scheduler();
    s.start();
    await manual.advance(25 * DAY);
    expect(refreshed.map((r) => r.id)).toEqual([far]);
    expect(Math.max(...manual.delays)).toBeLessThanOrEqual(HEARTBEAT_MS);
    expect(Math.max(...manual.delays)).toBeLessThan(MAX_TIMER_MS);
    s.stop();
  });

  it('catches up after the machine slept through an expiry, at once on resume', async () => {
    const id = account('sleeper', 2 * HOUR);
    const s = scheduler();
    s.start();
    await manual.advance(MIN);
    manual.sleep(3 * HOUR);
    s.resume();
    await manual.advance(0);
    expect(refreshed.map((r) => r.id)).toEqual([id]);
    s.stop();
  });

  it('catches up after a clock jump within one heartbeat, without a resume', async () => {
    const id = account('jumper', 2 * HOUR);
    const s = scheduler();
    s.start();
    await manual.advance(MIN);
    manual.sleep(2 * HOUR);
    await manual.advance(HEARTBEAT_MS);
    expect(refreshed.map((r) => r.id)).toEqual([id]);
    expect(warnings.join()).toMatch(/clock moved 7200 s/);
    // A sleep is not the scheduler being late.
    expect(s.status().lastTickLagMs).toBe(0);
    s.stop();
  });

  it('waits while offline and resumes', async () => {
    const id = account('offline', 10 * MIN);
    let offline = true;
    const s = scheduler({ offline: () => offline });
    s.start();
    await manual.advance(HOUR);
    expect(refreshed).toEqual([]);
    expect(s.waitingOffline).toBe(true);
    offline = false;
    s.resume();
    await manual.advance(0);
    expect(refreshed.map((r) => r.id)).toEqual([id]);
    s.stop();
  });

  it('never runs more than the concurrency limit at once', async () => {
    for (let i = 0; i < 20; i += 1) account(`c${i}`, 10 * MIN);
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    const s = scheduler();
    s.start();
    await manual.advance(6 * MIN);
    expect(inFlight).toBe(4);
    release();
    hold = null;
    await manual.advance(MIN);
    expect(refreshed).toHaveLength(20);
    expect(maxInFlight).toBe(4);
    s.stop();
  });

  it('makes scheduler:lag real: pass while running on time, warn when not running', async () => {
    account('lag', 2 * HOUR);
    const s = scheduler();
    const accounts = vault.accounts.list();
    expect(checkScheduler(s, accounts, base.now()).status).toBe('warn');
    s.start();
    await manual.advance(HEARTBEAT_MS);
    const check = checkScheduler(s, accounts, base.now());
    expect(check).toMatchObject({ status: 'pass', observedValue: 0 });
    expect(check.nextRefreshAt).toBe(new Date(s.status().nextDueAt!).toISOString());
    s.stop();
  });
});

describe('refresh scheduler with a stuck account', () => {
  it('never spins: an account still due after its run waits before running again', async () => {
    const id = account('stuck', 10 * MIN);
    // A spinning scheduler must fail this test, not hang it: runs and timer fires are capped
    // far above what a correct scheduler needs (a loop of resolved promises never yields).
    const CAP = 100;
    manual = manualClock(base, { maxFires: 1_000 });
    let runs = 0;
    const s = scheduler({
      refresh: {
        plan: (open, accountId) => open.tokens.readSecrets(accountId).accessExpiresAt! - 5 * MIN,
        // A vault that cannot store: the plan never moves.
        refreshDue: async () => {
          runs += 1;
          if (runs >= CAP) s.stop();
        },
      },
    });
    s.start();
    await manual.advance(6 * MIN);
    // Due from 5:00 to 6:00, once per 5-second cooldown: 5:00, 5:05 … 6:00. Literal, so a
    // mutated cooldown cannot move the bound with it.
    expect(RERUN_COOLDOWN_MS).toBe(5_000);
    expect(runs).toBe(13);
    expect(vault.refresh.state(id).nextRefreshAt).toBeLessThanOrEqual(base.now());
    s.stop();
  });
});
