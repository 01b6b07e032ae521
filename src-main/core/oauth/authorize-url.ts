import type { OAuthServer } from './oauth-client';

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  codeChallenge: string;
  /** Space per RFC 6749; comma for TikTok and Meta. */
  scopeSeparator?: string;
  /** TikTok calls it `client_key`. */
  clientIdParam?: string;
  extra?: Record<string, string>;
}

/** The authorize URL at the real origin (the adapter passes it through the origin table). */
export function buildAuthorizeUrl(
  server: Pick<OAuthServer, 'authorizationEndpoint'>,
  params: AuthorizeParams,
): URL {
  const url = new URL(server.authorizationEndpoint);
  const query = url.searchParams;
  query.set('response_type', 'code');
  query.set(params.clientIdParam ?? 'client_id', params.clientId);
  query.set('redirect_uri', params.redirectUri);
  query.set('scope', params.scopes.join(params.scopeSeparator ?? ' '));
  query.set('state', params.state);
  query.set('code_challenge', params.codeChallenge);
  query.set('code_challenge_method', 'S256');
  for (const [name, value] of Object.entries(params.extra ?? {})) query.set(name, value);
  return url;
}
