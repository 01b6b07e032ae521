import { AppError, isAppError } from '../../../src-shared/errors';
import { PLATFORMS, type ProviderId } from '../../../src-shared/platforms';
import type { Logger } from '../logger';
import type { AdapterRegistry, ClientCredentials } from '../platforms/platform-adapter';
import { isPlatformError } from '../net/platform-error';
import type { RefreshState } from '../vault/refresh-repo';
import type { TokenSecrets } from '../vault/types';
import type { Vault } from '../vault/vault';
import { providerOf, type RefreshService } from './refresh-service';
import type { StatusWriter } from './status-writer';

const SKIPPED = new Set(['needs_reauth', 'vault_error']);
/** Statuses a good probe clears: the platform just showed the account works. */
const CLEARED_BY_PROBE = new Set(['verify', 'account_problem']);
const rejectedFresh = (platform: string) =>
  `${platform} refuses even a freshly renewed token — reconnect the account to grant access again.`;

/**
 * Token health checks: a cheap read with the current access token that never spends a rotation.
 * A 401 on a token that is valid by its expiry triggers one single-flight refresh, then a verdict.
 * A restored rotating account (`verify`) is probed once and refreshed at most once.
 */
export function createTokenChecks(deps: {
  vault: { require(): Vault };
  adapters: AdapterRegistry;
  credentials: { resolve(provider: ProviderId): ClientCredentials | null };
  keeper: Pick<RefreshService, 'ensureFresh' | 'afterRejection' | 'refreshOnceAfterRestore'>;
  status: StatusWriter;
  log: Logger;
  now: () => number;
}) {
  const probe = (provider: ProviderId, secrets: TokenSecrets, client: ClientCredentials) =>
    deps.adapters[provider].probe(secrets.accessToken, client);

  /** Stores the verdict of a probe that failed for a reason other than the token. */
  function verdict(vault: Vault, state: RefreshState, error: unknown): void {
    if (isPlatformError(error) && error.kind === 'account_problem') {
      deps.status.change(vault, state, {
        status: 'account_problem',
        reason: error.message,
        lastError: error.code,
        nextRefreshAt: null,
        detail: `check: ${error.code}`,
      });
      return;
    }
    // Network, 5xx, 429, permissions: the token is not to blame; note it, change nothing else.
    const code = isAppError(error) ? error.code : 'internal';
    if (!isAppError(error)) deps.log.error('a token check failed unexpectedly', error);
    deps.status.change(vault, state, {
      status: state.status,
      reason: state.statusReason,
      lastError: code,
    });
  }

  async function checkOne(accountId: string): Promise<void> {
    const vault = deps.vault.require();
    const state = vault.refresh.state(accountId);
    if (SKIPPED.has(state.status)) return;
    const provider = providerOf(state);
    const client = deps.credentials.resolve(provider);
    if (!client) return verdict(vault, state, new AppError('platform_not_configured'));
    let secrets = vault.tokens.readSecrets(accountId);
    try {
      // A token expired by its own clock is renewed first (single-flight), never probed.
      if (secrets.accessExpiresAt !== null && secrets.accessExpiresAt <= deps.now())
        secrets = await deps.keeper.ensureFresh(accountId, 60, 'check: expired');
      try {
        await probe(provider, secrets, client);
      } catch (error) {
        if (!isPlatformError(error) || error.kind !== 'needs_reauth') throw error;
        // Refused although valid by its expiry: one refresh (the restore's only one), then judge.
        secrets =
          state.status === 'verify'
            ? await deps.keeper.refreshOnceAfterRestore(accountId)
            : await deps.keeper.afterRejection(accountId, secrets.accessToken, 'check: 401');
        try {
          await probe(provider, secrets, client);
        } catch (again) {
          if (!isPlatformError(again) || again.kind !== 'needs_reauth') throw again;
          deps.status.change(vault, vault.refresh.state(accountId), {
            status: 'needs_reauth',
            reason: rejectedFresh(PLATFORMS[state.platform].displayName),
            lastError: again.code,
            nextRefreshAt: null,
            detail: 'check: fresh token rejected',
          });
          return;
        }
      }
      const now = vault.refresh.state(accountId);
      if (CLEARED_BY_PROBE.has(now.status)) {
        deps.status.change(vault, now, {
          status: 'healthy',
          reason: null,
          lastError: null,
          // A verified restore is planned afresh from its tokens.
          nextRefreshAt: null,
          detail: 'check: ok',
        });
      }
    } catch (error) {
      // The refresh already stored its own verdict (needs_reauth, backoff…).
      if (!(isAppError(error) && ['account_needs_reauth', 'rotation_lost'].includes(error.code)))
        verdict(vault, vault.refresh.state(accountId), error);
    } finally {
      vault.refresh.markChecked(accountId, deps.now());
    }
  }

  return {
    /** Checks one account; the result is in its status and last-check time. */
    check: checkOne,
    /** Checks every account, a few at a time. */
    async checkAll(concurrency = 4): Promise<void> {
      const queue = deps.vault.require().refresh.ids();
      const worker = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          await checkOne(id).catch((error: unknown) =>
            deps.log.error('an account check failed', error),
          );
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    },
  };
}

export type TokenChecks = ReturnType<typeof createTokenChecks>;
