import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../../src-shared/platforms';
import { DEFAULT_SETTINGS } from '../../../src-shared/settings';
import { createCredentialsResolver } from './credentials';

const settings = {
  ...DEFAULT_SETTINGS,
  redirectPorts: { instagram: 7001, facebook: 7002, x: 7003 },
};
const resolverWith = (env: NodeJS.ProcessEnv) =>
  createCredentialsResolver({ vault: () => null, env, builtIn: { apps: {} } });

describe('Settings → Platforms status, from each descriptor', () => {
  it('tells each provider what redirect URI to register and which port it listens on', () => {
    const resolver = resolverWith({});
    const shown = Object.fromEntries(
      PROVIDER_IDS.map((id) => {
        const status = resolver.status(id, settings);
        return [id, [status.redirectUri, status.fixedPort, status.port, status.platform]];
      }),
    );
    expect(shown).toEqual({
      youtube: ['http://127.0.0.1', false, null, 'youtube'],
      instagram: ['http://127.0.0.1:7001/callback', true, 7001, 'instagram'],
      facebook: ['http://127.0.0.1:7002/callback', true, 7002, 'instagram'],
      tiktok: ['http://127.0.0.1:*/callback/', false, null, 'tiktok'],
      x: ['http://127.0.0.1:7003/callback', true, 7003, 'x'],
    });
  });

  it('reads credentials from SWITCHBOARD_<envName>_* and gives the provider’s own hint once complete', () => {
    const env = {
      SWITCHBOARD_YOUTUBE_CLIENT_ID: 'g',
      SWITCHBOARD_YOUTUBE_CLIENT_SECRET: 'gs',
      SWITCHBOARD_FACEBOOK_CLIENT_ID: 'f',
      SWITCHBOARD_FACEBOOK_CLIENT_SECRET: 'fs',
      SWITCHBOARD_TIKTOK_CLIENT_ID: 't',
      SWITCHBOARD_X_CLIENT_ID: 'x',
      SWITCHBOARD_X_CLIENT_SECRET: 'xs',
    };
    const resolver = resolverWith(env);
    const status = (id: (typeof PROVIDER_IDS)[number]) => resolver.status(id, settings);
    expect(status('youtube')).toMatchObject({ configured: true, source: 'environment' });
    expect(status('youtube').hint).toMatch(/"Desktop app"/);
    expect(status('facebook').hint).toMatch(/development mode/);
    // TikTok needs its secret; X does not, and says what a secret changes.
    expect(status('tiktok')).toMatchObject({ configured: false, needsSecret: true });
    expect(status('tiktok').hint).toBe("TikTok needs the app's client secret as well.");
    expect(status('x')).toMatchObject({ configured: true, needsSecret: false });
    expect(status('x').hint).toMatch(/confidential client/);
    expect(resolverWith({ SWITCHBOARD_X_CLIENT_ID: 'x' }).status('x', settings).hint).toBeNull();
    expect(status('instagram')).toMatchObject({ configured: false, source: null });
    expect(status('instagram').hint).toMatch(/SWITCHBOARD_INSTAGRAM_CLIENT_ID/);
  });
});
