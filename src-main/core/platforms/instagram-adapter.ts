import { INSTAGRAM_DESCRIPTOR } from './instagram-descriptor';
import { parseScopes } from '../oauth/token-grant';
import { asCodeRejection, badResponse, isRecord } from '../oauth/oauth-errors';
import { buildAuthorizeUrl } from '../oauth/authorize-url';
import { s256Challenge } from '../oauth/pkce';
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
import type { AdapterContext, PlatformAdapter } from './platform-adapter';
import { PlatformError, type HttpFailure } from '../net/platform-error';
import { safeProfile } from './profile-text';
import { relayToken } from './relay';

const AUTHORIZE_URL = 'https://www.instagram.com/oauth/authorize';
const CODE_TOKEN_URL = 'https://api.instagram.com/oauth/access_token';
const GRAPH = 'https://graph.instagram.com';
const NAME = 'Instagram';
const PROFILE_FIELDS =
  'user_id,username,name,account_type,profile_picture_url,followers_count,media_count';
/** Instagram has no revoke endpoint (unconfirmed): where the creator removes access. */
export const INSTAGRAM_REVOKE_WHERE =
  'Instagram → Settings and activity → Website permissions → Apps and websites';
const PROFESSIONAL = new Set(['BUSINESS', 'MEDIA_CREATOR']);

/** Meta errors plus Instagram Login's flat `{error_type, code, error_message}` token answers. */
export function classifyInstagram(failure: HttpFailure, now: number): PlatformError {
  return classifyMeta(failure, now, NAME);
}

/** The code answer arrives as `{"data":[{…}]}` or flat `{…}`; both carry the same fields. */
function shortLivedEntry(body: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(body.data)) {
    const first: unknown = body.data[0];
    if (!isRecord(first)) throw badResponse(NAME, 'an empty token list');
    return first;
  }
  return body;
}

/** Instagram API with Instagram Login: no Facebook Page, long-lived tokens that extend themselves. */
export function createInstagramAdapter(context: AdapterContext): PlatformAdapter {
  const provider = INSTAGRAM_DESCRIPTOR;
  const classify = (failure: HttpFailure) => classifyInstagram(failure, context.now());
  const caller: ApiCaller = { context, platformName: NAME, classify };

  function graphUrl(path: string, query: Record<string, string>): URL {
    const url = new URL(path, GRAPH);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  return {
    provider,
    callbackPath: '/callback',
    requiredScopes: provider.scopes,
    async authorizeUrl(attempt, client) {
      const url = buildAuthorizeUrl(
        { authorizationEndpoint: AUTHORIZE_URL },
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
      // A built-in app's secret stays on the publisher's relay: both calls go there instead.
      const relay = client.relay ?? null;
      const secret = relay ? null : requireSecret(client, NAME);
      let short: Record<string, unknown>;
      try {
        const form = {
          client_id: client.clientId,
          grant_type: 'authorization_code',
          redirect_uri: attempt.redirectUri,
          code,
          code_verifier: attempt.codeVerifier,
        };
        const { body } = relay
          ? await relayToken(caller, relay, 'instagram', form)
          : await requestJson(
              caller,
              CODE_TOKEN_URL,
              { method: 'POST', body: new URLSearchParams({ ...form, client_secret: secret! }) },
              'token',
            );
        short = shortLivedEntry(body);
      } catch (error) {
        throw error instanceof PlatformError ? asCodeRejection(error, NAME) : error;
      }
      const grantedScopes = parseScopes(short.permissions);
      const shortToken = requireString(short, 'access_token', NAME);
      // The short-lived token dies within the hour: swap it now and keep only the long-lived one.
      const sentAt = context.now();
      const { body } = relay
        ? await relayToken(caller, relay, 'instagram', {
            client_id: client.clientId,
            grant_type: 'ig_exchange_token',
            access_token: shortToken,
          })
        : await requestJson(
            caller,
            graphUrl('/access_token', {
              grant_type: 'ig_exchange_token',
              client_secret: secret!,
              access_token: shortToken,
            }),
            {},
            'token',
          );
      return {
        tokens: metaTokenSet(body, sentAt, grantedScopes ?? provider.scopes, NAME),
        grantedScopes,
      };
    },
    async refresh(secrets) {
      // Extends the long-lived token itself; the scheduler keeps to the 24-hour rule.
      const sentAt = context.now();
      const { body } = await requestJson(
        caller,
        graphUrl('/refresh_access_token', {
          grant_type: 'ig_refresh_token',
          access_token: secrets.accessToken,
        }),
        {},
        'token',
      );
      return metaTokenSet(body, sentAt, secrets.scopes, NAME);
    },
    async revoke() {
      return { revoked: false, where: INSTAGRAM_REVOKE_WHERE };
    },
    async profile(accessToken) {
      const { body } = await requestJson(
        caller,
        graphUrl('/me', { fields: PROFILE_FIELDS, access_token: accessToken }),
      );
      const accountType = stringOrNull(body.account_type);
      if (!accountType || !PROFESSIONAL.has(accountType)) {
        throw new PlatformError('account_not_eligible', {
          kind: 'account_problem',
          platformCode: accountType,
          message:
            'This Instagram account is a personal account. Switch it to a professional account (Creator or Business) in the Instagram app under Settings → Account type and tools, then connect again.',
        });
      }
      // user_id is the professional account's id, the same one the Facebook Page path sees.
      const userId = stringOrNull(body.user_id) ?? requireString(body, 'id', NAME);
      const username = stringOrNull(body.username);
      return {
        kind: 'profile',
        profile: safeProfile({
          platform: 'instagram',
          platformUserId: userId,
          displayName: stringOrNull(body.name) ?? username ?? userId,
          handle: username,
          avatarUrl: stringOrNull(body.profile_picture_url),
          followers: countOrNull(body.followers_count),
          accountType,
          channelId: null,
          pageId: null,
        }),
      };
    },
    async probe(accessToken) {
      await requestJson(caller, graphUrl('/me', { fields: 'user_id', access_token: accessToken }));
    },
    classify,
  };
}
