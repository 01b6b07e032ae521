import { FACEBOOK_DESCRIPTOR } from './facebook-descriptor';
import { asCodeRejection, isRecord } from '../oauth/oauth-errors';
import { buildAuthorizeUrl } from '../oauth/authorize-url';
import { s256Challenge } from '../oauth/pkce';
import type { ConnectedProfile } from '../vault/types';
import {
  callbackCode,
  countOrNull,
  requestJson,
  requireSecret,
  requireString,
  stringOrNull,
  type ApiCaller,
} from './adapter-kit';
import { classifyMeta, metaAuthorizeParams, metaTokenSet } from './meta-graph';
import type {
  AdapterContext,
  ClientCredentials,
  ConnectAttempt,
  PageChoice,
  PlatformAdapter,
} from './platform-adapter';
import { PlatformError, type HttpFailure } from '../net/platform-error';
import { readBody } from '../net/platform-http';
import { safePageChoice, safeProfile } from './profile-text';
import { relayToken } from './relay';

const NAME = 'Facebook';
const GRAPH = 'https://graph.facebook.com';
const IG_FIELDS = 'username,name,profile_picture_url,followers_count,media_count';
/** Pages come 25 to a page of results; a creator with more than this many is not plausible. */
const MAX_PAGE_REQUESTS = 10;

export function classifyFacebook(failure: HttpFailure, now: number): PlatformError {
  return classifyMeta(failure, now, NAME);
}

/** `/me/permissions` → the scopes whose status is `granted`. */
export function grantedFromPermissions(body: Record<string, unknown>): string[] {
  const data = Array.isArray(body.data) ? body.data : [];
  return data
    .filter((p): p is Record<string, unknown> => isRecord(p) && p.status === 'granted')
    .map((p) => String(p.permission));
}

/** Instagram linked to a Facebook Page, through Facebook Login and the Graph API. */
export function createFacebookAdapter(context: AdapterContext): PlatformAdapter {
  const provider = FACEBOOK_DESCRIPTOR;
  const classify = (failure: HttpFailure) => classifyFacebook(failure, context.now());
  const caller: ApiCaller = { context, platformName: NAME, classify };

  // The version is a setting read at each call, so a change applies without a restart.
  function graph(path: string, query: Record<string, string>): URL {
    const url = new URL(`/${context.graphApiVersion()}${path}`, GRAPH);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  // A built-in app's secret stays on the publisher's relay: its token calls go there instead.
  async function longLived(client: ClientCredentials, token: string) {
    const sentAt = context.now();
    const { body } = client.relay
      ? await relayToken(caller, client.relay, 'facebook', {
          grant_type: 'fb_exchange_token',
          client_id: client.clientId,
          fb_exchange_token: token,
          graph_version: context.graphApiVersion(),
        })
      : await requestJson(
          caller,
          graph('/oauth/access_token', {
            grant_type: 'fb_exchange_token',
            client_id: client.clientId,
            client_secret: requireSecret(client, NAME),
            fb_exchange_token: token,
          }),
          {},
          'token',
        );
    return { body, sentAt };
  }

  async function codeExchange(client: ClientCredentials, code: string, attempt: ConnectAttempt) {
    const params = {
      client_id: client.clientId,
      redirect_uri: attempt.redirectUri,
      code,
      code_verifier: attempt.codeVerifier,
    };
    if (client.relay)
      return relayToken(caller, client.relay, 'facebook', {
        ...params,
        grant_type: 'authorization_code',
        graph_version: context.graphApiVersion(),
      });
    return requestJson(
      caller,
      graph('/oauth/access_token', { ...params, client_secret: requireSecret(client, NAME) }),
      {},
      'token',
    );
  }

  async function linkedPages(accessToken: string): Promise<PageChoice[]> {
    const pages: PageChoice[] = [];
    let next: string | null = graph('/me/accounts', {
      fields: 'id,name,instagram_business_account',
      access_token: accessToken,
    }).href;
    for (let i = 0; next && i < MAX_PAGE_REQUESTS; i += 1) {
      const { body }: { body: Record<string, unknown> } = await requestJson(caller, next);
      for (const page of Array.isArray(body.data) ? body.data : []) {
        if (!isRecord(page) || !isRecord(page.instagram_business_account)) continue;
        const ig = page.instagram_business_account;
        const igId = stringOrNull(ig.id);
        if (!igId) continue;
        pages.push({
          pageId: requireString(page, 'id', NAME),
          pageName: stringOrNull(page.name) ?? igId,
          instagramUserId: igId,
          instagramUsername: stringOrNull(ig.username),
        });
      }
      const paging = isRecord(body.paging) ? body.paging : {};
      next = typeof paging.next === 'string' ? paging.next : null;
    }
    return pages;
  }

  async function pageProfile(accessToken: string, page: PageChoice): Promise<ConnectedProfile> {
    const { body } = await requestJson(
      caller,
      graph(`/${encodeURIComponent(page.instagramUserId)}`, {
        fields: IG_FIELDS,
        access_token: accessToken,
      }),
    );
    const username = stringOrNull(body.username) ?? page.instagramUsername;
    return safeProfile({
      platform: 'instagram',
      platformUserId: page.instagramUserId,
      displayName: stringOrNull(body.name) ?? username ?? page.pageName,
      handle: username,
      avatarUrl: stringOrNull(body.profile_picture_url),
      followers: countOrNull(body.followers_count),
      // A Page-linked account is professional by construction; Graph does not say which kind.
      accountType: null,
      channelId: null,
      pageId: page.pageId,
    });
  }

  async function usernameOf(accessToken: string, page: PageChoice): Promise<PageChoice> {
    if (page.instagramUsername) return page;
    try {
      const { body } = await requestJson(
        caller,
        graph(`/${encodeURIComponent(page.instagramUserId)}`, {
          fields: 'username',
          access_token: accessToken,
        }),
      );
      return { ...page, instagramUsername: stringOrNull(body.username) };
    } catch {
      // The picker still works with the Page name alone.
      return page;
    }
  }

  return {
    provider,
    callbackPath: '/callback',
    requiredScopes: provider.scopes,
    async authorizeUrl(attempt, client) {
      const url = buildAuthorizeUrl(
        {
          authorizationEndpoint: `https://www.facebook.com/${context.graphApiVersion()}/dialog/oauth`,
        },
        metaAuthorizeParams(
          attempt,
          client.clientId,
          provider.scopes,
          await s256Challenge(attempt.codeVerifier),
        ),
      );
      return context.http.origins.url(url);
    },
    scopesFromCallback: () => null,
    async exchangeCode(callback, attempt, client) {
      const code = callbackCode(callback, attempt, NAME);
      let short: Record<string, unknown>;
      try {
        ({ body: short } = await codeExchange(client, code, attempt));
      } catch (error) {
        throw error instanceof PlatformError ? asCodeRejection(error, NAME) : error;
      }
      const { body, sentAt } = await longLived(client, requireString(short, 'access_token', NAME));
      const tokens = metaTokenSet(body, sentAt, provider.scopes, NAME);
      const { body: permissions } = await requestJson(
        caller,
        graph('/me/permissions', { access_token: tokens.accessToken }),
      );
      const grantedScopes = grantedFromPermissions(permissions);
      return { tokens: { ...tokens, scopes: grantedScopes }, grantedScopes };
    },
    async refresh(secrets, client) {
      // Meta has no refresh token: a valid long-lived token is exchanged for a fresh one.
      const { body, sentAt } = await longLived(client, secrets.accessToken);
      return metaTokenSet(body, sentAt, secrets.scopes, NAME);
    },
    async revoke(secrets) {
      const { body: me } = await requestJson(
        caller,
        graph('/me', { fields: 'id', access_token: secrets.accessToken }),
      );
      const userId = requireString(me, 'id', NAME);
      const response = await context.http.fetch(
        graph(`/${encodeURIComponent(userId)}/permissions`, { access_token: secrets.accessToken }),
        { method: 'DELETE' },
      );
      // Graph answers a bare `true` (or `{"success":true}`): only the status matters here.
      const body = await readBody(response);
      if (!response.ok || body === false) {
        throw classify({
          endpoint: 'api',
          status: response.status,
          headers: response.headers,
          body,
        });
      }
      return { revoked: true };
    },
    async profile(accessToken) {
      const pages = await linkedPages(accessToken);
      if (pages.length === 0) {
        throw new PlatformError('no_linked_instagram', { kind: 'account_problem' });
      }
      if (pages.length === 1) {
        return { kind: 'profile', profile: await pageProfile(accessToken, pages[0] as PageChoice) };
      }
      return {
        kind: 'choose_page',
        pages: await Promise.all(
          pages.map(async (page) => safePageChoice(await usernameOf(accessToken, page))),
        ),
      };
    },
    pageProfile: (accessToken, page) => pageProfile(accessToken, page),
    async probe(accessToken) {
      await requestJson(caller, graph('/me', { fields: 'id', access_token: accessToken }));
    },
    classify,
  };
}
