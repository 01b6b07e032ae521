// Issue 9 item 11: the core evaluates health 5 s after start and every 60 s without anyone
// asking, and each evaluation reaches the tray, notifications and `health.changed`.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createTestCore, type TestCore } from '../../src-main/core/app';
import { createOriginTable } from '../../src-main/core/net/origin-table';
import { DEFAULT_SETTINGS } from '../../src-shared/settings';
import {
  demoCredentialsEnv,
  startFakePlatforms,
  type FakePlatforms,
} from '../../src-main/demo/fake-platforms';
import { fakeClock } from '../../src-main/demo/fake-users';
import { capturingLogger, memorySettingsStore, recordingHost, tempDir } from '../support/test-host';

let fakes: FakePlatforms;
let core: TestCore;
let dir: ReturnType<typeof tempDir>;
let recording: ReturnType<typeof recordingHost>;
let clock: ReturnType<typeof fakeClock>;
let evaluations: number;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
  clock = fakeClock(Date.now());
  fakes = await startFakePlatforms({ now: clock.now });
  dir = tempDir();
  recording = recordingHost(memorySettingsStore({ ...DEFAULT_SETTINGS, metricsEnabled: false }));
  core = await createTestCore(
    {
      dataDir: dir.path,
      origins: createOriginTable(fakes.origins),
      env: demoCredentialsEnv(),
      reachabilityTimeoutMs: 1_000,
    },
    recording.host,
    { log: capturingLogger(), now: clock.now },
  );
  evaluations = 0;
  core.subscribe((message) => {
    if (message.event === 'health.changed') evaluations += 1;
  });
});

afterEach(async () => {
  vi.useRealTimers();
  await core.close();
  await fakes.close();
  dir.remove();
});

/** Moves both clocks, then lets the evaluation's real I/O (probes, vault) finish. */
async function pass(ms: number): Promise<void> {
  clock.advance(ms);
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 50 && evaluations === 0; i += 1) {
    await vi.advanceTimersByTimeAsync(10);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

it('evaluates 5 s after start and every 60 s, each evaluation reaching the renderer', async () => {
  await pass(4_000);
  expect(evaluations).toBe(0);
  await pass(1_000);
  await vi.waitFor(() => expect(evaluations).toBe(1), { timeout: 5_000 });
  const before = evaluations;
  await pass(60_000);
  await vi.waitFor(() => expect(evaluations).toBeGreaterThan(before), { timeout: 5_000 });
});

it('a health transition (the vault failing) turns the tray red and notifies, without anyone asking', async () => {
  await pass(5_000);
  await vi.waitFor(() => expect(evaluations).toBe(1), { timeout: 5_000 });
  const notified = recording.notifications.length;
  core.vault.current()!.db.close();
  await pass(60_000);
  await vi.waitFor(() => expect(recording.tray.at(-1)?.status).toBe('error'), { timeout: 5_000 });
  expect(recording.notifications.length).toBeGreaterThan(notified);
});
