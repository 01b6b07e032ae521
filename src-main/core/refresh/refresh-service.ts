import { statusReason, type AccountStatus } from '../../../src-shared/account';
import { PLATFORMS } from '../../../src-shared/platforms';
import { AppError, isAppError } from '../../../src-shared/errors';
import { providerOfAccount, type ProviderId } from '../../../src-shared/platforms';
import type { Metrics } from '../health/metrics';
import type { Logger } from '../logger';
import type { ClientCredentials, AdapterRegistry } from '../platforms/platform-adapter';
import type { RefreshState } from '../vault/refresh-repo';
import type { TokenSecrets, TokenSet } from '../vault/types';
import type { Vault } from '../vault/vault';
import { decideFailure, ROTATION_LOST_REASON } from './refresh-failure';
import { createRotationStore } from './rotation-store';
import { fingerprint, isRotating, plannedRefreshAt } from './refresh-model';
import type { StatusWriter } from './status-writer';
import type { TokenKeeper } from './token-keeper';

export interface RefreshServiceDeps {
  vault: { require(): Vault };
  adapters: AdapterRegistry;
  credentials: { resolve(provider: ProviderId): ClientCredentials | null };
  metrics: Pick<Metrics, 'recordRefresh'>;
  status: StatusWriter;
  log: Logger;
  now: () => number;
  random?: () => number;
  /** The refresh margin (a setting), in ms. */
  marginMs: () => number;
}

/** Why a refresh is asked for; decides what "fresh enough, skip" means after taking the turn. */
export type RefreshCause =
  /** `answered`: the platform answered (or failed); the scheduler's slot is free again. */
  | { kind: 'due'; answered?: () => void }
  | { kind: 'validity'; ms: number }
  | { kind: 'rejected'; accessToken: string }
  /** Restored from a backup and rejected by the platform: the one allowed attempt. */
  | { kind: 'verify' };

export const providerOf = (state: RefreshState): ProviderId =>
  providerOfAccount(state.platform, state.pageId);

/** An account's status and next planned refresh as a refresh stored them. */
export interface RefreshPlan {
  status: AccountStatus;
  nextRefreshAt: number | null;
}

const DEAD_STATUSES = new Set(['needs_reauth', 'account_problem', 'vault_error']);

/**
 * The TokenKeeper: one refresh per account at a time in this process (single-flight), guarded
 * in the vault by the generation check, with the in-flight marker stored before a rotating
 * platform hears the request and the new pair stored the moment it parses.
 */
export function createRefreshService(deps: RefreshServiceDeps) {
  const random = deps.random ?? Math.random;
  const flights = new Map<string, Promise<TokenSecrets>>();
  /** The plan a stored renewal wrote, by the secrets it handed back (the scheduler's result). */
  const plans = new WeakMap<TokenSecrets, RefreshPlan>();
  const rotations = createRotationStore({ status: deps.status, log: deps.log });

  const planFor = (
    provider: ProviderId,
    secrets: { issuedAt: number; accessExpiresAt: number | null },
    lastRefreshAt: number | null,
  ) =>
    plannedRefreshAt(
      {
        provider,
        issuedAt: secrets.issuedAt,
        accessExpiresAt: secrets.accessExpiresAt,
        lastRefreshAt,
      },
      deps.marginMs(),
      random(),
    );

  const isFresh = (
    cause: RefreshCause,
    secrets: TokenSecrets,
    state: RefreshState,
    now: number,
  ) => {
    switch (cause.kind) {
      case 'due':
        return state.nextRefreshAt !== null && state.nextRefreshAt > now;
      case 'validity':
        return secrets.accessExpiresAt === null || secrets.accessExpiresAt - now >= cause.ms;
      case 'rejected':
        return secrets.accessToken !== cause.accessToken;
      case 'verify':
        return false;
    }
  };

  async function attempt(accountId: string, cause: RefreshCause): Promise<TokenSecrets> {
    const vault = deps.vault.require();
    let state = vault.refresh.state(accountId);
    // Never spend the stored (already spent) refresh token while its successor waits in memory.
    if (rotations.has(accountId)) return rotations.retry(vault, state);
    if (DEAD_STATUSES.has(state.status)) {
      throw new AppError(
        'account_needs_reauth',
        state.statusReason ?? statusReason(state.status, state.platform) ?? undefined,
      );
    }
    const secrets = vault.tokens.readSecrets(accountId);
    const provider = providerOf(state);
    const rotating = isRotating(provider);
    const spending = fingerprint(rotating ? secrets.refreshToken : secrets.accessToken);
    const marker = vault.refresh.marker(accountId);
    // A marker for the token still stored: a crash or timeout left the outcome unknown.
    const labelled =
      (marker !== null && marker.fingerprint === spending) ||
      cause.kind === 'verify' ||
      state.status === 'verify';
    if (marker && !labelled) vault.refresh.clearMarker(accountId);
    const now = deps.now();
    if (!labelled && isFresh(cause, secrets, state, now)) return secrets;
    const client = deps.credentials.resolve(provider);
    const started = deps.now();
    try {
      if (!client) throw new AppError('platform_not_configured');
      const detail = `spending ${rotating ? 'rt' : 'at'} ${spending}${labelled ? ' (labelled attempt after an unknown outcome)' : ''}`;
      // An ordinary renewal is audited by its one renewal (or failure) row; a labelled attempt
      // after an unknown outcome gets its own row.
      const change = {
        status: 'refreshing' as const,
        reason: statusReason('refreshing', state.platform),
        detail,
        routine: !labelled,
      };
      // Persist first: the marker is durable (its group commit returned) before the request.
      const from = await (rotating
        ? vault.refresh.beginFlight(
            accountId,
            { fingerprint: spending, generation: secrets.generation, startedAt: started },
            change,
          )
        : vault.refresh.changeGrouped(accountId, change));
      deps.status.publish(state, from, 'refreshing', change.reason);
      state = { ...state, status: 'refreshing' };
    } catch (error) {
      return failed(vault, state, secrets, error, { started, labelled, rotating });
    }
    let tokens: TokenSet;
    try {
      tokens = await deps.adapters[provider].refresh(secrets, client!);
    } catch (error) {
      return failed(vault, state, secrets, error, { started, labelled, rotating });
    } finally {
      if (cause.kind === 'due') cause.answered?.();
    }
    // Persist first: the parsed answer goes straight to the next group commit, and the new
    // tokens are handed back only once it is durable.
    const next = planFor(provider, tokens, deps.now());
    const result = await rotations.persist(vault, state, secrets, tokens, next);
    const seconds = (deps.now() - started) / 1000;
    deps.metrics.recordRefresh(state.platform, result.saved ? 'success' : 'vault_error', seconds);
    if (result.saved) plans.set(result.secrets, { status: 'healthy', nextRefreshAt: next });
    return result.secrets;
  }

  function failed(
    vault: Vault,
    state: RefreshState,
    secrets: TokenSecrets,
    error: unknown,
    flight: { started: number; labelled: boolean; rotating: boolean },
  ): TokenSecrets {
    const now = deps.now();
    const decision = decideFailure(error, {
      now,
      failures: state.failedAttempts + 1,
      random: random(),
      accessExpiresAt: secrets.accessExpiresAt,
      platform: PLATFORMS[state.platform].displayName,
    });
    deps.metrics.recordRefresh(state.platform, decision.outcome, (now - flight.started) / 1000);
    if (decision.tokenDead) {
      // Only dead if the rejected token is still the stored one; otherwise another refresh won.
      const current = vault.tokens.readSecrets(state.accountId);
      if (current.generation !== secrets.generation) return rotations.adopt(vault, state);
    }
    // A definite answer means the token was not spent; an unknown outcome keeps the marker so the
    // next attempt is the one labelled attempt with a re-read token.
    if (decision.definite || !flight.rotating) vault.refresh.clearMarker(state.accountId);
    const lost = decision.tokenDead && flight.labelled && flight.rotating;
    const reason = lost ? ROTATION_LOST_REASON : decision.reason;
    deps.status.change(vault, state, {
      status: decision.status,
      reason,
      lastError: lost ? 'rotation_lost' : decision.code,
      nextRefreshAt: decision.retryAt,
      failedAttempts: decision.tokenDead ? 0 : state.failedAttempts + 1,
      detail: `${decision.outcome}; rt ${fingerprint(secrets.refreshToken)}${lost ? '; rotation lost' : ''}`,
    });
    if (decision.tokenDead)
      throw new AppError(lost ? 'rotation_lost' : 'account_needs_reauth', reason);
    // A still-valid access token stays in use while refreshing backs off.
    if (secrets.accessExpiresAt === null || secrets.accessExpiresAt > now) return secrets;
    throw isAppError(error) ? error : new AppError('platform_error');
  }

  /** Joins the refresh already running for this account, or starts one. */
  function singleFlight(accountId: string, cause: RefreshCause): Promise<TokenSecrets> {
    const running = flights.get(accountId);
    if (running) return running;
    const flight = attempt(accountId, cause).finally(() => flights.delete(accountId));
    flights.set(accountId, flight);
    return flight;
  }

  const keeper: TokenKeeper = {
    async ensureFresh(accountId, minValiditySeconds) {
      const ms = minValiditySeconds * 1000;
      if (!rotations.has(accountId) && !flights.has(accountId)) {
        const vault = deps.vault.require();
        const secrets = vault.tokens.readSecrets(accountId);
        const now = deps.now();
        const valid = secrets.accessExpiresAt === null || secrets.accessExpiresAt - now >= ms;
        if (valid && !vault.refresh.marker(accountId)) return secrets;
      }
      return singleFlight(accountId, { kind: 'validity', ms });
    },
    afterRejection(accountId, rejectedAccessToken) {
      return singleFlight(accountId, { kind: 'rejected', accessToken: rejectedAccessToken });
    },
  };

  return {
    ...keeper,
    /**
     * The scheduler's call: refreshes when due; never throws (the status says what happened).
     * Resolves with the account's stored plan when this run stored a renewal, else undefined.
     * `answered` is called once the platform answered, before the answer is stored: the next
     * account's in-flight marker can then share the group commit that stores this pair.
     */
    async refreshDue(accountId: string, answered?: () => void): Promise<RefreshPlan | undefined> {
      const cause: RefreshCause = answered ? { kind: 'due', answered } : { kind: 'due' };
      const secrets = await singleFlight(accountId, cause).catch(() => undefined);
      return secrets && plans.get(secrets);
    },
    /** The one attempt a restored rotating account may make after its probe was refused. */
    refreshOnceAfterRestore(accountId: string): Promise<TokenSecrets> {
      return singleFlight(accountId, { kind: 'verify' });
    },
    /** The planned refresh time of an account with no plan yet (connect, restore, migration). */
    plan(vault: Vault, accountId: string): number | null {
      const state = vault.refresh.state(accountId);
      // A crash-left flight and a restored account are looked at at once.
      if (vault.refresh.marker(accountId) || state.status === 'verify') return deps.now();
      const secrets = vault.tokens.readSecrets(accountId);
      return planFor(providerOf(state), secrets, state.lastRefreshAt);
    },
    /** Accounts whose renewed tokens wait in memory for the vault (the loudest alert there is). */
    unsavedIds: rotations.ids,
    /** Resolves when every running refresh has settled (shutdown and tests). */
    settled: () => Promise.allSettled([...flights.values()]).then(() => undefined),
  };
}

export type RefreshService = ReturnType<typeof createRefreshService>;
