// Each adapter against its fake platform through the origin table: authorize → consent →
// exchange → profile → refresh → probe → revoke, plus every platform's quirks.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  credentials,
  rejection,
  startHarness,
  stored,
  X_CONFIDENTIAL,
  type Harness,
} from '../support/platform-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.clearFaults());

describe('YouTube against the fake Google', () => {
  it('connects, refreshes keeping the refresh token, probes and revokes', async () => {
    const { tokens, grantedScopes } = await h.connect('youtube');
    expect(h.fakes.youtube.tokens.isRefreshTokenValid(tokens.refreshToken!)).toBe(true);
    expect(grantedScopes).toEqual(h.registry.youtube.provider.scopes);
    const client = credentials('youtube');
    const step = await h.registry.youtube.profile(tokens.accessToken, client);
    expect(step.kind === 'profile' && step.profile).toMatchObject({
      platform: 'youtube',
      displayName: 'Maya Makes',
    });
    expect(h.fakes.youtube.requests.find((r) => r.path === '/token')?.clientAuth).toBe('body');

    let secrets = stored('youtube', tokens);
    const refreshed = await h.registry.youtube.refresh(secrets, client);
    expect(refreshed.refreshToken).toBeNull();
    secrets = stored('youtube', refreshed, secrets);
    expect(secrets.refreshToken).toBe(tokens.refreshToken);
    await h.registry.youtube.probe(secrets.accessToken, client);

    expect(await h.registry.youtube.revoke(secrets, client)).toEqual({ revoked: true });
    expect(h.fakes.youtube.familyRevoked(tokens.refreshToken!)).toBe(true);
    const dead = await rejection(h.registry.youtube.refresh(secrets, client));
    expect([dead.kind, dead.platformCode]).toEqual(['needs_reauth', 'invalid_grant']);
  });

  it('refuses a Google account without a channel and honours hidden subscriber counts', async () => {
    const leo = h.fakes.youtube.users.find((user) => user.name === 'Leo Cooks')!;
    leo.hiddenSubscribers = true;
    const hidden = await h.connect('youtube', { user: leo.id });
    const step = await h.registry.youtube.profile(
      hidden.tokens.accessToken,
      credentials('youtube'),
    );
    expect(step.kind === 'profile' && step.profile.followers).toBeNull();
    leo.noChannel = true;
    const error = await rejection(
      h.registry.youtube.profile(hidden.tokens.accessToken, credentials('youtube')),
    );
    expect(error.code).toBe('account_not_eligible');
    leo.noChannel = false;
  });

  it('reports scopes the creator unticked', async () => {
    const upload = 'https://www.googleapis.com/auth/youtube.upload';
    const { grantedScopes } = await h.connect('youtube', { uncheckScopes: [upload] });
    expect(grantedScopes).not.toContain(upload);
  });
});

describe('Instagram Login against the fake Instagram', () => {
  it('stores only the long-lived token, extends it after 24 h, and cannot revoke', async () => {
    const { tokens, grantedScopes } = await h.connect('instagram');
    expect(h.fakes.instagram.tokens.find(tokens.accessToken)?.variant).toBe('long');
    expect(grantedScopes).toEqual([
      'instagram_business_basic',
      'instagram_business_content_publish',
    ]);
    const client = credentials('instagram');
    const step = await h.registry.instagram.profile(tokens.accessToken, client);
    expect(step.kind === 'profile' && step.profile).toMatchObject({
      platformUserId: '17841400000000101',
      accountType: 'MEDIA_CREATOR',
    });

    const secrets = stored('instagram', tokens);
    const early = await rejection(h.registry.instagram.refresh(secrets, client));
    expect([early.kind, early.message]).toEqual(['retry', expect.stringMatching(/24 hours/)]);
    h.clock.advance(25 * 3_600_000);
    const extended = await h.registry.instagram.refresh(secrets, client);
    expect(extended.accessToken).not.toBe(tokens.accessToken);
    expect(extended.accessExpiresAt).toBe(h.clock.now() + 5_184_000_000);
    await h.registry.instagram.probe(extended.accessToken, client);
    expect(await h.registry.instagram.revoke(secrets, client)).toMatchObject({ revoked: false });
  });

  it('refuses a personal account', async () => {
    const lou = h.fakes.instagram.users.find((user) => user.name === 'Lou Garden')!;
    lou.personalAccount = true;
    const { tokens } = await h.connect('instagram', { user: lou.id });
    const error = await rejection(
      h.registry.instagram.profile(tokens.accessToken, credentials('instagram')),
    );
    expect([error.code, error.kind]).toEqual(['account_not_eligible', 'account_problem']);
  });
});

describe('Instagram via Facebook Page against the fake Facebook', () => {
  it('connects the single linked account, refreshes, probes and revokes', async () => {
    const { tokens, grantedScopes } = await h.connect('facebook', { user: 'Ana Lima' });
    expect(grantedScopes).toEqual(expect.arrayContaining([...h.registry.facebook.provider.scopes]));
    const client = credentials('facebook');
    const step = await h.registry.facebook.profile(tokens.accessToken, client);
    expect(step.kind).toBe('profile');
    expect(step.kind === 'profile' && step.profile.pageId).toBeTruthy();
    const secrets = stored('facebook', tokens);
    const refreshed = await h.registry.facebook.refresh(secrets, client);
    await h.registry.facebook.probe(refreshed.accessToken, client);
    expect(await h.registry.facebook.revoke(stored('facebook', refreshed), client)).toEqual({
      revoked: true,
    });
    const dead = await rejection(h.registry.facebook.probe(refreshed.accessToken, client));
    expect(dead.kind).toBe('needs_reauth');
    expect(h.fakes.facebook.versionsUsed).toEqual(['v27.0']);
  });

  it('lets the creator choose among several Pages, and says when none is linked', async () => {
    const client = credentials('facebook');
    const ravi = await h.connect('facebook', { user: 'Ravi Patel' });
    const step = await h.registry.facebook.profile(ravi.tokens.accessToken, client);
    expect(step.kind).toBe('choose_page');
    if (step.kind !== 'choose_page') return;
    expect(step.pages.map((page) => page.pageName)).toEqual(['Ravi Eats', 'Ravi Travels']);
    expect(step.pages.every((page) => page.instagramUsername)).toBe(true);
    const chosen = await h.registry.facebook.pageProfile!(
      ravi.tokens.accessToken,
      step.pages[1]!,
      client,
    );
    expect(chosen).toMatchObject({
      pageId: step.pages[1]!.pageId,
      platformUserId: step.pages[1]!.instagramUserId,
    });
    const jo = await h.connect('facebook', { user: 'Jo Weber' });
    const none = await rejection(h.registry.facebook.profile(jo.tokens.accessToken, client));
    expect(none.code).toBe('no_linked_instagram');
  });
});

describe('TikTok against the fake TikTok', () => {
  it('connects with the hex challenge, rotates refresh tokens, and revokes', async () => {
    const { tokens, callback } = await h.connect('tiktok');
    const client = credentials('tiktok');
    const granted = h.registry.tiktok.scopesFromCallback(callback);
    expect(granted).toEqual(h.registry.tiktok.provider.scopes);
    expect(tokens.refreshExpiresAt).toBeGreaterThan(h.clock.now());
    const step = await h.registry.tiktok.profile(tokens.accessToken, client, granted);
    expect(step.kind === 'profile' && step.profile).toMatchObject({
      handle: 'zara.dances',
      followers: expect.any(Number),
    });

    const first = stored('tiktok', tokens);
    const rotated = await h.registry.tiktok.refresh(first, client);
    expect(h.fakes.tiktok.tokens.isRefreshTokenValid(rotated.refreshToken!)).toBe(true);
    expect(rotated.refreshToken).not.toBe(tokens.refreshToken);
    const spent = await rejection(h.registry.tiktok.refresh(first, client));
    expect(spent.kind).toBe('needs_reauth');
    const second = stored('tiktok', rotated, first);
    await h.registry.tiktok.probe(second.accessToken, client);
    expect(await h.registry.tiktok.revoke(second, client)).toEqual({ revoked: true });
    expect((await rejection(h.registry.tiktok.refresh(second, client))).kind).toBe('needs_reauth');
  });

  it('asks only for the fields the toggles allow, and shows an ineligible account’s reason', async () => {
    const narrowed = await h.connect('tiktok', { uncheckScopes: ['user.info.stats'] });
    const granted = h.registry.tiktok.scopesFromCallback(narrowed.callback);
    expect(granted).not.toContain('user.info.stats');
    const step = await h.registry.tiktok.profile(
      narrowed.tokens.accessToken,
      credentials('tiktok'),
      granted,
    );
    expect(step.kind === 'profile' && step.profile.followers).toBeNull();
    const pip = h.fakes.tiktok.users.find((user) => user.name === 'Pip Plants')!;
    pip.ineligible = true;
    const { adapter, attempt, callback } = await h.signIn('tiktok', { user: pip.id });
    const error = await rejection(adapter.exchangeCode(callback, attempt, credentials('tiktok')));
    expect(error.code).toBe('oauth_denied');
    expect(error.message).toMatch(/not eligible/);
  });
});

describe('X against the fake X', () => {
  it('connects as a public client, rotates, records rate limits and revokes the family', async () => {
    const client = credentials('x');
    expect(client.clientSecret).toBeNull();
    const { tokens } = await h.connect('x');
    expect(h.fakes.x.requests.find((r) => r.path === '/2/oauth2/token')?.clientAuth).toBe('public');
    const step = await h.registry.x.profile(tokens.accessToken, client);
    expect(step.kind === 'profile' && step.profile).toMatchObject({
      handle: 'samrivera',
      followers: 52_300,
    });
    expect(h.rateLimits.at(-1)).toMatchObject({
      provider: 'x',
      path: '/2/users/me',
      limit: 75,
      remaining: 74,
    });

    const first = stored('x', tokens);
    const rotated = await h.registry.x.refresh(first, client);
    expect(rotated.refreshToken).not.toBe(tokens.refreshToken);
    // Replaying the spent token is refused, and the fake (like X, reportedly) kills the family.
    const replay = await rejection(h.registry.x.refresh(first, client));
    expect(replay.kind).toBe('needs_reauth');
    expect(h.fakes.x.familyRevoked(rotated.refreshToken!)).toBe(true);

    const fresh = stored('x', (await h.connect('x')).tokens);
    await h.registry.x.probe(fresh.accessToken, client);
    expect(await h.registry.x.revoke(fresh, client)).toEqual({ revoked: true });
    expect(h.fakes.x.familyRevoked(fresh.refreshToken!)).toBe(true);
  });

  it('uses HTTP Basic for a confidential client, which the fake insists on', async () => {
    const client = { ...X_CONFIDENTIAL };
    const { tokens } = await h.connect('x', {}, client);
    const refreshed = await h.registry.x.refresh(stored('x', tokens), client);
    await h.registry.x.revoke(stored('x', refreshed), client);
    // Exchange, refresh, then revoke of the refresh token and of the access token.
    const auths = h.fakes.x.requests.slice(-4).map((r) => [r.path, r.clientAuth]);
    expect(auths).toEqual([
      ['/2/oauth2/token', 'basic'],
      ['/2/oauth2/token', 'basic'],
      ['/2/oauth2/revoke', 'basic'],
      ['/2/oauth2/revoke', 'basic'],
    ]);
    expect(h.fakes.x.familyRevoked(refreshed.refreshToken!)).toBe(true);
  });

  it('refuses a code exchanged after 30 seconds', async () => {
    const { adapter, attempt, callback } = await h.signIn('x');
    h.clock.advance(31_000);
    const late = await rejection(adapter.exchangeCode(callback, attempt, credentials('x')));
    expect([late.code, late.kind]).toEqual(['oauth_code_rejected', 'needs_reauth']);
  });

  it('calls a suspended user an account problem, not a token problem', async () => {
    const otto = h.fakes.x.users.find((user) => user.name === 'Otto Draws')!;
    const { tokens } = await h.connect('x', { user: otto.id });
    otto.suspended = true;
    const error = await rejection(h.registry.x.profile(tokens.accessToken, credentials('x')));
    expect([error.code, error.kind]).toEqual(['account_suspended', 'account_problem']);
  });
});
