import { describe, expect, it } from 'vitest';
import { s256Challenge } from '../oauth/pkce';
import { classifyFacebook, createFacebookAdapter } from './facebook-adapter';
import {
  ATTEMPT,
  CLIENT,
  callbackOf,
  failureOf,
  rejectionOf,
  scriptedAdapter,
  storedSecrets,
} from '../../../test/support/scripted-http';

const SECRETS = storedSecrets({
  platform: 'instagram',
  accessToken: 'long-SECRET',
  scopes: ['instagram_basic'],
});

const setup = (version = 'v27.0') =>
  scriptedAdapter('instagram', (context) =>
    createFacebookAdapter({ ...context, graphApiVersion: () => version }),
  );
const page = (id: string, ig?: object) => ({
  id,
  name: `Page ${id}`,
  ...(ig ? { instagram_business_account: ig } : {}),
});

describe('Instagram via Facebook Page adapter', () => {
  it('uses the Graph version from the setting in every URL', async () => {
    const t = setup('v25.0');
    const url = await t.adapter.authorizeUrl(ATTEMPT, CLIENT);
    expect(url.origin + url.pathname).toBe('https://www.facebook.com/v25.0/dialog/oauth');
    expect(url.searchParams.get('scope')).toBe(
      'instagram_basic,instagram_content_publish,pages_show_list,pages_read_engagement',
    );
    expect(url.searchParams.get('code_challenge')).toBe(await s256Challenge(ATTEMPT.codeVerifier));
    t.answer({ body: { id: 'u1' } });
    await t.adapter.probe('tok', CLIENT);
    expect(t.requests[0]!.url.pathname).toBe('/v25.0/me');
  });

  it('exchanges code → short-lived → long-lived, and reads granted scopes from /me/permissions', async () => {
    const t = setup();
    t.answer(
      { body: { access_token: 'short-SECRET', token_type: 'bearer', expires_in: 5000 } },
      { body: { access_token: 'long-SECRET', token_type: 'bearer', expires_in: 5_184_000 } },
      {
        body: {
          data: [
            { permission: 'instagram_basic', status: 'granted' },
            { permission: 'pages_show_list', status: 'declined' },
          ],
        },
      },
    );
    const result = await t.adapter.exchangeCode(
      callbackOf({ code: 'c', state: ATTEMPT.state }),
      ATTEMPT,
      CLIENT,
    );
    const [code, long, perms] = t.requests;
    expect(code!.url.pathname).toBe('/v27.0/oauth/access_token');
    expect(code!.url.searchParams.get('code')).toBe('c');
    expect(code!.url.searchParams.get('redirect_uri')).toBe(ATTEMPT.redirectUri);
    expect(long!.url.searchParams.get('grant_type')).toBe('fb_exchange_token');
    expect(long!.url.searchParams.get('fb_exchange_token')).toBe('short-SECRET');
    expect(perms!.url.pathname).toBe('/v27.0/me/permissions');
    expect(perms!.url.searchParams.get('access_token')).toBe('long-SECRET');
    expect(result.tokens.accessToken).toBe('long-SECRET');
    expect(result.grantedScopes).toEqual(['instagram_basic']);
  });

  it('refreshes by exchanging the current long-lived token', async () => {
    const t = setup();
    t.answer({ body: { access_token: 'long2', token_type: 'bearer', expires_in: 5_184_000 } });
    const tokens = await t.adapter.refresh(SECRETS, CLIENT);
    expect(t.requests[0]!.url.searchParams.get('grant_type')).toBe('fb_exchange_token');
    expect(t.requests[0]!.url.searchParams.get('fb_exchange_token')).toBe('long-SECRET');
    expect(tokens.accessToken).toBe('long2');
    expect(tokens.refreshToken).toBeNull();
  });

  it('connects the only linked Instagram account directly', async () => {
    const t = setup();
    t.answer(
      { body: { data: [page('p0'), page('p1', { id: 'ig1' })] } },
      {
        body: {
          id: 'ig1',
          username: 'cre',
          name: 'Creator',
          followers_count: 5,
          profile_picture_url: 'https://p',
        },
      },
    );
    const step = await t.adapter.profile('tok', CLIENT);
    expect(step).toEqual({
      kind: 'profile',
      profile: {
        platform: 'instagram',
        platformUserId: 'ig1',
        displayName: 'Creator',
        handle: 'cre',
        avatarUrl: 'https://p',
        followers: 5,
        accountType: null,
        channelId: null,
        pageId: 'p1',
      },
    });
    expect(t.requests[0]!.url.searchParams.get('fields')).toBe(
      'id,name,instagram_business_account',
    );
  });

  it('asks the creator to choose when several Pages (across result pages) have linked accounts', async () => {
    const t = setup();
    t.answer(
      {
        body: {
          data: [page('p1', { id: 'ig1' })],
          paging: { next: 'https://graph.facebook.com/v27.0/me/accounts?after=x' },
        },
      },
      { body: { data: [page('p2', { id: 'ig2', username: 'two' })] } },
      { body: { id: 'ig1', username: 'one' } },
    );
    const step = await t.adapter.profile('tok', CLIENT);
    expect(step).toEqual({
      kind: 'choose_page',
      pages: [
        { pageId: 'p1', pageName: 'Page p1', instagramUserId: 'ig1', instagramUsername: 'one' },
        { pageId: 'p2', pageName: 'Page p2', instagramUserId: 'ig2', instagramUsername: 'two' },
      ],
    });
  });

  it('says plainly when no Page has a linked Instagram account', async () => {
    const t = setup();
    t.answer({ body: { data: [page('p0')] } });
    const error = await rejectionOf(t.adapter.profile('tok', CLIENT));
    expect([error.code, error.kind]).toEqual(['no_linked_instagram', 'account_problem']);
  });

  it('revokes with DELETE /{user-id}/permissions', async () => {
    const t = setup();
    t.answer(
      { body: { id: 'u1' } },
      { body: 'true' },
      { body: { id: 'u1' } },
      { status: 400, body: { error: { code: 190, type: 'OAuthException', message: 'm' } } },
    );
    expect(await t.adapter.revoke(SECRETS, CLIENT)).toEqual({ revoked: true });
    expect(t.requests[1]!.method).toBe('DELETE');
    expect(t.requests[1]!.url.pathname).toBe('/v27.0/u1/permissions');
    const error = await rejectionOf(t.adapter.revoke(SECRETS, CLIENT));
    expect(error.kind).toBe('needs_reauth');
  });

  it('classifies a refused code at the Graph token endpoint (code 100) as a refused code', async () => {
    const t = setup();
    t.answer({
      status: 400,
      body: {
        error: { code: 100, error_subcode: 36007, type: 'OAuthException', message: 'expired' },
      },
    });
    const error = await rejectionOf(
      t.adapter.exchangeCode(callbackOf({ code: 'c', state: ATTEMPT.state }), ATTEMPT, CLIENT),
    );
    expect([error.code, error.kind]).toEqual(['oauth_code_rejected', 'needs_reauth']);
  });

  it('classifies Meta errors like the Instagram Login path', () => {
    const meta = (code: number) => ({ error: { code, type: 'OAuthException', message: 'm' } });
    expect(classifyFacebook(failureOf('api', 400, meta(190)), 0).kind).toBe('needs_reauth');
    expect(classifyFacebook(failureOf('api', 400, meta(613)), 0).kind).toBe('rate_limited');
    expect(classifyFacebook(failureOf('api', 400, meta(368)), 0).kind).toBe('account_problem');
    expect(classifyFacebook(failureOf('api', 400, meta(230)), 0).kind).toBe('permission');
    expect(classifyFacebook(failureOf('api', 500, meta(2)), 0).kind).toBe('retry');
  });
});
