// The scheduler:lag thresholds at their boundaries, end to end: the real scheduler in a real core
// runs its heartbeat late on an injected clock, and /health/detailed says pass (under 60 s late),
// warn with 200 (60 s up to 15 min) and fail with 503 (15 min or more: the scheduler is stuck).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../src-main/core/app';
import type { SchedulerClock } from '../../src-main/core/refresh/scheduler-clock';
import { httpRequest } from '../support/http-client';
import { capturingLogger, memorySettingsStore, recordingHost, tempDir } from '../support/test-host';

const MIN = 60_000;

/** Scheduler timers that fire only when told, `lateMs` after they were due (a stalled event loop). */
function lateClock(start: number) {
  let wall = start;
  let mono = 0;
  let nextId = 1;
  const pending: { id: number; at: number; run: () => void }[] = [];
  const clock: SchedulerClock = {
    now: () => wall,
    monotonic: () => mono,
    setTimeout(run, ms) {
      pending.push({ id: nextId, at: mono + Math.max(0, ms), run });
      return nextId++;
    },
    clearTimeout(handle) {
      const index = pending.findIndex((entry) => entry.id === handle);
      if (index >= 0) pending.splice(index, 1);
    },
  };
  return {
    clock,
    /** Fires the earliest timer `lateMs` after its due time; wall and monotonic time agree. */
    fireLate(lateMs: number): number {
      pending.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = pending.shift();
      if (!next) throw new Error('no timer armed');
      const step = next.at - mono + lateMs;
      mono += step;
      wall += step;
      next.run();
      return next.at;
    },
  };
}

describe('scheduler:lag on /health/detailed', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  let late: ReturnType<typeof lateClock>;

  beforeEach(async () => {
    dir = tempDir();
    late = lateClock(Date.parse('2026-11-25T12:00:00Z'));
    const { host } = recordingHost(memorySettingsStore());
    core = await createTestCore({ dataDir: dir.path, metricsPort: 0 }, host, {
      log: capturingLogger(),
      now: late.clock.now,
      schedulerClock: late.clock,
    });
  });
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  /** The scheduler's next heartbeat runs `lateMs` late; then /health/detailed is read afresh. */
  async function detailedAfterTickLate(lateMs: number) {
    const before = core.keepAlive.scheduler.status().lastTickAt;
    late.fireLate(lateMs);
    // The tick did run (a positive signal), and was measured as late as it was.
    expect(core.keepAlive.scheduler.status().lastTickAt).not.toBe(before);
    expect(core.keepAlive.scheduler.status().lastTickLagMs).toBe(lateMs);
    core.health.invalidate();
    const port = core.healthServer!.port;
    const answer = await httpRequest(port, {
      path: '/health/detailed',
      headers: { Host: `127.0.0.1:${port}` },
    });
    const body = JSON.parse(answer.body);
    return {
      http: answer.status,
      overall: body.status as string,
      lag: body.checks['scheduler:lag'][0] as { status: string; observedValue: number },
    };
  }

  it('passes under 60 s late and warns from 60 s, still answering 200', async () => {
    expect(await detailedAfterTickLate(MIN - 1)).toMatchObject({
      http: 200,
      lag: { status: 'pass', observedValue: (MIN - 1) / 1000 },
    });
    expect(await detailedAfterTickLate(MIN)).toMatchObject({
      http: 200,
      overall: 'warn',
      lag: { status: 'warn', observedValue: 60 },
    });
  });

  it('warns with 200 up to 15 minutes late, and fails with 503 at 15 minutes', async () => {
    expect(await detailedAfterTickLate(15 * MIN - 1)).toMatchObject({
      http: 200,
      overall: 'warn',
      lag: { status: 'warn' },
    });
    expect(await detailedAfterTickLate(15 * MIN)).toMatchObject({
      http: 503,
      overall: 'fail',
      lag: { status: 'fail', observedValue: 900 },
    });
    // On time again: the check recovers.
    expect(await detailedAfterTickLate(0)).toMatchObject({ http: 200, lag: { status: 'pass' } });
  });
});
