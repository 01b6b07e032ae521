import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLogger } from '../../src-main/core/logger';
import { createRefreshScheduler } from '../../src-main/core/refresh/refresh-scheduler';
import type { Vault } from '../../src-main/core/vault/vault';
import { fakeClock } from '../../src-main/demo/fake-users';
import { manualClock } from '../support/manual-clock';
import { startRefreshHarness, TOKEN_PATHS } from '../support/refresh-harness';
import { tempDir } from '../support/test-host';
import { openTestVault, profile, tokenSet } from '../support/vault-fixtures';

// The scheduler keeps a window of the soonest plans in memory (due-queue.ts): a storm larger
// than the window must still reach every account, once, and plans beyond it on time.
const HOUR = 3_600_000;
// 50 accounts per platform on the agency plan.
const PLATFORMS = ['x', 'youtube', 'tiktok', 'instagram'] as const;
let base: ReturnType<typeof fakeClock>;
let vault: Vault;
let dir: ReturnType<typeof tempDir>;

beforeEach(async () => {
  base = fakeClock(Date.UTC(2026, 10, 25, 12));
  dir = tempDir('switchboard-scheduler-window-');
  vault = await openTestVault(dir.path, undefined, base.now, 'agency');
});
afterEach(() => {
  vault.close();
  dir.remove();
});

it('refreshes every one of 200 accounts due at once (window 64) once, then the later ones on time', async () => {
  const ids = Array.from({ length: 200 }, (_, i) => {
    const tokens = { ...tokenSet(`w${i}`, base.now()), accessExpiresAt: base.now() + 2 * HOUR };
    return vault.accounts.saveConnection(profile(PLATFORMS[i % 4]!, `w${i}`), tokens).id;
  });
  const set = vault.db.prepare('UPDATE accounts SET next_refresh_at = ? WHERE id = ?');
  // 150 due now, 50 due in an hour: all beyond the first window.
  ids.forEach((id, i) => set.run(i < 150 ? base.now() : base.now() + HOUR, id));
  const runs = new Map<string, number[]>();
  let running = 0;
  let most = 0;
  const manual = manualClock(base);
  const scheduler = createRefreshScheduler({
    clock: manual.clock,
    vault: { current: () => vault },
    refresh: {
      plan: () => base.now() + HOUR,
      async refreshDue(id) {
        running += 1;
        most = Math.max(most, running);
        runs.set(id, [...(runs.get(id) ?? []), base.now()]);
        await new Promise((resolve) => setImmediate(resolve));
        const next = base.now() + 2 * HOUR;
        vault.refresh.setNextRefresh(id, next);
        running -= 1;
        // Half tell the scheduler their plan, half leave it to read the row.
        return ids.indexOf(id) % 2 === 0
          ? { status: 'healthy' as const, nextRefreshAt: next }
          : undefined;
      },
    },
    verify: async () => {},
    concurrency: () => 8,
    log: createLogger(() => {}),
  });
  scheduler.start();
  await manual.advance(0);
  await scheduler.idle();
  expect(ids.slice(0, 150).filter((id) => runs.get(id)?.length !== 1)).toEqual([]);
  expect(ids.slice(150).some((id) => runs.has(id))).toBe(false);
  expect(most).toBeLessThanOrEqual(8);
  await manual.advance(HOUR);
  await scheduler.idle();
  expect(ids.filter((id) => runs.get(id)?.length !== 1)).toEqual([]);
  expect(ids.slice(150).every((id) => runs.get(id)![0]! === base.now())).toBe(true);
  scheduler.stop();
});

it('with the real keeper: at most `concurrency` platform requests at once, each after its marker is committed, every pair stored', async () => {
  const h = await startRefreshHarness({}, 'agency');
  try {
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) ids.push(await h.addAccount('x'));
    const set = h.vault.db.prepare('UPDATE accounts SET next_refresh_at = ? WHERE id = ?');
    for (const id of ids) set.run(h.clock.now(), id);
    h.fakes.x.faults.add({ path: TOKEN_PATHS.x, kind: 'latency', ms: 20, times: Infinity });
    let inFlight = 0;
    let most = 0;
    const markedAtRequest: boolean[] = [];
    const real = h.registry.x.refresh;
    h.registry.x.refresh = async (secrets, client) => {
      markedAtRequest.push(
        !h.vault.db.inTransaction && h.vault.refresh.marker(secrets.accountId) !== null,
      );
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        return await real(secrets, client);
      } finally {
        inFlight -= 1;
      }
    };
    const manual = manualClock(h.clock);
    const scheduler = createRefreshScheduler({
      clock: manual.clock,
      vault: { current: () => h.vault },
      refresh: h.service,
      verify: async () => {},
      concurrency: () => 3,
      log: createLogger(() => {}),
    });
    scheduler.start();
    await manual.advance(0);
    while (h.refreshes.length < ids.length) await new Promise((resolve) => setTimeout(resolve, 5));
    await scheduler.idle();
    scheduler.stop();
    expect(most).toBe(3);
    expect(markedAtRequest).toEqual(ids.map(() => true));
    for (const id of ids) {
      expect(h.vault.accounts.get(id)).toMatchObject({ status: 'healthy' });
      expect(h.vault.refresh.marker(id)).toBeNull();
      expect(h.fakes.x.isAccessTokenValid(h.vault.tokens.readSecrets(id).accessToken)).toBe(true);
    }
  } finally {
    await h.close();
  }
});
