import { join } from 'node:path';
import { FACEBOOK_DEMO_CLIENT, startFakeFacebook, type FakeFacebook } from './fake-facebook';
import {
  GOOGLE_DEMO_CLIENT,
  startFakeGoogle,
  type FakeGoogle,
  type FakeGoogleOptions,
} from './fake-google';
import { INSTAGRAM_DEMO_CLIENT, startFakeInstagram, type FakeInstagram } from './fake-instagram';
import {
  startFakeTikTok,
  TIKTOK_DEMO_CLIENT,
  type FakeTikTok,
  type FakeTikTokOptions,
} from './fake-tiktok';
import type { FakeClient, FakePlatformOptions } from './fake-users';
import { startFakeX, X_DEMO_CLIENT, type FakeX } from './fake-x';

export { fakeClock } from './fake-users';

export type FakeProviderId = 'youtube' | 'instagram' | 'facebook' | 'tiktok' | 'x';

/** The demo developer apps each fake registers by default (X's is public: no secret). */
export const DEMO_CLIENTS: Record<FakeProviderId, FakeClient> = {
  youtube: GOOGLE_DEMO_CLIENT,
  instagram: INSTAGRAM_DEMO_CLIENT,
  facebook: FACEBOOK_DEMO_CLIENT,
  tiktok: TIKTOK_DEMO_CLIENT,
  x: X_DEMO_CLIENT,
};

const ENV_NAMES: Record<FakeProviderId, string> = {
  youtube: 'YOUTUBE',
  instagram: 'INSTAGRAM',
  facebook: 'FACEBOOK',
  tiktok: 'TIKTOK',
  x: 'X',
};

/** `SWITCHBOARD_<P>_CLIENT_ID` / `_CLIENT_SECRET` matching the demo clients, for demo mode. */
export function demoCredentialsEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [id, client] of Object.entries(DEMO_CLIENTS)) {
    const name = ENV_NAMES[id as FakeProviderId];
    env[`SWITCHBOARD_${name}_CLIENT_ID`] = client.clientId;
    if (client.clientSecret !== null)
      env[`SWITCHBOARD_${name}_CLIENT_SECRET`] = client.clientSecret;
  }
  return env;
}

export interface FakePlatformsOptions {
  /** One clock for all five (each platform's own `now` wins). */
  now?: () => number;
  /** Demo mode: a folder where each platform keeps its sign-ins between runs. */
  stateDir?: string;
  youtube?: FakeGoogleOptions;
  instagram?: FakePlatformOptions;
  facebook?: FakePlatformOptions;
  tiktok?: FakeTikTokOptions;
  x?: FakePlatformOptions;
}

export interface FakePlatforms {
  youtube: FakeGoogle;
  instagram: FakeInstagram;
  facebook: FakeFacebook;
  tiktok: FakeTikTok;
  x: FakeX;
  /** Every real origin of PLATFORMS.md → the fake serving it, for the app's origin table. */
  origins: Record<string, string>;
  close(): Promise<void>;
}

/** Starts all five fakes on 127.0.0.1, each on its own free port. */
export async function startFakePlatforms(
  options: FakePlatformsOptions = {},
): Promise<FakePlatforms> {
  const withClock = <T extends FakePlatformOptions>(id: FakeProviderId, own: T | undefined): T =>
    ({
      ...(options.now ? { now: options.now } : {}),
      ...(options.stateDir ? { stateFile: join(options.stateDir, `${id}.json`) } : {}),
      ...own,
    }) as T;
  const started = await Promise.allSettled([
    startFakeGoogle(withClock('youtube', options.youtube)),
    startFakeInstagram(withClock('instagram', options.instagram)),
    startFakeFacebook(withClock('facebook', options.facebook)),
    startFakeTikTok(withClock('tiktok', options.tiktok)),
    startFakeX(withClock('x', options.x)),
  ] as const);
  const running = started.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(running.map((fake) => fake.close()));
    throw (failed as PromiseRejectedResult).reason;
  }
  const [youtube, instagram, facebook, tiktok, x] = running as [
    FakeGoogle,
    FakeInstagram,
    FakeFacebook,
    FakeTikTok,
    FakeX,
  ];
  return {
    youtube,
    instagram,
    facebook,
    tiktok,
    x,
    origins: Object.assign({}, ...running.map((fake) => fake.origins)) as Record<string, string>,
    close: async () => {
      await Promise.all(running.map((fake) => fake.close()));
    },
  };
}
