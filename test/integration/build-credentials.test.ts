import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BuildCredentialsError, checkBuildCredentials } from '../../scripts/build-credentials.mjs';
import { parseBuildCredentials } from '../../src-main/core/platforms/build-credentials';
import { createCredentialsResolver } from '../../src-main/core/platforms/credentials';
import { DEFAULT_SETTINGS } from '../../src-shared/settings';
import { PROVIDER_IDS } from '../../src-shared/platforms';

const RELAY = 'https://relay.example';
const PUBLISHED = {
  relay: RELAY,
  youtube: { clientId: 'yt-desktop.apps.googleusercontent.com', clientSecret: 'GOCSPX-desktop' },
  instagram: { clientId: '1234567890123456' },
  facebook: { clientId: '6543210987654321' },
  tiktok: { clientId: 'awpublisherkey01' },
  x: { clientId: 'x-native-client' },
};

const refusal = (value: unknown) => {
  try {
    checkBuildCredentials(JSON.stringify(value));
  } catch (error) {
    if (error instanceof BuildCredentialsError) return error.message;
    throw error;
  }
  return null;
};

describe('what a publisher may build in (scripts/build-credentials.mjs)', () => {
  it('accepts client ids, a relay URL and Google’s Desktop secret', () => {
    const checked = JSON.parse(checkBuildCredentials(JSON.stringify(PUBLISHED))!) as Record<
      string,
      unknown
    >;
    expect(checked.relay).toBe(RELAY);
    expect(checked.youtube).toEqual({
      clientId: PUBLISHED.youtube.clientId,
      clientSecret: 'GOCSPX-desktop',
    });
    expect(checked.instagram).toEqual({ clientId: '1234567890123456', clientSecret: null });
    expect(checkBuildCredentials(undefined)).toBeNull();
  });

  it.each(['instagram', 'facebook', 'tiktok'] as const)(
    'refuses a %s secret, naming where it belongs instead',
    (provider) => {
      const message = refusal({
        ...PUBLISHED,
        [provider]: { clientId: 'id', clientSecret: `${provider}-app-secret` },
      });
      expect(message).toContain(`client secret for ${provider}`);
      expect(message).toContain(`RELAY_${provider.toUpperCase()}_CLIENT_SECRET`);
      // The refusal never repeats the secret it refused.
      expect(message).not.toContain(`${provider}-app-secret`);
    },
  );

  it('refuses a Meta or TikTok app without a relay, a plain-http relay, and unknown fields', () => {
    expect(refusal({ tiktok: { clientId: 'awkey' } })).toMatch(/name your relay/);
    expect(refusal({ ...PUBLISHED, relay: 'http://relay.example' })).toMatch(/https/);
    expect(refusal({ ...PUBLISHED, relay: 'https://relay.example/path' })).toMatch(/origin/);
    expect(refusal({ ...PUBLISHED, instagram: { clientId: 'a', client_secret: 's' } })).toMatch(
      /unknown field "client_secret"/,
    );
    expect(refusal({ ...PUBLISHED, relays: RELAY })).toMatch(/not a provider/);
    expect(() => checkBuildCredentials('{not json')).toThrow(BuildCredentialsError);
  });

  it('the build script stops before bundling anything when it holds a Meta secret', () => {
    const run = spawnSync(process.execPath, ['scripts/build-main.mjs'], {
      env: {
        ...process.env,
        SWITCHBOARD_BUILD_CREDENTIALS: JSON.stringify({
          ...PUBLISHED,
          facebook: { clientId: '6543210987654321', clientSecret: 'fb-secret-in-installer' },
        }),
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SWITCHBOARD_BUILD_CREDENTIALS refused');
    expect(run.stderr).toContain('facebook');
    expect(run.stderr).not.toContain('fb-secret-in-installer');
  });
});

describe('built-in apps at run time', () => {
  const resolver = createCredentialsResolver({
    vault: () => null,
    env: {},
    builtIn: parseBuildCredentials(checkBuildCredentials(JSON.stringify(PUBLISHED))!),
  });

  it('only Meta and TikTok go through the relay; Google and X talk to the platform', () => {
    const routes = Object.fromEntries(
      PROVIDER_IDS.map((id) => [id, resolver.status(id, DEFAULT_SETTINGS).relayHost]),
    );
    expect(routes).toEqual({
      youtube: null,
      instagram: 'relay.example',
      facebook: 'relay.example',
      tiktok: 'relay.example',
      x: null,
    });
    expect(resolver.resolve('youtube')?.relay ?? null).toBeNull();
    expect(resolver.resolve('x')?.relay ?? null).toBeNull();
    expect(resolver.resolve('tiktok')).toMatchObject({ relay: RELAY, clientSecret: null });
    for (const id of PROVIDER_IDS)
      expect(resolver.status(id, DEFAULT_SETTINGS).configured).toBe(true);
  });

  it('a Meta secret that got into a build anyway is never used', () => {
    const built = parseBuildCredentials(
      JSON.stringify({ relay: RELAY, instagram: { clientId: 'id', clientSecret: 'leaked' } }),
    );
    const resolve = createCredentialsResolver({ vault: () => null, env: {}, builtIn: built });
    expect(resolve.resolve('instagram')).toEqual({
      clientId: 'id',
      clientSecret: null,
      relay: RELAY,
      source: 'build',
    });
  });

  it('the creator’s own app (Settings or environment) wins, and uses no relay', () => {
    const own = createCredentialsResolver({
      vault: () => null,
      env: { SWITCHBOARD_INSTAGRAM_CLIENT_ID: 'mine', SWITCHBOARD_INSTAGRAM_CLIENT_SECRET: 's' },
      builtIn: parseBuildCredentials(JSON.stringify(PUBLISHED)),
    });
    expect(own.resolve('instagram')).toEqual({
      clientId: 'mine',
      clientSecret: 's',
      source: 'environment',
    });
    expect(own.status('instagram', DEFAULT_SETTINGS).relayHost).toBeNull();
  });
});
