import type { AccountSummary } from '../../../src-shared/account';
import { AppError, type ErrorCode } from '../../../src-shared/errors';
import type { ConnectOutcome } from '../health/metrics';
import { PROVIDERS, type ProviderId } from '../../../src-shared/platforms';
import { scopeList } from '../../../src-shared/scope-words';
import type { Logger } from '../logger';
import { withTimeout } from '../with-timeout';
import { DESCRIPTORS } from '../platforms/descriptors';
import type { ClientCredentials, PageChoice, PlatformAdapter } from '../platforms/platform-adapter';
import type { CallbackPage } from './callback-page';
import type { VaultGate } from '../vault/vault-gate';
import type { ConnectedProfile, TokenSet } from '../vault/types';
import type { Vault } from '../vault/vault';
import type { ConnectRun } from './connect-session';

/** How long a clean-up revoke may take before the tokens are forgotten anyway. */
const DISCARD_REVOKE_MS = 10_000;

/**
 * The last step of a connect: the account row (new, or the same row on reconnect) takes the
 * pending tokens in one transaction; the tier limit is checked inside it.
 */
export async function finishConnect(
  run: ConnectRun,
  profile: ConnectedProfile,
  vault: Vault,
): Promise<AccountSummary> {
  if (!run.pending) throw new AppError('internal');
  if (run.reconnectAccountId) {
    const expected = vault.accounts.platformUserId(run.reconnectAccountId);
    if (expected === null) throw new AppError('account_not_found');
    if (expected !== profile.platformUserId) throw new AppError('reconnect_wrong_account');
  }
  return vault.accounts.saveConnection(profile, run.pending.tokens, undefined, run.pending.id);
}

/**
 * Tokens that will not become an account are revoked at the platform (bounded in time) and
 * removed from the vault whatever the platform answered: never left valid and unknown.
 */
export async function discardTokens(
  adapter: PlatformAdapter,
  client: ClientCredentials,
  pending: { id: string; tokens: TokenSet },
  vault: VaultGate,
  log: Logger,
): Promise<void> {
  const { tokens } = pending;
  const revoke = adapter.revoke(
    {
      accountId: pending.id,
      platform: PROVIDERS[adapter.provider.id].platform,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken ?? null,
      scopes: [...tokens.scopes],
      issuedAt: tokens.issuedAt,
      accessExpiresAt: tokens.accessExpiresAt,
      refreshExpiresAt: tokens.refreshExpiresAt ?? null,
      generation: 0,
    },
    client,
  );
  try {
    await withTimeout(revoke, DISCARD_REVOKE_MS, 'platform_unreachable', 'revoke timed out');
  } catch (error) {
    log.warn(
      `could not revoke the tokens of an unfinished ${adapter.provider.displayName} sign-in: ${error instanceof AppError ? error.code : (error as Error).message}`,
    );
  } finally {
    vault.current()?.pending.remove(pending.id);
  }
}

/** The Facebook path's second step: the Instagram account of the Page the creator chose. */
export function pageProfileOf(
  adapter: PlatformAdapter,
  accessToken: string,
  page: PageChoice,
  run: ConnectRun,
) {
  if (!adapter.pageProfile) throw new AppError('internal');
  return adapter.pageProfile(accessToken, page, run.client);
}

/** A missing required scope refuses the connect and names what is missing. */
export function checkScopes(adapter: PlatformAdapter, granted: string[] | null): void {
  if (granted === null) return;
  const missing = adapter.requiredScopes.filter((scope) => !granted.includes(scope));
  if (missing.length === 0) return;
  throw new AppError(
    'oauth_scope_missing',
    // By their plain names: a scope URL or `public_profile` means nothing to a creator.
    `Switchboard needs permission to ${missing.length === 1 ? 'do this' : 'do these'}, which the sign-in did not allow: ${scopeList(missing)}. Connect again and allow ${missing.length === 1 ? 'it' : 'them'}.`,
  );
}

/** The redirect's `error`, as a coded error with the platform's own words. */
export function callbackError(error: string, description: string | null): AppError {
  // The platform's own words, shown plainly (the page and the UI escape them).
  const detail = description ? ` The platform said: “${description.slice(0, 300)}”` : '';
  if (error === 'access_denied')
    return new AppError(
      'oauth_denied',
      `The sign-in was declined in the browser; nothing was connected.${detail}`,
    );
  return new AppError(
    'platform_error',
    `The platform ended the sign-in with “${error.slice(0, 100)}”.${detail}`,
  );
}

export function successPage(run: ConnectRun): CallbackPage {
  const name = run.account?.displayName ?? 'Your account';
  return {
    status: 200,
    ok: true,
    title: `${PROVIDERS[run.provider].displayName} connected`,
    message: `${name} is connected to Switchboard. You can close this tab and go back to the app.`,
  };
}

export function failurePage(run: ConnectRun): CallbackPage {
  return {
    status: 200,
    ok: false,
    title: run.stage === 'cancelled' ? 'Sign-in cancelled' : 'Not connected',
    message: `${run.error?.message ?? 'The sign-in did not finish.'} Go back to Switchboard to try again.`,
  };
}

/** A reconnect must name an existing account connected the same way. */
export function checkReconnectTarget(
  vault: Vault,
  provider: ProviderId,
  accountId: string | undefined,
): void {
  if (accountId === undefined) return;
  const existing = vault.accounts.get(accountId);
  if (!existing) throw new AppError('account_not_found');
  if (existing.provider !== provider)
    throw new AppError(
      'invalid_input',
      `That account was connected as ${PROVIDERS[existing.provider].displayName}; reconnect it the same way.`,
    );
}

/** Credentials a sign-in can use, or a refusal that says what to add and where. */
export function usableCredentials(
  credentials: ClientCredentials | null,
  provider: ProviderId,
): ClientCredentials {
  const info = DESCRIPTORS[provider];
  if (!credentials)
    throw new AppError(
      'platform_not_configured',
      `${info.displayName} has no developer-app credentials yet; add its client id${info.needsSecret ? ' and secret' : ''} in Settings → Platforms.`,
    );
  // A built-in Meta or TikTok app has no secret here: its relay holds it.
  if (info.needsSecret && !credentials.clientSecret && !credentials.relay)
    throw new AppError(
      'platform_not_configured',
      `${info.displayName} needs the developer app's client secret as well; add it in Settings → Platforms.`,
    );
  return credentials;
}

const OUTCOME_BY_CODE: Partial<Record<ErrorCode, ConnectOutcome>> = {
  oauth_denied: 'denied',
  account_not_eligible: 'not_eligible',
  account_suspended: 'not_eligible',
  no_linked_instagram: 'not_eligible',
  oauth_scope_missing: 'not_eligible',
  tier_limit_reached: 'tier_limit',
  oauth_cancelled: 'cancelled',
};

/** The `switchboard_oauth_connect_total` outcome of a failed sign-in. */
export function connectOutcome(code: ErrorCode): ConnectOutcome {
  return OUTCOME_BY_CODE[code] ?? 'error';
}
