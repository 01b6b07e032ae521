import { setTimeout as delay } from 'node:timers/promises';
import { PLATFORM_ORIGINS } from '../../src-main/core/platforms/descriptors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentPageError, driveConsent, type ConsentChoice } from '../support/consent-driver';
import {
  demoCredentialsEnv,
  fakeClock,
  startFakePlatforms,
  type FakePlatforms,
} from '../../src-main/demo/fake-platforms';
import { startFakeX } from '../../src-main/demo/fake-x';
import { basicAuth, pkcePair, rawRequest, startLoopbackCatcher } from '../support/raw-http';

// The fakes are what every other test and demo mode trust, so each quirk is driven over raw HTTP.
const clock = fakeClock();
let fakes: FakePlatforms;
let catcher: Awaited<ReturnType<typeof startLoopbackCatcher>>;
let tiktokCatcher: Awaited<ReturnType<typeof startLoopbackCatcher>>;

beforeAll(async () => {
  fakes = await startFakePlatforms({ now: clock.now });
  catcher = await startLoopbackCatcher('/callback');
  tiktokCatcher = await startLoopbackCatcher('/callback/');
  for (const fake of [fakes.x, fakes.instagram, fakes.facebook]) fake.registerRedirect(catcher.uri);
});

afterAll(async () => {
  await Promise.all([fakes.close(), catcher.close(), tiktokCatcher.close()]);
});

const authorizeUrl = (base: string, path: string, params: Record<string, string>) =>
  `${base}${path}?${new URLSearchParams(params).toString()}`;

/** Opens consent, answers it, and returns the callback the loopback listener received. */
async function consent(url: string, choice: ConsentChoice = {}, listener = catcher) {
  const before = listener.received.length;
  const result = await driveConsent(url, choice);
  expect(result.status).toBe(200);
  expect(listener.received.length).toBe(before + 1);
  return { result, callback: listener.last() };
}

describe('fake Google (YouTube)', () => {
  const SCOPES = ['youtube.upload', 'youtube.readonly'].map(
    (s) => `https://www.googleapis.com/auth/${s}`,
  );
  async function connect(extra: Record<string, string> = {}, choice: ConsentChoice = {}) {
    const pkce = pkcePair();
    const url = authorizeUrl(fakes.youtube.baseUrl, '/o/oauth2/v2/auth', {
      client_id: 'demo-youtube-client',
      redirect_uri: catcher.uri,
      response_type: 'code',
      scope: SCOPES.join(' '),
      state: 'google-state',
      code_challenge: pkce.s256,
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
      ...extra,
    });
    const { callback } = await consent(url, choice);
    expect(callback.get('state')).toBe('google-state');
    const form = {
      grant_type: 'authorization_code',
      code: callback.get('code')!,
      code_verifier: pkce.verifier,
      client_id: 'demo-youtube-client',
      client_secret: 'demo-youtube-secret',
      redirect_uri: catcher.uri,
    };
    return { form, answer: await rawRequest(`${fakes.youtube.baseUrl}/token`, { form }) };
  }
  const channels = (token: string) =>
    rawRequest(`${fakes.youtube.baseUrl}/youtube/v3/channels?part=snippet,statistics&mine=true`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it('runs code → tokens → channel → refresh without refresh_token → revoke', async () => {
    const { form, answer } = await connect();
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      expires_in: 3599,
      token_type: 'Bearer',
      scope: SCOPES.join(' '),
    });
    const { access_token: access, refresh_token: refresh } = answer.json;
    expect(refresh).toMatch(/^1\/\//);
    const replay = await rawRequest(`${fakes.youtube.baseUrl}/token`, { form });
    expect(replay).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    const channel = await channels(access);
    expect(channel.json.items[0].statistics).toMatchObject({
      subscriberCount: '128400',
      hiddenSubscriberCount: false,
    });
    expect(channel.json.items[0].snippet.customUrl).toBe('@mayamakes');
    const refreshForm = {
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: 'demo-youtube-client',
      client_secret: 'demo-youtube-secret',
    };
    for (let i = 0; i < 2; i += 1) {
      const renewed = await rawRequest(`${fakes.youtube.baseUrl}/token`, { form: refreshForm });
      expect(renewed.status).toBe(200);
      expect(renewed.json.refresh_token).toBeUndefined();
      expect(renewed.json.expires_in).toBe(3599);
    }
    const { client_secret: _, ...withoutSecret } = refreshForm;
    const noSecret = await rawRequest(`${fakes.youtube.baseUrl}/token`, { form: withoutSecret });
    expect(noSecret).toMatchObject({
      status: 400,
      json: { error: 'invalid_request', error_description: 'client_secret is missing.' },
    });
    expect(
      (await rawRequest(`${fakes.youtube.baseUrl}/revoke`, { form: { token: refresh } })).status,
    ).toBe(200);
    expect(fakes.youtube.isAccessTokenValid(access)).toBe(false);
    expect((await channels(access)).status).toBe(401);
    const dead = await rawRequest(`${fakes.youtube.baseUrl}/token`, { form: refreshForm });
    expect(dead).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
  });

  it('issues no refresh token without access_type=offline and prompt=consent', async () => {
    const { answer } = await connect({ prompt: 'select_account' });
    expect(answer.status).toBe(200);
    expect(answer.json.refresh_token).toBeUndefined();
  });

  it('answers items: [] without a channel, hides subscribers, narrows unticked scopes', async () => {
    fakes.youtube.users[1]!.noChannel = true;
    fakes.youtube.users[2]!.hiddenSubscribers = true;
    const none = await connect({}, { user: 'leocooks' });
    expect((await channels(none.answer.json.access_token)).json.items).toEqual([]);
    const hidden = await connect({}, { user: 'Studio Sol' });
    const stats = (await channels(hidden.answer.json.access_token)).json.items[0].statistics;
    expect(stats).toMatchObject({ hiddenSubscriberCount: true, videoCount: '18' });
    expect(stats.subscriberCount).toBeUndefined();
    const narrowed = await connect({}, { uncheckScopes: [SCOPES[1]!] });
    expect(narrowed.answer.json.scope).toBe(SCOPES[0]);
    const refused = await channels(narrowed.answer.json.access_token);
    expect(refused.status).toBe(403);
    expect(refused.json.error.errors[0].reason).toBe('insufficientPermissions');
  });

  it('shows an error page, not a redirect, for a non-loopback redirect URI', async () => {
    const url = authorizeUrl(fakes.youtube.baseUrl, '/o/oauth2/v2/auth', {
      client_id: 'demo-youtube-client',
      redirect_uri: 'https://evil.example/callback',
      response_type: 'code',
      scope: SCOPES[0]!,
      state: 's',
      code_challenge: pkcePair().s256,
      code_challenge_method: 'S256',
    });
    await expect(driveConsent(url)).rejects.toBeInstanceOf(ConsentPageError);
    const page = await rawRequest(url);
    expect(page.status).toBe(400);
    expect(page.headers.location).toBeUndefined();
  });
});

describe('fake Instagram (Instagram Login)', () => {
  const base = () => fakes.instagram.baseUrl;
  async function connect(choice: ConsentChoice = {}) {
    const url = authorizeUrl(base(), '/oauth/authorize', {
      client_id: 'demo-instagram-client',
      redirect_uri: catcher.uri,
      response_type: 'code',
      scope: 'instagram_business_basic,instagram_business_content_publish',
      state: 'ig-state',
    });
    const { result, callback } = await consent(url, choice);
    expect(result.redirectedTo.endsWith('#_')).toBe(true);
    const short = await rawRequest(`${base()}/oauth/access_token`, {
      form: {
        client_id: 'demo-instagram-client',
        client_secret: 'demo-instagram-secret',
        grant_type: 'authorization_code',
        redirect_uri: catcher.uri,
        code: callback.get('code')!,
      },
    });
    expect(short.status).toBe(200);
    return short;
  }
  const exchange = (token: string) =>
    rawRequest(
      `${base()}/access_token?${new URLSearchParams({ grant_type: 'ig_exchange_token', client_secret: 'demo-instagram-secret', access_token: token }).toString()}`,
    );
  const refresh = (token: string) =>
    rawRequest(`${base()}/refresh_access_token?grant_type=ig_refresh_token&access_token=${token}`);

  it('exchanges code → short-lived → long-lived, refreshes only after 24 h, never after expiry', async () => {
    const short = await connect();
    // user_id is a bare JSON number beyond 2^53, as Instagram sends it.
    expect(short.text).toContain('"user_id":17841400000000101');
    const { access_token: shortToken, permissions } = short.json.data[0];
    expect(permissions).toBe('instagram_business_basic,instagram_business_content_publish');
    const long = await exchange(shortToken);
    expect(long.json).toMatchObject({ token_type: 'bearer', expires_in: 5_184_000 });
    const token = long.json.access_token as string;
    const young = await refresh(token);
    expect(young.status).toBe(400);
    expect(young.json.error.message).toMatch(/24 hours/);
    expect((await refresh(shortToken)).json.error.message).toMatch(/short-lived/);
    clock.advance(25 * 3_600_000);
    const renewed = await refresh(token);
    expect(renewed.json).toMatchObject({ token_type: 'bearer', expires_in: 5_184_000 });
    const me = await rawRequest(
      `${base()}/v21.0/me?fields=user_id,username,account_type,followers_count&access_token=${renewed.json.access_token}`,
    );
    expect(me.json).toMatchObject({
      username: 'niabrooks.art',
      account_type: 'MEDIA_CREATOR',
      followers_count: 23_900,
    });
    expect(fakes.instagram.versionsUsed).toEqual(expect.arrayContaining(['unversioned', 'v21.0']));
    clock.advance(61 * 86_400_000);
    const expired = await refresh(token);
    expect(expired.json.error).toMatchObject({
      type: 'OAuthException',
      code: 190,
      error_subcode: 463,
    });
  });

  it('reports PERSONAL accounts, has no revoke endpoint, rejects old scope names', async () => {
    fakes.instagram.users[2]!.personalAccount = true;
    const short = await connect({ user: 'lou.grows' });
    const me = await rawRequest(`${base()}/me?fields=account_type`, {
      headers: { authorization: `Bearer ${short.json.data[0].access_token}` },
    });
    expect(me.json.account_type).toBe('PERSONAL');
    expect((await rawRequest(`${base()}/me/permissions`, { method: 'DELETE' })).status).toBe(404);
    const old = authorizeUrl(base(), '/oauth/authorize', {
      client_id: 'demo-instagram-client',
      redirect_uri: catcher.uri,
      response_type: 'code',
      scope: 'business_basic',
      state: 's',
    });
    expect((await rawRequest(old)).status).toBe(400);
  });
});

describe('fake Facebook (Instagram via a Facebook Page)', () => {
  const graph = (path: string, token: string) =>
    rawRequest(
      `${fakes.facebook.baseUrl}/v27.0${path}${path.includes('?') ? '&' : '?'}access_token=${token}`,
    );
  async function connect(choice: ConsentChoice = {}) {
    const url = authorizeUrl(fakes.facebook.baseUrl, '/v27.0/dialog/oauth', {
      client_id: 'demo-facebook-client',
      redirect_uri: catcher.uri,
      response_type: 'code',
      scope: 'instagram_basic,instagram_content_publish,pages_show_list,pages_read_engagement',
      state: 'fb-state',
    });
    const { result, callback } = await consent(url, choice);
    expect(result.redirectedTo.endsWith('#_=_')).toBe(true);
    const credentials = {
      client_id: 'demo-facebook-client',
      client_secret: 'demo-facebook-secret',
    };
    const short = await rawRequest(
      `${fakes.facebook.baseUrl}/v27.0/oauth/access_token?${new URLSearchParams({ ...credentials, redirect_uri: catcher.uri, code: callback.get('code')! }).toString()}`,
    );
    const long = await rawRequest(`${fakes.facebook.baseUrl}/v27.0/oauth/access_token`, {
      form: {
        ...credentials,
        grant_type: 'fb_exchange_token',
        fb_exchange_token: short.json.access_token,
      },
    });
    expect(long.json).toMatchObject({ token_type: 'bearer', expires_in: 5_184_000 });
    return long.json.access_token as string;
  }

  it('lists one, several or no Pages and reads the linked Instagram account', async () => {
    const one = await connect();
    expect((await graph('/me?fields=id,name', one)).json).toEqual({
      id: '10220000000000001',
      name: 'Ana Lima',
    });
    const pages = await graph('/me/accounts?fields=id,name,instagram_business_account', one);
    expect(pages.json.data).toEqual([
      {
        id: '105000000000001',
        name: 'Ana Lima Studio',
        instagram_business_account: { id: '17841400000000201' },
      },
    ]);
    const account = await graph(
      '/17841400000000201?fields=username,followers_count,media_count',
      one,
    );
    expect(account.json).toMatchObject({ username: 'analima.studio', followers_count: 48_200 });
    const several = await connect({ user: 'Ravi' });
    const list = (await graph('/me/accounts?fields=id,name,instagram_business_account', several))
      .json.data;
    expect(list).toHaveLength(3);
    expect(
      list.filter(
        (page: { instagram_business_account?: unknown }) => page.instagram_business_account,
      ),
    ).toHaveLength(2);
    const none = await connect({ user: 'jo.weber' });
    expect(
      (await graph('/me/accounts?fields=id,name,instagram_business_account', none)).json.data,
    ).toEqual([]);
    expect(fakes.facebook.versionsUsed).toContain('v27.0');
  });

  it('records declined permissions and revokes with DELETE /{user-id}/permissions', async () => {
    const token = await connect({ uncheckScopes: ['instagram_content_publish'] });
    const permissions = (await graph('/me/permissions', token)).json.data;
    expect(permissions).toContainEqual({
      permission: 'instagram_content_publish',
      status: 'declined',
    });
    const revoked = await rawRequest(
      `${fakes.facebook.baseUrl}/v27.0/10220000000000001/permissions?access_token=${token}`,
      { method: 'DELETE' },
    );
    expect(revoked.json).toEqual({ success: true });
    const after = await graph('/me', token);
    expect(after.json.error).toMatchObject({ type: 'OAuthException', code: 190 });
  });
});

describe('fake TikTok', () => {
  const base = () => fakes.tiktok.baseUrl;
  const credentials = { client_key: 'demo-tiktok-client', client_secret: 'demo-tiktok-secret' };
  async function connect(challenge: 'hex' | 's256' = 'hex', choice: ConsentChoice = {}) {
    const pkce = pkcePair();
    const url = authorizeUrl(base(), '/v2/auth/authorize/', {
      client_key: 'demo-tiktok-client',
      redirect_uri: tiktokCatcher.uri,
      response_type: 'code',
      scope: 'user.info.basic,user.info.profile,user.info.stats,video.upload',
      state: 'tt-state',
      code_challenge: challenge === 'hex' ? pkce.hex : pkce.s256,
      code_challenge_method: 'S256',
    });
    const { callback } = await consent(url, choice, tiktokCatcher);
    const form = {
      ...credentials,
      grant_type: 'authorization_code',
      code: callback.get('code')!,
      redirect_uri: tiktokCatcher.uri,
      code_verifier: pkce.verifier,
    };
    return { callback, form, answer: await rawRequest(`${base()}/v2/oauth/token/`, { form }) };
  }
  const userInfo = (token: string, fields: string) =>
    rawRequest(`${base()}/v2/user/info/?fields=${fields}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it('accepts the hex challenge, rotates refresh tokens, revokes', async () => {
    const { callback, form, answer } = await connect();
    expect(callback.get('scopes')).toBe(
      'user.info.basic,user.info.profile,user.info.stats,video.upload',
    );
    expect(answer.json).toMatchObject({
      expires_in: 7200,
      refresh_expires_in: 15_552_000,
      token_type: 'Bearer',
    });
    const replay = await rawRequest(`${base()}/v2/oauth/token/`, { form });
    expect(replay.status).toBe(200);
    expect(replay.json).toMatchObject({ error: 'invalid_grant', log_id: expect.any(String) });
    const info = await userInfo(
      answer.json.access_token,
      'open_id,display_name,username,follower_count',
    );
    expect(info.json).toMatchObject({
      data: { user: { username: 'zara.dances', follower_count: 412_000 } },
      error: { code: 'ok' },
    });
    clock.advance(3_600_000);
    const refreshForm = {
      ...credentials,
      grant_type: 'refresh_token',
      refresh_token: answer.json.refresh_token,
    };
    const rotated = await rawRequest(`${base()}/v2/oauth/token/`, { form: refreshForm });
    expect(rotated.json.refresh_token).not.toBe(answer.json.refresh_token);
    expect(rotated.json.refresh_expires_in).toBe(15_552_000 - 3600);
    const spent = await rawRequest(`${base()}/v2/oauth/token/`, { form: refreshForm });
    expect(spent).toMatchObject({ status: 200, json: { error: 'invalid_grant' } });
    const revoked = await rawRequest(`${base()}/v2/oauth/revoke/`, {
      form: { ...credentials, token: rotated.json.access_token },
    });
    expect(revoked).toMatchObject({ status: 200, json: {} });
    const after = await userInfo(rotated.json.access_token, 'open_id');
    expect(after).toMatchObject({ status: 401, json: { error: { code: 'access_token_invalid' } } });
  });

  it('refuses a base64url challenge at the token endpoint', async () => {
    const { answer } = await connect('s256');
    expect(answer.status).toBe(200);
    expect(answer.json.error).toBe('invalid_grant');
    expect(answer.json.access_token).toBeUndefined();
  });

  it('reports unticked scopes on the redirect and refuses fields that need them', async () => {
    const { callback, answer } = await connect('hex', { uncheckScopes: ['user.info.stats'] });
    expect(callback.get('scopes')).toBe('user.info.basic,user.info.profile,video.upload');
    const info = await userInfo(answer.json.access_token, 'open_id,follower_count');
    expect(info.json.error.code).toBe('scope_not_authorized');
  });

  it('sends ineligible accounts back with access_denied, and needs the exact /callback/ path', async () => {
    fakes.tiktok.users[1]!.ineligible = true;
    const pkce = pkcePair();
    const params = {
      client_key: 'demo-tiktok-client',
      redirect_uri: tiktokCatcher.uri,
      response_type: 'code',
      scope: 'user.info.basic',
      state: 'tt',
      code_challenge: pkce.hex,
      code_challenge_method: 'S256',
    };
    const { callback } = await consent(
      authorizeUrl(base(), '/v2/auth/authorize/', params),
      { user: 'tomfixesit' },
      tiktokCatcher,
    );
    expect(callback.get('error')).toBe('access_denied');
    expect(callback.get('error_description')).toMatch(/not eligible/);
    const wrong = { ...params, redirect_uri: tiktokCatcher.uri.replace(/\/$/, '') };
    expect((await rawRequest(authorizeUrl(base(), '/v2/auth/authorize/', wrong))).status).toBe(400);
  });
});

describe('fake X', () => {
  const base = () => fakes.x.baseUrl;
  async function authorize(
    choice: ConsentChoice = {},
    scope = 'tweet.read users.read tweet.write offline.access',
  ) {
    const pkce = pkcePair();
    const url = authorizeUrl(base(), '/i/oauth2/authorize', {
      response_type: 'code',
      client_id: 'demo-x-client',
      redirect_uri: catcher.uri,
      scope,
      state: 'x-state',
      code_challenge: pkce.s256,
      code_challenge_method: 'S256',
    });
    const { callback } = await consent(url, choice);
    return {
      grant_type: 'authorization_code',
      code: callback.get('code')!,
      redirect_uri: catcher.uri,
      code_verifier: pkce.verifier,
      client_id: 'demo-x-client',
    };
  }
  const token = (form: Record<string, string>, headers?: Record<string, string>) =>
    rawRequest(`${base()}/2/oauth2/token`, { form, headers });
  const me = (access: string) =>
    rawRequest(
      `${base()}/2/users/me?user.fields=profile_image_url,public_metrics,verified,protected`,
      { headers: { authorization: `Bearer ${access}` } },
    );

  it('runs the public-client flow with rate-limit headers, and kills the family on refresh reuse', async () => {
    const first = await token(await authorize());
    expect(first.json).toMatchObject({
      token_type: 'bearer',
      expires_in: 7200,
      scope: 'tweet.read users.read tweet.write offline.access',
    });
    const profile = await me(first.json.access_token);
    expect(profile.json.data).toMatchObject({
      username: 'samrivera',
      public_metrics: { followers_count: 52_300 },
    });
    expect(profile.headers['x-rate-limit-limit']).toBe('75');
    expect(profile.headers['x-rate-limit-remaining']).toBe('74');
    expect(Number(profile.headers['x-rate-limit-reset'])).toBeGreaterThan(clock.now() / 1000);
    const refreshForm = {
      grant_type: 'refresh_token',
      refresh_token: first.json.refresh_token,
      client_id: 'demo-x-client',
    };
    const second = await token(refreshForm);
    expect(second.json.refresh_token).toBeDefined();
    expect(fakes.x.isAccessTokenValid(second.json.access_token)).toBe(true);
    const reuse = await token(refreshForm);
    expect(reuse).toMatchObject({
      status: 400,
      json: {
        error: 'invalid_request',
        error_description: 'Value passed for the token was invalid.',
      },
    });
    expect(fakes.x.familyRevoked(second.json.refresh_token)).toBe(true);
    expect(fakes.x.isAccessTokenValid(second.json.access_token)).toBe(false);
    expect((await token({ ...refreshForm, refresh_token: second.json.refresh_token })).status).toBe(
      400,
    );
  });

  it('lets a code die after 30 seconds and revokes with client_id', async () => {
    const stale = await authorize();
    clock.advance(31_000);
    expect((await token(stale)).json.error).toBe('invalid_request');
    const fresh = await token(await authorize());
    const revoke = await rawRequest(`${base()}/2/oauth2/revoke`, {
      form: {
        token: fresh.json.access_token,
        token_type_hint: 'access_token',
        client_id: 'demo-x-client',
      },
    });
    expect(revoke.status).toBe(200);
    expect((await me(fresh.json.access_token)).status).toBe(401);
    expect(fakes.x.isAccessTokenValid(fresh.json.refresh_token)).toBe(false);
  });

  it('answers suspended users with 403 problem JSON and refuses long state', async () => {
    fakes.x.users[2]!.suspended = true;
    const answer = await token(await authorize({ user: 'ottodraws' }));
    const suspended = await me(answer.json.access_token);
    expect(suspended.status).toBe(403);
    expect(suspended.json).toMatchObject({
      title: 'Forbidden',
      status: 403,
      type: expect.any(String),
      detail: expect.stringMatching(/suspended/),
    });
    const long = authorizeUrl(base(), '/i/oauth2/authorize', {
      response_type: 'code',
      client_id: 'demo-x-client',
      redirect_uri: catcher.uri,
      scope: 'tweet.read',
      state: 'a'.repeat(501),
      code_challenge: pkcePair().s256,
      code_challenge_method: 'S256',
    });
    expect((await rawRequest(long)).status).toBe(400);
  });

  it('makes a confidential client use HTTP Basic', async () => {
    const x = await startFakeX({
      clients: [{ clientId: 'conf', clientSecret: 'shh', redirectUris: [catcher.uri] }],
      now: clock.now,
    });
    try {
      const pkce = pkcePair();
      const url = authorizeUrl(x.baseUrl, '/i/oauth2/authorize', {
        response_type: 'code',
        client_id: 'conf',
        redirect_uri: catcher.uri,
        scope: 'tweet.read users.read',
        state: 's',
        code_challenge: pkce.s256,
        code_challenge_method: 'S256',
      });
      const form = {
        grant_type: 'authorization_code',
        code: (await consent(url)).callback.get('code')!,
        redirect_uri: catcher.uri,
        code_verifier: pkce.verifier,
        client_id: 'conf',
      };
      const bodyOnly = await rawRequest(`${x.baseUrl}/2/oauth2/token`, {
        form: { ...form, client_secret: 'shh' },
      });
      expect(bodyOnly).toMatchObject({ status: 401, json: { error: 'unauthorized_client' } });
      expect(x.requests.at(-1)?.clientAuth).toBe('body');
      const url2 = authorizeUrl(x.baseUrl, '/i/oauth2/authorize', {
        response_type: 'code',
        client_id: 'conf',
        redirect_uri: catcher.uri,
        scope: 'tweet.read users.read',
        state: 's',
        code_challenge: pkce.s256,
        code_challenge_method: 'S256',
      });
      const code = (await consent(url2)).callback.get('code')!;
      const basic = await rawRequest(`${x.baseUrl}/2/oauth2/token`, {
        form: { ...form, code },
        headers: { authorization: basicAuth('conf', 'shh') },
      });
      expect(basic.status).toBe(200);
      expect(basic.json.refresh_token).toBeUndefined();
      expect(x.requests.at(-1)?.clientAuth).toBe('basic');
    } finally {
      await x.close();
    }
  });
});

describe('faults and the origin table', () => {
  it('injects 5xx, 429 with reset headers, latency, not_json, missing_fields, reset and invalid_grant', async () => {
    const api = `${fakes.x.baseUrl}/2/users/me`;
    fakes.x.faults.add({ path: '/2/users/me', kind: '503' });
    expect((await rawRequest(api)).status).toBe(503);
    expect((await rawRequest(api)).status).toBe(401);
    fakes.x.faults.add({ path: /users/, kind: '429', resetAfterSeconds: 120 });
    const limited = await rawRequest(api);
    expect(limited.status).toBe(429);
    expect(limited.headers['x-rate-limit-reset']).toBe(String(Math.ceil(clock.now() / 1000) + 120));
    fakes.youtube.faults.add({ path: '/youtube/v3/channels', kind: '429', resetAfterSeconds: 30 });
    expect(
      (await rawRequest(`${fakes.youtube.baseUrl}/youtube/v3/channels`)).headers['retry-after'],
    ).toBe('30');
    fakes.youtube.faults.add({ path: '/youtube/v3/channels', kind: 'quota' });
    const quota = await rawRequest(`${fakes.youtube.baseUrl}/youtube/v3/channels`);
    expect(quota.json.error).toMatchObject({ code: 403, errors: [{ reason: 'quotaExceeded' }] });
    fakes.tiktok.faults.add({ path: '/v2/oauth/token/', kind: 'latency', ms: 150 });
    const started = Date.now();
    await rawRequest(`${fakes.tiktok.baseUrl}/v2/oauth/token/`, { form: {} });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    fakes.instagram.faults.add({ path: '/me', kind: 'not_json' });
    const html = await rawRequest(`${fakes.instagram.baseUrl}/me`);
    expect(html.json).toBeUndefined();
    fakes.facebook.faults.add({ path: /oauth\/access_token/, kind: 'missing_fields' });
    expect(
      (await rawRequest(`${fakes.facebook.baseUrl}/v27.0/oauth/access_token`)).json.access_token,
    ).toBeUndefined();
    fakes.youtube.faults.add({ path: '/token', kind: 'reset' });
    await expect(rawRequest(`${fakes.youtube.baseUrl}/token`, { form: {} })).rejects.toThrow();
    fakes.tiktok.faults.add({ path: '/v2/oauth/token/', kind: 'invalid_grant', times: 2 });
    for (let i = 0; i < 2; i += 1)
      expect(
        (await rawRequest(`${fakes.tiktok.baseUrl}/v2/oauth/token/`, { form: {} })).json.error,
      ).toBe('invalid_grant');
    expect(fakes.tiktok.faults.pending).toBe(0);
  });

  it('applies afterEffect faults after the request took effect (a lost rotation)', async () => {
    const credentials = { client_key: 'demo-tiktok-client', client_secret: 'demo-tiktok-secret' };
    const grant = fakes.tiktok.tokens.newGrant('demo-tiktok-client', fakes.tiktok.users[0]!.id, [
      'user.info.basic',
    ]);
    const refresh = fakes.tiktok.tokens.issue(grant, 'refresh', 15_552_000, 'rft.').token;
    fakes.tiktok.faults.add({ path: '/v2/oauth/token/', kind: 'reset', afterEffect: true });
    const form = { ...credentials, grant_type: 'refresh_token', refresh_token: refresh };
    await expect(rawRequest(`${fakes.tiktok.baseUrl}/v2/oauth/token/`, { form })).rejects.toThrow();
    expect(fakes.tiktok.tokens.isRefreshTokenValid(refresh)).toBe(false);
    expect(fakes.tiktok.tokens.liveTokensOf(grant)).toHaveLength(2);
  });

  it('hangs until close, and close returns quickly', async () => {
    const x = await startFakeX();
    x.faults.add({ path: '/2/users/me', kind: 'hang' });
    const pending = rawRequest(`${x.baseUrl}/2/users/me`).catch((error: unknown) => error);
    for (let i = 0; i < 50 && x.requests.length === 0; i += 1) await delay(10);
    const started = Date.now();
    await x.close();
    expect(Date.now() - started).toBeLessThan(500);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('maps every real origin to its fake and logs names, never token values', () => {
    expect(Object.keys(fakes.origins).sort()).toEqual([...PLATFORM_ORIGINS].sort());
    expect(fakes.origins['https://api.x.com']).toBe(fakes.x.baseUrl);
    const log = JSON.stringify(
      [fakes.youtube, fakes.instagram, fakes.facebook, fakes.tiktok, fakes.x].map(
        (fake) => fake.requests,
      ),
    );
    for (const fake of [fakes.youtube, fakes.x, fakes.tiktok])
      for (const token of fake.issuedRefreshTokens) expect(log).not.toContain(token);
    expect(demoCredentialsEnv()).toMatchObject({
      SWITCHBOARD_X_CLIENT_ID: 'demo-x-client',
      SWITCHBOARD_TIKTOK_CLIENT_SECRET: 'demo-tiktok-secret',
    });
    expect(demoCredentialsEnv().SWITCHBOARD_X_CLIENT_SECRET).toBeUndefined();
  });
});

describe('consent pages and authorize validation', () => {
  const google = (params: Record<string, string>) =>
    authorizeUrl(fakes.youtube.baseUrl, '/o/oauth2/v2/auth', {
      client_id: 'demo-youtube-client',
      redirect_uri: catcher.uri,
      response_type: 'code',
      scope: 'https://www.googleapis.com/auth/youtube.readonly',
      state: 'deny-state',
      code_challenge: pkcePair().s256,
      code_challenge_method: 'S256',
      ...params,
    });

  it('renders an accessible consent page with an Account picker, Allow and Deny', async () => {
    const page = await rawRequest(google({}));
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Sign in to YouTube (simulated)</h1>');
    expect(page.text).toMatch(
      /<label for="user">Account<\/label>\s*<select id="user" name="user">/,
    );
    expect(page.text).toMatch(/<button[^>]*>Allow<\/button>/);
    expect(page.text).toMatch(/<button[^>]*>Deny<\/button>/);
    expect(page.text).not.toMatch(/src=|href=|@import/);
  });

  it('redirects Deny with each platform’s error parameters', async () => {
    const denied = await consent(google({}), { decision: 'deny' });
    expect(Object.fromEntries(denied.callback)).toMatchObject({
      error: 'access_denied',
      state: 'deny-state',
      error_description: expect.any(String),
    });
    expect(denied.callback.get('code')).toBeNull();
    const ig = authorizeUrl(fakes.instagram.baseUrl, '/oauth/authorize', {
      client_id: 'demo-instagram-client',
      redirect_uri: catcher.uri,
      response_type: 'code',
      scope: 'instagram_business_basic',
      state: 'ig',
    });
    const meta = await consent(ig, { decision: 'deny' });
    expect(meta.result.redirectedTo.endsWith('#_')).toBe(true);
    expect(Object.fromEntries(meta.callback)).toMatchObject({
      error: 'access_denied',
      error_reason: 'user_denied',
      state: 'ig',
    });
  });

  it('refuses a missing state, the wrong scope separator and a missing challenge', async () => {
    const { state: _, ...withoutState } = Object.fromEntries(new URL(google({})).searchParams);
    expect(
      (await rawRequest(authorizeUrl(fakes.youtube.baseUrl, '/o/oauth2/v2/auth', withoutState)))
        .status,
    ).toBe(400);
    expect((await rawRequest(google({ scope: 'openid,email' }))).status).toBe(400);
    expect((await rawRequest(google({ code_challenge_method: 'plain' }))).status).toBe(400);
    const tiktok = authorizeUrl(fakes.tiktok.baseUrl, '/v2/auth/authorize/', {
      client_key: 'demo-tiktok-client',
      redirect_uri: tiktokCatcher.uri,
      response_type: 'code',
      scope: 'user.info.basic user.info.stats',
      state: 's',
      code_challenge: pkcePair().hex,
      code_challenge_method: 'S256',
    });
    const page = await rawRequest(tiktok);
    expect(page.status).toBe(400);
    expect(page.text).toContain('commas');
    expect(fakes.tiktok.codes).toBe(0);
  });
});

describe('more Google, X and Facebook quirks', () => {
  const SCOPE = 'https://www.googleapis.com/auth/youtube.readonly';
  async function googleTokens(fake = fakes.youtube) {
    const pkce = pkcePair();
    const url = authorizeUrl(fake.baseUrl, '/o/oauth2/v2/auth', {
      client_id: 'demo-youtube-client',
      redirect_uri: catcher.uri,
      response_type: 'code',
      scope: SCOPE,
      state: 's',
      code_challenge: pkce.s256,
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
    });
    const code = (await consent(url)).callback.get('code')!;
    const form = {
      grant_type: 'authorization_code',
      code,
      code_verifier: pkce.verifier,
      client_id: 'demo-youtube-client',
      client_secret: 'demo-youtube-secret',
      redirect_uri: catcher.uri,
    };
    return (await rawRequest(`${fake.baseUrl}/token`, { form })).json;
  }

  it('expires Google access tokens after 3599 s and keeps only 100 refresh tokens per account', async () => {
    const first = await googleTokens();
    clock.advance(3_600_000);
    const expired = await rawRequest(
      `${fakes.youtube.baseUrl}/youtube/v3/channels?part=id&mine=true`,
      { headers: { authorization: `Bearer ${first.access_token}` } },
    );
    expect(expired.status).toBe(401);
    const tokens = fakes.youtube.tokens;
    for (let i = 0; i < 99; i += 1) {
      const grant = tokens.newGrant('demo-youtube-client', fakes.youtube.users[0]!.id, [SCOPE]);
      tokens.issue(grant, 'refresh', null, '1//');
    }
    const newest = await googleTokens();
    expect(tokens.isRefreshTokenValid(newest.refresh_token)).toBe(true);
    expect(tokens.isRefreshTokenValid(first.refresh_token)).toBe(false);
  });

  it('ends Google refresh tokens 7 days after consent in Testing mode', async () => {
    const { startFakeGoogle } = await import('../../src-main/demo/fake-google');
    const testing = await startFakeGoogle({ testingMode: true, now: clock.now });
    try {
      const answer = await googleTokens(testing);
      expect(answer.refresh_token_expires_in).toBe(604_799);
      const form = {
        grant_type: 'refresh_token',
        refresh_token: answer.refresh_token,
        client_id: 'demo-youtube-client',
        client_secret: 'demo-youtube-secret',
      };
      clock.advance(6 * 86_400_000);
      expect((await rawRequest(`${testing.baseUrl}/token`, { form })).status).toBe(200);
      clock.advance(86_400_000);
      expect((await rawRequest(`${testing.baseUrl}/token`, { form })).json.error).toBe(
        'invalid_grant',
      );
    } finally {
      await testing.close();
    }
  });

  it('refuses a replayed X code and drops users.read without tweet.read', async () => {
    const pkce = pkcePair();
    const url = authorizeUrl(fakes.x.baseUrl, '/i/oauth2/authorize', {
      response_type: 'code',
      client_id: 'demo-x-client',
      redirect_uri: catcher.uri,
      scope: 'users.read tweet.write',
      state: 's',
      code_challenge: pkce.s256,
      code_challenge_method: 'S256',
    });
    const form = {
      grant_type: 'authorization_code',
      code: (await consent(url)).callback.get('code')!,
      redirect_uri: catcher.uri,
      code_verifier: pkce.verifier,
      client_id: 'demo-x-client',
    };
    const first = await rawRequest(`${fakes.x.baseUrl}/2/oauth2/token`, { form });
    expect(first.json.scope).toBe('tweet.write');
    expect(first.json.refresh_token).toBeUndefined();
    const replay = await rawRequest(`${fakes.x.baseUrl}/2/oauth2/token`, { form });
    expect(replay.json).toEqual({
      error: 'invalid_request',
      error_description: 'Value passed for the token was invalid.',
    });
    expect(
      (
        await rawRequest(`${fakes.x.baseUrl}/2/users/me`, {
          headers: { authorization: `Bearer ${first.json.access_token}` },
        })
      ).status,
    ).toBe(403);
  });

  it('needs the Facebook app secret for the long-lived exchange', async () => {
    const grant = fakes.facebook.tokens.newGrant(
      'demo-facebook-client',
      fakes.facebook.users[0]!.id,
      ['pages_show_list'],
    );
    const short = fakes.facebook.tokens.issue(grant, 'access', 3600, 'EAAS', 'short').token;
    const answer = await rawRequest(
      `${fakes.facebook.baseUrl}/v27.0/oauth/access_token?grant_type=fb_exchange_token&client_id=demo-facebook-client&fb_exchange_token=${short}`,
    );
    expect(answer.status).toBe(400);
    expect(answer.json.error.type).toBe('OAuthException');
  });
});
