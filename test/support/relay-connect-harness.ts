import { createTestCore, type TestCore } from '../../src-main/core/app';
import { createOriginTable } from '../../src-main/core/net/origin-table';
import type { BuildCredentials } from '../../src-main/core/platforms/build-credentials';
import type { ConnectSession } from '../../src-shared/connect';
import type { ProviderId } from '../../src-shared/platforms';
import { DEFAULT_SETTINGS } from '../../src-shared/settings';
import { RELAY_APPS, startRelay, type RelayUnderTest } from '../../relay/test/relay-harness';
import { driveConsent, type ConsentChoice, type ConsentResult } from './consent-driver';
import {
  DEMO_CLIENTS,
  startFakePlatforms,
  type FakePlatforms,
} from '../../src-main/demo/fake-platforms';
import { fakeClock } from '../../src-main/demo/fake-users';
import { capturingLogger, memorySettingsStore, recordingHost, tempDir } from './test-host';

/** The publisher's relay as a real https origin; the origin table (and the "browser") find it on 127.0.0.1. */
export const RELAY_ORIGIN = 'https://relay.switchboard.test';

/** The relay's developer apps, registered at the fakes: its ids and secrets, its https callback. */
function relayApps() {
  const app = (id: string, secret: string, redirect: string) => ({
    clients: [{ clientId: id, clientSecret: secret, redirectUris: [redirect] }],
  });
  return {
    instagram: app(
      RELAY_APPS.RELAY_INSTAGRAM_CLIENT_ID,
      RELAY_APPS.RELAY_INSTAGRAM_CLIENT_SECRET,
      `${RELAY_ORIGIN}/callback/instagram`,
    ),
    facebook: app(
      RELAY_APPS.RELAY_FACEBOOK_CLIENT_ID,
      RELAY_APPS.RELAY_FACEBOOK_CLIENT_SECRET,
      `${RELAY_ORIGIN}/callback/facebook`,
    ),
    // TikTok accepts a loopback redirect: only its token calls go through the relay.
    tiktok: app(
      RELAY_APPS.RELAY_TIKTOK_CLIENT_ID,
      RELAY_APPS.RELAY_TIKTOK_CLIENT_SECRET,
      'http://127.0.0.1:*/callback/',
    ),
  };
}

/** What a publisher's build names: every client id, Google's Desktop secret, the relay. */
export function publisherBuild(): BuildCredentials {
  return {
    relay: RELAY_ORIGIN,
    apps: {
      youtube: DEMO_CLIENTS.youtube,
      x: { clientId: DEMO_CLIENTS.x.clientId },
      instagram: { clientId: RELAY_APPS.RELAY_INSTAGRAM_CLIENT_ID },
      facebook: { clientId: RELAY_APPS.RELAY_FACEBOOK_CLIENT_ID },
      tiktok: { clientId: RELAY_APPS.RELAY_TIKTOK_CLIENT_ID },
    },
  };
}

/**
 * A core built like a publisher's copy (no environment credentials), the relay in the real
 * Workers runtime holding the only copy of the Meta and TikTok secrets, and the five fakes. Every
 * IPC answer and event is recorded, and so is every code the "browser" carried.
 */
export async function startRelayConnectHarness() {
  const clock = fakeClock(Date.now());
  const fakes: FakePlatforms = await startFakePlatforms({ now: clock.now, ...relayApps() });
  const relay: RelayUnderTest = await startRelay({
    ...RELAY_APPS,
    RELAY_PLATFORM_ORIGINS: JSON.stringify(fakes.origins),
  });
  const browserOrigins = { [RELAY_ORIGIN]: relay.url };
  const dir = tempDir();
  const log = capturingLogger();
  const recording = recordingHost(memorySettingsStore({ ...DEFAULT_SETTINGS, metricsPort: 0 }));
  const core: TestCore = await createTestCore(
    {
      dataDir: dir.path,
      metricsPort: 0,
      origins: createOriginTable({ ...fakes.origins, ...browserOrigins }),
      env: {},
      buildCredentials: publisherBuild(),
      reachabilityTimeoutMs: 1_000,
    },
    recording.host,
    { log, now: clock.now },
  );
  const ipc: string[] = [];
  core.subscribe((message) => ipc.push(`event ${message.event}: ${JSON.stringify(message)}`));
  const codes: string[] = [];

  const call = async <T = unknown>(channel: string, input: unknown = {}): Promise<T> => {
    const result = await core.dispatch(channel, input);
    ipc.push(`ipc ${channel}: ${JSON.stringify(result)}`);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  };

  /** Starts a sign-in, plays the browser (through the relay where the platform sends it there). */
  const connect = async (
    provider: ProviderId,
    choice: ConsentChoice = {},
  ): Promise<{ started: ConnectSession; session: ConnectSession; page: ConsentResult }> => {
    const started = await call<ConnectSession>('accounts.connect', { provider });
    const page = await driveConsent(started.authorizeUrl, choice, browserOrigins);
    const code = new URL(page.redirectedTo).searchParams.get('code');
    if (code) codes.push(code.replace(/#.*$/, ''));
    const waiting = core.connect.list().find((run) => run.connectId === started.connectId);
    if (waiting?.stage === 'choose_page')
      await call('accounts.choosePage', {
        connectId: started.connectId,
        pageId: waiting.pages![0]!.pageId,
      });
    return { started, session: await core.connect.settled(started.connectId), page };
  };

  return {
    core,
    fakes,
    relay,
    clock,
    log,
    ipc,
    codes,
    call,
    connect,
    dataDir: dir.path,
    async close() {
      await core.close();
      await relay.close();
      await fakes.close();
      dir.remove();
    },
  };
}

export type RelayConnectHarness = Awaited<ReturnType<typeof startRelayConnectHarness>>;
