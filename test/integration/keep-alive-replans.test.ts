// Keep-alive and the scheduler's plan window: the healthy ⇄ refreshing steps of renewals the
// scheduler runs itself do not reload the window (their result updates it); changes that move a
// plan (a failure, a renewal the scheduler did not run) still do.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src-shared/settings';
import { createLogger } from '../../src-main/core/logger';
import { createKeepAlive, type KeepAlive } from '../../src-main/core/refresh/keep-alive';
import { manualClock } from '../support/manual-clock';
import { credentials } from '../support/platform-harness';
import { startRefreshHarness, TOKEN_PATHS, type RefreshHarness } from '../support/refresh-harness';

const HOUR = 3_600_000;
const ACCOUNTS = 20;

let h: RefreshHarness;
let manual: ReturnType<typeof manualClock>;
let keepAlive: KeepAlive;
let reloads: number;

beforeEach(async () => {
  h = await startRefreshHarness({}, 'agency');
  manual = manualClock(h.clock);
  reloads = 0;
  // Every window load reads the vault's soonest plans once: count those reads.
  const nextPlanned = h.vault.refresh.nextPlanned;
  h.vault.refresh.nextPlanned = (limit) => {
    reloads += 1;
    return nextPlanned(limit);
  };
  keepAlive = createKeepAlive({
    vault: { require: () => h.vault, current: () => h.vault },
    adapters: h.registry,
    credentials: { resolve: credentials },
    settings: { get: () => DEFAULT_SETTINGS },
    metrics: { recordRefresh: () => {} },
    transitions: h.bus,
    clock: manual.clock,
    accountsChanged: () => {},
    log: createLogger(() => {}),
  });
});
afterEach(async () => {
  await keepAlive.close();
  await h.close();
});

/** Connects `count` X accounts, all due at the same instant. */
async function dueTogether(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(await h.addAccount('x'));
  const set = h.vault.db.prepare('UPDATE accounts SET next_refresh_at = ? WHERE id = ?');
  for (const id of ids) set.run(h.clock.now() + HOUR, id);
  return ids;
}

const renewed = (ids: string[]) =>
  ids.filter((id) => h.vault.refresh.state(id).lastRefreshAt !== null).length;

it(`${ACCOUNTS} routine renewals reload the plan window once (the tick), not twice per renewal`, async () => {
  const ids = await dueTogether(ACCOUNTS);
  keepAlive.start();
  // Up to the instant before they fall due (the heartbeat reloads each minute meanwhile).
  await manual.advance(HOUR - 1);
  const before = reloads;
  await manual.advance(1);
  await vi.waitFor(() => expect(renewed(ids)).toBe(ACCOUNTS));
  await keepAlive.scheduler.idle();
  // Each renewal went healthy → refreshing → healthy, and every status change was announced.
  const steps = h.transitions.filter((t) => ids.includes(t.accountId));
  expect(steps.length).toBe(2 * ACCOUNTS);
  expect(h.tokenCalls('x', TOKEN_PATHS.x)).toBe(2 * ACCOUNTS); // connect + one renewal each
  // The one tick that found them due loads the window; the renewals add none.
  expect(reloads - before).toBe(1);
  expect(ids.every((id) => h.vault.refresh.state(id).status === 'healthy')).toBe(true);
});

it('a failed renewal still plans again: its new status moves the plan', async () => {
  const ids = await dueTogether(2);
  h.fakes.x.faults.add({ path: TOKEN_PATHS.x, kind: 'invalid_grant', times: Infinity });
  keepAlive.start();
  // Up to the instant before they fall due (the heartbeat reloads each minute meanwhile).
  await manual.advance(HOUR - 1);
  const before = reloads;
  await manual.advance(1);
  await vi.waitFor(() =>
    expect(ids.map((id) => h.vault.refresh.state(id).status)).toEqual(
      ids.map(() => 'needs_reauth'),
    ),
  );
  await keepAlive.scheduler.idle();
  // The tick, plus one replan per account leaving the routine statuses.
  expect(reloads - before).toBe(1 + ids.length);
});

it('a renewal the scheduler did not run (a tool asking for a token) still plans again', async () => {
  const [id] = await dueTogether(1);
  keepAlive.start();
  await manual.advance(0);
  const before = reloads;
  await keepAlive.keeper.ensureFresh(id!, 3 * 3600, 'a tool asks for 3 hours');
  expect(h.vault.refresh.state(id!).lastRefreshAt).not.toBeNull();
  // healthy → refreshing and refreshing → healthy each plan again: the window held the old plan.
  expect(reloads - before).toBe(2);
});
