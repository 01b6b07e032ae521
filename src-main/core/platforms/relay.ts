import type { ProviderId } from '../../../src-shared/platforms';
import { isRecord } from '../oauth/oauth-errors';
import { resetFromHeaders } from '../net/platform-http';
import { PlatformError, type HttpFailure } from '../net/platform-error';
import { requestJson, type ApiCaller, type JsonAnswer } from './adapter-kit';
import type { ClientCredentials } from './platform-adapter';

/**
 * The publisher's relay (relay/README.md), seen from the desktop. Only Meta (both Instagram
 * paths) and TikTok need one: their token calls need an app secret a published build must not
 * carry, and a live Meta app redirects only to https. Google's Desktop secret may be built in and
 * X's native app is public, so they never go through a relay.
 *
 * - `token_and_callback`: token calls go to `/token/{provider}` and the platform redirects to the
 *   relay's `/callback/{provider}`, which forwards the browser to the loopback listener.
 * - `token`: TikTok accepts a loopback redirect; only its token, refresh and revoke calls go
 *   through the relay.
 */
export const RELAY_USE: Partial<Record<ProviderId, 'token' | 'token_and_callback'>> = {
  instagram: 'token_and_callback',
  facebook: 'token_and_callback',
  tiktok: 'token',
};

/** Whether a provider may use a relay at all (the others ignore one named in a build). */
export function mayUseRelay(provider: ProviderId): boolean {
  return RELAY_USE[provider] !== undefined;
}

/** Whether the platform redirects to the relay (Meta) rather than to the loopback listener. */
export function redirectsThroughRelay(provider: ProviderId, relay: string | null | undefined) {
  return !!relay && RELAY_USE[provider] === 'token_and_callback';
}

/**
 * A relay URL a desktop may use: an https origin, or plain http on 127.0.0.1 (a relay on this
 * machine: demo mode, a self-hoster trying one out). Null for anything else.
 */
export function parseRelayUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const loopback = url.protocol === 'http:' && url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !loopback) return null;
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== '/' && url.pathname !== '') return null;
  return url.origin;
}

/** Where the desktop sends a provider's token calls (passed through the origin table like any URL). */
export function relayTokenUrl(relay: string, provider: ProviderId): string {
  return `${relay}/token/${provider}`;
}

/** The https redirect URI the publisher registered at Meta. */
export function relayCallbackUrl(relay: string, provider: ProviderId): string {
  return `${relay}/callback/${provider}`;
}

/** The relay's host, for the words Settings → Platforms shows ("through relay.example"). */
export function relayHost(relay: string): string {
  return new URL(relay).host;
}

/** The relay's own refusals (relay/README.md), as opposed to the platform's answers it passes on. */
const RELAY_RETRY = new Set([
  'upstream_unreachable',
  'upstream_timeout',
  'upstream_unreadable',
  'relay_not_configured',
  'relay_misconfigured',
  'relay_error',
]);
const RELAY_REFUSED = new Set([
  'unknown_provider',
  'unsupported_grant_type',
  'parameter_missing',
  'secret_not_accepted',
  'graph_version_invalid',
  'client_mismatch',
  'body_too_large',
  'form_expected',
  'not_found',
]);

/**
 * A refusal made by the relay itself (`{"ok":false,"error":{"code"}}`), classified so a creator
 * reads what happened; null when the answer is the platform's own (the adapter classifies it).
 */
export function classifyRelayRefusal(failure: HttpFailure, now: number): PlatformError | null {
  const body = failure.body;
  if (!isRecord(body) || body.ok !== false || !isRecord(body.error)) return null;
  const code = body.error.code;
  if (typeof code !== 'string') return null;
  const base = { status: failure.status, platformCode: `relay:${code}` };
  if (code === 'rate_limited')
    return new PlatformError('platform_rate_limited', {
      ...base,
      kind: 'rate_limited',
      resetAt: resetFromHeaders(failure.headers, now),
      message: 'The sign-in relay asked Switchboard to slow down; it tries again shortly.',
    });
  if (RELAY_RETRY.has(code))
    return new PlatformError('platform_unreachable', {
      ...base,
      kind: 'retry',
      message:
        'The sign-in relay could not complete this call with the platform just now; try again in a few minutes.',
    });
  if (RELAY_REFUSED.has(code))
    return new PlatformError('platform_bad_credentials', {
      ...base,
      kind: 'bad_configuration',
      message: `The sign-in relay refused this call: this build's relay and client id do not match. Enter your own developer app in Settings → Platforms, or ask the publisher.`,
    });
  return null;
}

/** An adapter's classifier with the relay's own refusals read first. */
export function withRelayRefusals(
  classify: (failure: HttpFailure) => PlatformError,
  now: () => number,
): (failure: HttpFailure) => PlatformError {
  return (failure) => classifyRelayRefusal(failure, now()) ?? classify(failure);
}

/** What Settings → Platforms adds for a provider: the relay's host when its calls go through one. */
export function relayStatus(credentials: ClientCredentials | null): { relayHost: string | null } {
  return { relayHost: credentials?.relay ? relayHost(credentials.relay) : null };
}

/** Plain words for a provider signing in through the publisher's relay (null otherwise). */
export function relayHint(credentials: ClientCredentials | null): string | null {
  if (!credentials?.relay) return null;
  return `Signs in with the app built into this copy of Switchboard; its secret stays on the publisher's relay at ${relayHost(credentials.relay)}, which sees sign-in codes and tokens in passing and stores nothing. To use no relay, enter your own developer app below.`;
}

/**
 * One token call through the relay: `POST {relay}/token/{provider}` with the form the relay
 * documents and no secret. The answer is the platform's own, read as the adapter reads the
 * platform; a refusal by the relay itself is classified first.
 */
export function relayToken(
  caller: ApiCaller,
  relay: string,
  provider: ProviderId,
  form: Record<string, string>,
): Promise<JsonAnswer> {
  const now = () => caller.context.now();
  return requestJson(
    { ...caller, classify: withRelayRefusals(caller.classify, now) },
    relayTokenUrl(relay, provider),
    { method: 'POST', body: new URLSearchParams(form) },
    'token',
  );
}
