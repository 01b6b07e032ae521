import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../src-shared/account';
import type { DisconnectResult, ProviderStatus } from '../../src-shared/connect';
import { PROVIDER_IDS } from '../../src-shared/platforms';
import { RELAY_APPS } from '../../relay/test/relay-harness';
import {
  RELAY_ORIGIN,
  startRelayConnectHarness,
  type RelayConnectHarness,
} from '../support/relay-connect-harness';

const SECRETS = [
  RELAY_APPS.RELAY_INSTAGRAM_CLIENT_SECRET,
  RELAY_APPS.RELAY_FACEBOOK_CLIENT_SECRET,
  RELAY_APPS.RELAY_TIKTOK_CLIENT_SECRET,
];

interface RelayLine {
  route: string;
  provider: string | null;
  grant: string | null;
  status: number;
}

/** Every file under a folder, as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

/**
 * A publisher's build connects Instagram (both paths) and TikTok through the relay, running in
 * the real Workers runtime, to the fake platforms: the Meta and TikTok secrets exist only in the
 * relay's environment. Refresh and revoke go the same way; then everything the app wrote or sent
 * is searched for the secrets, and the relay's log for every code and token.
 */
describe('connecting through the publisher’s relay', () => {
  let h: RelayConnectHarness;
  const relayLines = () =>
    h.relay.logs.flatMap((line) => {
      try {
        return [JSON.parse(line) as RelayLine];
      } catch {
        return [];
      }
    });
  const relayed = (provider: string, grant: string) =>
    relayLines().filter(
      (line) => line.route === 'token' && line.provider === provider && line.grant === grant,
    );
  const account = async (platform: string) =>
    (await h.call<AccountSummary[]>('accounts.list')).find((a) => a.platform === platform)!;
  const HOUR = 3_600_000;

  beforeAll(async () => {
    h = await startRelayConnectHarness();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('says in Settings → Platforms which way each platform connects', async () => {
    const list = await h.call<ProviderStatus[]>('platforms.list');
    const byId = Object.fromEntries(list.map((status) => [status.id, status]));
    for (const id of ['instagram', 'facebook', 'tiktok'] as const) {
      expect(byId[id]).toMatchObject({
        configured: true,
        source: 'build',
        hasSecret: false,
        relayHost: 'relay.switchboard.test',
      });
    }
    // Google's Desktop secret may be built in; X's native app is public: no relay for either.
    expect(byId.youtube).toMatchObject({ source: 'build', hasSecret: true, relayHost: null });
    expect(byId.x).toMatchObject({ source: 'build', hasSecret: false, relayHost: null });
  });

  it('connects Instagram Login: Instagram redirects to the relay, which forwards to the loopback listener', async () => {
    const { started, session, page } = await h.connect('instagram');
    expect(session.error).toBeNull();
    expect(session.stage).toBe('connected');
    const authorize = new URL(started.authorizeUrl);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${RELAY_ORIGIN}/callback/instagram`);
    // The state carries the loopback port for the relay, then the random part.
    const state = authorize.searchParams.get('state')!;
    expect(state).toMatch(/^\d{4,5}\.[A-Za-z0-9_-]{43}$/);
    expect(new URL(page.redirectedTo).origin).toBe(RELAY_ORIGIN);
    expect(page.body).toContain('connected');
    expect(relayed('instagram', 'authorization_code').map((l) => l.status)).toEqual([200]);
    expect(relayed('instagram', 'ig_exchange_token').map((l) => l.status)).toEqual([200]);
    expect(
      relayLines()
        .filter((l) => l.route === 'callback')
        .map((l) => l.status),
    ).toEqual([303]);
  });

  it('extends the Instagram Login token straight at Instagram (no secret needed), then disconnects', async () => {
    h.clock.advance(25 * HOUR);
    const instagram = await account('instagram');
    const issued = h.fakes.instagram.tokens.issuedTokens.length;
    await h.core.keepAlive.keeper.ensureFresh(instagram.id, 90 * 24 * 3600, 'test');
    expect(h.fakes.instagram.tokens.issuedTokens.length).toBe(issued + 1);
    expect(relayLines().filter((l) => l.provider === 'instagram')).toHaveLength(3);
    const result = await h.call<DisconnectResult>('accounts.disconnect', {
      accountId: instagram.id,
    });
    expect(result.revoke).toBe('not_supported');
  });

  it('connects Instagram through a Facebook Page the same way, and extends it through the relay', async () => {
    const { started, session } = await h.connect('facebook');
    expect(session.error).toBeNull();
    expect(session.stage).toBe('connected');
    expect(new URL(started.authorizeUrl).searchParams.get('redirect_uri')).toBe(
      `${RELAY_ORIGIN}/callback/facebook`,
    );
    expect(relayed('facebook', 'authorization_code').map((l) => l.status)).toEqual([200]);
    expect(relayed('facebook', 'fb_exchange_token').map((l) => l.status)).toEqual([200]);

    const facebook = await account('instagram');
    const before = h.core.vault.require().tokens.readSecrets(facebook.id).accessToken;
    await h.core.keepAlive.keeper.ensureFresh(facebook.id, 90 * 24 * 3600, 'test');
    expect(relayed('facebook', 'fb_exchange_token').map((l) => l.status)).toEqual([200, 200]);
    expect(h.core.vault.require().tokens.readSecrets(facebook.id).accessToken).not.toBe(before);
    // Facebook's revoke needs no secret: DELETE /{user-id}/permissions, straight to Graph.
    const result = await h.call<DisconnectResult>('accounts.disconnect', {
      accountId: facebook.id,
    });
    expect(result.revoke).toBe('revoked');
  });

  it('connects TikTok with its loopback redirect; only the token call goes through the relay', async () => {
    const { started, session } = await h.connect('tiktok');
    expect(session.error).toBeNull();
    expect(session.stage).toBe('connected');
    const authorize = new URL(started.authorizeUrl);
    expect(authorize.searchParams.get('redirect_uri')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/callback\/$/,
    );
    expect(authorize.searchParams.get('state')).not.toContain('.');
    expect(relayed('tiktok', 'authorization_code').map((l) => l.status)).toEqual([200]);
  });

  it('refreshes TikTok (rotating) through the relay', async () => {
    const tiktok = await account('tiktok');
    const before = h.fakes.tiktok.issuedRefreshTokens.length;
    await h.core.keepAlive.keeper.ensureFresh(tiktok.id, 30 * 24 * 3600, 'test');
    expect(h.fakes.tiktok.issuedRefreshTokens.length).toBe(before + 1);
    expect(relayed('tiktok', 'refresh_token').map((l) => l.status)).toEqual([200]);
    expect(h.core.vault.require().tokens.readSecrets(tiktok.id).refreshToken).toBe(
      h.fakes.tiktok.issuedRefreshTokens.at(-1),
    );
  });

  it('revokes TikTok through the relay when the account is disconnected', async () => {
    const tiktok = await account('tiktok');
    const { accessToken } = h.core.vault.require().tokens.readSecrets(tiktok.id);
    const result = await h.call<DisconnectResult>('accounts.disconnect', { accountId: tiktok.id });
    expect(result.revoke).toBe('revoked');
    expect(relayed('tiktok', 'revoke').map((l) => l.status)).toEqual([200]);
    expect(h.fakes.tiktok.isAccessTokenValid(accessToken)).toBe(false);
  });

  it('connects YouTube and X straight to their platforms, never through the relay', async () => {
    for (const provider of ['youtube', 'x'] as const)
      expect((await h.connect(provider)).session.stage).toBe('connected');
    const providers = new Set(relayLines().map((line) => line.provider));
    expect(providers.has('youtube') || providers.has('x')).toBe(false);
    for (const a of await h.call<AccountSummary[]>('accounts.list'))
      await h.call('accounts.disconnect', { accountId: a.id });
  });

  it('no secret in the vault, the app’s logs or any IPC payload', () => {
    expect(h.ipc.length).toBeGreaterThan(20);
    const files = filesUnder(h.dataDir);
    expect(files.some((file) => file.path.includes('vault'))).toBe(true);
    const leaks = SECRETS.flatMap((secret) => [
      ...files.filter((file) => file.bytes.includes(secret)).map((file) => `file ${file.path}`),
      ...h.log.lines.filter((line) => line.includes(secret)).map(() => 'log'),
      ...h.ipc.filter((line) => line.includes(secret)).map((line) => line.slice(0, 40)),
    ]);
    expect(leaks).toEqual([]);
    // Tokens are kept only encrypted, and never leave main either.
    const tokens = PROVIDER_IDS.flatMap((id) => h.fakes[id].tokens.issuedTokens);
    const tokenLeaks = tokens.filter(
      (token) =>
        files.some((file) => file.bytes.includes(token)) ||
        h.log.lines.some((line) => line.includes(token)) ||
        h.ipc.some((line) => line.includes(token)),
    );
    expect(tokenLeaks).toEqual([]);
  });

  it('the relay logged every call, and no code or token the fakes issued', () => {
    expect(h.codes.length).toBe(5);
    const issued = ['instagram', 'facebook', 'tiktok'].flatMap(
      (id) => h.fakes[id as 'tiktok'].tokens.issuedTokens,
    );
    expect(issued.length).toBeGreaterThan(6);
    expect(relayLines().length).toBeGreaterThanOrEqual(9);
    const seen = [...h.codes, ...issued, ...SECRETS].filter((value) =>
      h.relay.logs.some((line) => line.includes(value)),
    );
    expect(seen).toEqual([]);
  });
});
