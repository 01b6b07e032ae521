import { freePort } from './free-port';
import { createTestCore, type TestCore } from '../../src-main/core/app';
import { createOriginTable } from '../../src-main/core/net/origin-table';
import { DEFAULT_SETTINGS } from '../../src-shared/settings';
import type { ProviderId } from '../../src-shared/platforms';
import type { ConnectSession } from '../../src-shared/connect';
import {
  demoCredentialsEnv,
  startFakePlatforms,
  type FakePlatforms,
} from '../../src-main/demo/fake-platforms';
import { driveConsent, type ConsentChoice, type ConsentResult } from './consent-driver';
import { fakeClock } from '../../src-main/demo/fake-users';
import { capturingLogger, memorySettingsStore, recordingHost, tempDir } from './test-host';
import { issueTestLicence, testLicenceKeys } from './test-licences';
import type { Tier } from '../../src-shared/tiers';

/**
 * A core wired to all five fake platforms through the origin table, with the demo developer
 * apps as environment credentials — the same path demo mode takes, no special cases.
 */
export async function startConnectHarness(
  options: {
    connectTimeoutMs?: number;
    proxyTimeoutMs?: number;
    /** The core reads the fakes' clock too (it moves only when advanced): exact time boundaries. */
    sharedClock?: boolean;
  } = {},
) {
  const clock = fakeClock(Date.now());
  const fakes: FakePlatforms = await startFakePlatforms({ now: clock.now });
  const ports = { instagram: await freePort(), facebook: await freePort(), x: await freePort() };
  fakes.instagram.registerRedirect(`http://127.0.0.1:${ports.instagram}/callback`);
  fakes.facebook.registerRedirect(`http://127.0.0.1:${ports.facebook}/callback`);
  fakes.x.registerRedirect(`http://127.0.0.1:${ports.x}/callback`);
  const dir = tempDir();
  const log = capturingLogger();
  const recording = recordingHost(
    memorySettingsStore({ ...DEFAULT_SETTINGS, metricsPort: 0, redirectPorts: ports }),
  );
  const events: { event: string; payload: unknown }[] = [];
  const core: TestCore = await createTestCore(
    {
      dataDir: dir.path,
      metricsPort: 0,
      origins: createOriginTable(fakes.origins),
      env: demoCredentialsEnv(),
      reachabilityTimeoutMs: 1_000,
      ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
      ...(options.proxyTimeoutMs ? { proxyTimeoutMs: options.proxyTimeoutMs } : {}),
    },
    recording.host,
    { log, licenceKeys: testLicenceKeys, ...(options.sharedClock ? { now: clock.now } : {}) },
  );
  core.subscribe((message) => events.push(message));

  /** Calls a channel the way both transports do; throws with the code when it fails. */
  const call = async <T = unknown>(channel: string, input: unknown = {}): Promise<T> => {
    const result = await core.dispatch(channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  };

  /** Starts a sign-in, plays the browser's part, and waits for the outcome. */
  const connect = async (
    provider: ProviderId,
    choice: ConsentChoice = {},
    extra: { accountId?: string } = {},
  ): Promise<{ session: ConnectSession; page: ConsentResult }> => {
    const started = await call<ConnectSession>('accounts.connect', { provider, ...extra });
    const page = await driveConsent(started.authorizeUrl, choice);
    return { session: await core.connect.settled(started.connectId), page };
  };

  /** Enters a licence for `plan`, signed by the tests' throwaway key, dated by the harness clock. */
  const grantPlan = (plan: Tier) =>
    call('plan.enterLicence', { key: issueTestLicence({ plan, now: clock.now() }) });

  return {
    core,
    fakes,
    grantPlan,
    clock,
    ports,
    log,
    events,
    opened: recording.opened,
    notifications: recording.notifications,
    call,
    connect,
    dataDir: dir.path,
    async close() {
      await core.close();
      await fakes.close();
      dir.remove();
    },
  };
}

export type ConnectHarness = Awaited<ReturnType<typeof startConnectHarness>>;
