import { randomBytes } from 'node:crypto';
import { consentPage, errorPage } from './fake-consent-page';
import { htmlReply, redirectReply, type FakeRequest, type Reply } from './fake-http';
import type { FakeContext } from './fake-oauth-server';
import { randomToken } from './fake-tokens';
import type { FakeClient, FakeUser } from './fake-users';

/** A sign-in between the consent page and the decision. */
export interface PendingAuthorization {
  id: string;
  clientId: string;
  redirectUri: string;
  state: string;
  requested: string[];
  challenge: string | null;
  challengeMethod: string | null;
  extra: Record<string, string>;
}

/** How a platform's authorize endpoint checks its query and shapes its redirect. */
export interface AuthorizeSpec {
  /** Shown as `Sign in to <title> (simulated)`. */
  title: string;
  clientParam: 'client_id' | 'client_key';
  scopeSeparator: ' ' | ',';
  knownScopes?: readonly string[];
  pkce: 'required' | 'optional' | 'none';
  maxStateLength?: number;
  redirectAllowed(client: FakeClient, uri: string): boolean;
  /** Further checks on the query: an error sentence, or null. */
  validate?(query: URLSearchParams): string | null;
  /** Requested scopes the user may untick on the consent page. */
  optionalScopes?(requested: string[]): string[];
  /** Facts remembered with the code (Google: whether offline access was asked). */
  extra?(query: URLSearchParams): Record<string, string>;
  /** Granted scopes after the platform's own rules (X: users.read needs tweet.read). */
  adjustGranted?(granted: string[]): string[];
  /** Redirect parameters after Allow (default `code` and `state`). */
  allowParams?(
    code: string,
    pending: PendingAuthorization,
    granted: string[],
  ): Record<string, string>;
  denyParams(
    pending: PendingAuthorization,
    reason: 'denied' | 'ineligible',
  ): Record<string, string>;
  ineligible?(user: FakeUser): boolean;
  /** Appended to the redirect Location (Instagram `#_`). */
  fragment?: string;
  /** The code's text (TikTok's contain characters that must be URL-decoded). */
  newCode?(): string;
}

const PENDING_LIMIT = 500;

function redirectWith(uri: string, params: Record<string, string>, fragment = ''): Reply {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return redirectReply(`${url.href}${fragment}`);
}

/** The authorize endpoint: GET checks the query and shows consent, POST takes the decision. */
export function createAuthorizer(spec: AuthorizeSpec, context: FakeContext) {
  const pending = new Map<string, PendingAuthorization>();
  const fail = (message: string) => htmlReply(400, errorPage(spec.title, message));

  function show(request: FakeRequest): Reply {
    const query = request.query;
    const clientId = query.get(spec.clientParam);
    const client = context.client(clientId);
    if (!client) return fail(`Unknown ${spec.clientParam}: the app is not registered.`);
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!spec.redirectAllowed(client, redirectUri))
      return fail(
        `redirect_uri mismatch: ${redirectUri || '(none)'} is not registered for this app.`,
      );
    if (query.get('response_type') !== 'code') return fail('response_type must be "code".');
    const scopeText = query.get('scope') ?? '';
    const wrongSeparator = spec.scopeSeparator === ',' ? /\s/ : /,/;
    if (!scopeText.trim()) return fail('scope is missing.');
    if (wrongSeparator.test(scopeText.trim()))
      return fail(
        `Invalid scope: separate scopes with ${spec.scopeSeparator === ',' ? 'commas' : 'spaces'}.`,
      );
    const requested = scopeText.split(spec.scopeSeparator).filter(Boolean);
    const unknown = requested.filter(
      (scope) => spec.knownScopes && !spec.knownScopes.includes(scope),
    );
    if (unknown.length) return fail(`Invalid scope: ${unknown.join(', ')}.`);
    const state = query.get('state');
    if (!state) return fail('state is missing.');
    if (spec.maxStateLength && state.length > spec.maxStateLength)
      return fail(`state is longer than ${spec.maxStateLength} characters.`);
    const challenge = query.get('code_challenge');
    const challengeMethod = query.get('code_challenge_method');
    if (spec.pkce === 'required' || challenge) {
      if (!challenge) return fail('code_challenge is missing.');
      if (challengeMethod !== 'S256') return fail('code_challenge_method must be S256.');
      if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(challenge))
        return fail('code_challenge is malformed.');
    }
    const problem = spec.validate?.(query);
    if (problem) return fail(problem);
    const id = randomBytes(12).toString('base64url');
    if (pending.size >= PENDING_LIMIT) pending.delete(pending.keys().next().value as string);
    const extra = spec.extra?.(query) ?? {};
    pending.set(id, {
      id,
      clientId: client.clientId,
      redirectUri,
      state,
      requested,
      challenge,
      challengeMethod,
      extra,
    });
    const optional = spec.optionalScopes?.(requested) ?? [];
    return htmlReply(
      200,
      consentPage({
        platform: spec.title,
        action: request.path,
        requestId: id,
        clientId: client.clientId,
        users: context.users,
        fixedScopes: requested.filter((scope) => !optional.includes(scope)),
        optionalScopes: optional,
      }),
    );
  }

  function decide(request: FakeRequest): Reply {
    const form = request.form;
    const entry = pending.get(form.get('request_id') ?? '');
    if (!entry)
      return fail(
        'This sign-in request expired or was already answered. Start again from the app.',
      );
    pending.delete(entry.id);
    const user = context.user(form.get('user') ?? '');
    if (!user) return fail('Choose an account.');
    const fragment = spec.fragment ?? '';
    if (form.get('decision') !== 'allow')
      return redirectWith(entry.redirectUri, spec.denyParams(entry, 'denied'), fragment);
    if (spec.ineligible?.(user))
      return redirectWith(entry.redirectUri, spec.denyParams(entry, 'ineligible'), fragment);
    const optional = spec.optionalScopes?.(entry.requested) ?? [];
    const ticked = form.getAll('scope');
    let granted = entry.requested.filter(
      (scope) => !optional.includes(scope) || ticked.includes(scope),
    );
    granted = spec.adjustGranted?.(granted) ?? granted;
    const declined = entry.requested.filter((scope) => !granted.includes(scope));
    const code = context.codes.issue(
      {
        clientId: entry.clientId,
        redirectUri: entry.redirectUri,
        userId: user.id,
        granted,
        declined,
        challenge: entry.challenge,
        challengeMethod: entry.challengeMethod,
        extra: entry.extra,
      },
      spec.newCode?.() ?? randomToken('', 30),
    );
    const params = spec.allowParams?.(code, entry, granted) ?? { code, state: entry.state };
    return redirectWith(entry.redirectUri, params, fragment);
  }

  return (request: FakeRequest): Reply => {
    if (request.method === 'GET') return show(request);
    if (request.method === 'POST') return decide(request);
    return fail('Method not allowed.');
  };
}
