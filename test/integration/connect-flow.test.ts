import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../src-shared/account';
import type { ConnectSession, DisconnectResult } from '../../src-shared/connect';
import { PROVIDERS, type ProviderId } from '../../src-shared/platforms';
import { createAdapterRegistry } from '../../src-main/core/platforms/adapter-registry';
import { DESCRIPTORS } from '../../src-main/core/platforms/descriptors';
import { createOriginTable } from '../../src-main/core/net/origin-table';
import { createPlatformHttp } from '../../src-main/core/net/platform-http';
import { DEFAULT_GRAPH_API_VERSION } from '../../src-shared/platforms';
import { demoCredentialsEnv } from '../../src-main/demo/fake-platforms';
import { startConnectHarness, type ConnectHarness } from '../support/connect-harness';

const ALL: ProviderId[] = ['youtube', 'instagram', 'facebook', 'tiktok', 'x'];

describe('connecting each platform through its fake, via the origin table', () => {
  let h: ConnectHarness;
  beforeEach(async () => {
    h = await startConnectHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const fakeOf = (provider: ProviderId) => h.fakes[provider];

  it.each(ALL)('%s: connect, refresh once, disconnect with revoke', async (provider) => {
    const { session, page } = await h.connect(provider);
    expect(session.stage, JSON.stringify(session.error)).toBe('connected');
    expect(page.status).toBe(200);
    expect(page.body).toContain('connected to Switchboard');
    // The browser tab was opened by the host, with the URL through the origin table.
    expect(h.opened).toEqual([session.authorizeUrl]);
    expect(new URL(session.authorizeUrl).origin).toBe(fakeOf(provider).baseUrl);

    const [account] = await h.call<AccountSummary[]>('accounts.list');
    expect(account).toMatchObject({
      platform: PROVIDERS[provider].platform,
      provider,
      status: 'healthy',
    });
    expect(account!.scopes.length).toBeGreaterThan(0);
    const vault = h.core.vault.require();
    expect(vault.pending.list()).toEqual([]);

    // One refresh with the stored secrets, stored as a rotation (what the refresher will do).
    const secrets = vault.tokens.readSecrets(account!.id);
    expect(fakeOf(provider).isAccessTokenValid(secrets.accessToken)).toBe(true);
    if (provider === 'instagram') h.clock.advance(25 * 3_600_000); // the 24-hour rule
    const adapters = createAdapterRegistry({
      http: createPlatformHttp({
        platform: PROVIDERS[provider].platform,
        origins: createOriginTable(h.fakes.origins),
      }),
      now: h.clock.now,
      graphApiVersion: () => DEFAULT_GRAPH_API_VERSION,
    });
    const env = demoCredentialsEnv();
    const name = DESCRIPTORS[provider].envName;
    const client = {
      clientId: env[`SWITCHBOARD_${name}_CLIENT_ID`]!,
      clientSecret: env[`SWITCHBOARD_${name}_CLIENT_SECRET`] ?? null,
    };
    const refreshed = await adapters[provider].refresh(secrets, client);
    vault.tokens.storeRotation(account!.id, refreshed, secrets.generation);
    const after = vault.tokens.readSecrets(account!.id);
    expect(after.accessToken).not.toBe(secrets.accessToken);
    expect(fakeOf(provider).isAccessTokenValid(after.accessToken)).toBe(true);
    // Meta's long-lived tokens extend themselves; the others keep (Google) or rotate a refresh token.
    if (PROVIDERS[provider].platform === 'instagram') expect(after.refreshToken).toBeNull();
    else expect(fakeOf(provider).tokens.isRefreshTokenValid(after.refreshToken!)).toBe(true);

    const result = await h.call<DisconnectResult>('accounts.disconnect', {
      accountId: account!.id,
    });
    expect(result.revoke).toBe(provider === 'instagram' ? 'not_supported' : 'revoked');
    if (provider !== 'instagram')
      expect(fakeOf(provider).isAccessTokenValid(after.accessToken)).toBe(false);
    expect(await h.call<AccountSummary[]>('accounts.list')).toEqual([]);
  });

  it('Facebook Page path: several linked Pages → the creator picks one in the app', async () => {
    const started = await h.call<ConnectSession>('accounts.connect', { provider: 'facebook' });
    const { driveConsent } = await import('../support/consent-driver');
    const page = await driveConsent(started.authorizeUrl, { user: '10220000000000002' });
    expect(page.body).toContain('choose which Facebook Page');
    const waiting = h.core.connect.list().find((s) => s.connectId === started.connectId)!;
    expect(waiting.stage).toBe('choose_page');
    expect(waiting.pages!.length).toBeGreaterThanOrEqual(2);
    const choice = waiting.pages![1]!;
    const done = await h.call<ConnectSession>('accounts.choosePage', {
      connectId: started.connectId,
      pageId: choice.pageId,
    });
    expect(done.stage).toBe('connected');
    expect(done.account!.handle).toContain(choice.instagramUsername!);
    expect(
      h.events.some(
        (e) =>
          e.event === 'accounts.connectProgress' &&
          (e.payload as ConnectSession).stage === 'choose_page',
      ),
    ).toBe(true);
  });

  it('Facebook Page path: no linked Instagram account → a clear error, nothing kept', async () => {
    const { session } = await h.connect('facebook', { user: '10220000000000003' });
    expect(session.error?.code).toBe('no_linked_instagram');
    expect(h.core.vault.require().accounts.list()).toEqual([]);
    expect(h.core.vault.require().pending.list()).toEqual([]);
  });

  it('X: the rate-limit facts of the sign-in are recorded for the new account', async () => {
    const { session } = await h.connect('x');
    const limits = h.core.vault.require().usage.rateLimits(session.account!.id);
    expect(limits.map((limit) => limit.endpoint)).toContain('/2/users/me');
    expect(limits[0]!.remaining).toBeGreaterThan(0);
  });

  it('TikTok: the profile asks for what the granted scopes allow (username, followers)', async () => {
    const { session } = await h.connect('tiktok');
    expect(session.account!.handle).toBeTruthy();
    expect(session.account!.followers).not.toBeNull();
    // A creator may untick the stats toggle: the account connects, without counts.
    await h.grantPlan('creator');
    const narrowed = await h.connect('tiktok', {
      user: '-000OpenIdTomFixesIt0002',
      uncheckScopes: ['user.info.stats'],
    });
    expect(narrowed.session.stage).toBe('connected');
    expect(narrowed.session.account!.handle).toBeTruthy();
    expect(narrowed.session.account!.followers).toBeNull();
    expect(narrowed.session.account!.scopes).not.toContain('user.info.stats');
  });

  it('a reconnect of the same user lands on the same row and resets its status', async () => {
    const first = await h.connect('x');
    const id = first.session.account!.id;
    h.core.vault
      .require()
      .db.prepare("UPDATE accounts SET status = 'needs_reauth', status_reason = 'x' WHERE id = ?")
      .run(id);
    const again = await h.connect('x', {}, { accountId: id });
    expect(again.session.accountId).toBe(id);
    expect(again.session.account).toMatchObject({ id, status: 'healthy', statusReason: null });
    expect(h.core.vault.require().accounts.list()).toHaveLength(1);
  });
});
