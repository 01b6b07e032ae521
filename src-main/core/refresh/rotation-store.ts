import { AppError, isAppError } from '../../../src-shared/errors';
import type { Logger } from '../logger';
import type { RefreshState } from '../vault/refresh-repo';
import type { TokenSecrets, TokenSet } from '../vault/types';
import type { Vault } from '../vault/vault';
import { fingerprint } from './refresh-model';
import type { StatusWriter } from './status-writer';

/** A rotated pair the vault refused to store: kept here, retried, handed out meanwhile. */
interface Unsaved {
  tokens: TokenSet;
  generation: number;
  nextRefreshAt: number | null;
}

/**
 * Stores what a platform answered the moment it parses: pair, plan and status in one
 * transaction that refuses a stale generation. When the vault cannot take it (disk full,
 * locked) the pair stays in memory — the loudest alert there is — and is retried.
 */
export function createRotationStore(deps: { status: StatusWriter; log: Logger }) {
  const unsaved = new Map<string, Unsaved>();

  const fromUnsaved = (base: TokenSecrets, kept: Unsaved): TokenSecrets => ({
    ...base,
    accessToken: kept.tokens.accessToken,
    refreshToken: kept.tokens.refreshToken || base.refreshToken,
    issuedAt: kept.tokens.issuedAt,
    accessExpiresAt: kept.tokens.accessExpiresAt,
  });

  /** Another writer stored a newer generation first (a race, a reconnect): use theirs. */
  function adopt(vault: Vault, state: RefreshState): TokenSecrets {
    unsaved.delete(state.accountId);
    vault.refresh.clearMarker(state.accountId);
    const current = vault.refresh.state(state.accountId);
    if (current.status === 'refreshing')
      deps.status.change(vault, current, { status: 'healthy', reason: null, detail: 'adopted' });
    return vault.tokens.readSecrets(state.accountId);
  }

  async function persist(
    vault: Vault,
    state: RefreshState,
    old: TokenSecrets,
    tokens: TokenSet,
    next: number | null,
  ): Promise<{ secrets: TokenSecrets; saved: boolean }> {
    const detail = `rt ${fingerprint(old.refreshToken)} → ${fingerprint(tokens.refreshToken || old.refreshToken)}`;
    let from: RefreshState['status'];
    try {
      // Resolves only once the group commit holding the pair is durable: nothing before that
      // uses, returns or announces the new tokens.
      from = await vault.refresh.storeRefreshed(state.accountId, tokens, old.generation, {
        status: 'healthy',
        reason: null,
        nextRefreshAt: next,
        detail,
        routine: true,
      });
    } catch (error) {
      if (isAppError(error) && error.code === 'tokens_changed')
        return { secrets: adopt(vault, state), saved: true };
      const kept = { tokens, generation: old.generation, nextRefreshAt: next };
      unsaved.set(state.accountId, kept);
      deps.log.error(
        `a renewed ${state.platform} token could not be saved; kept in memory and retried (${detail})`,
        error,
      );
      const reason = new AppError('refresh_not_saved').message;
      deps.status.publish(state, state.status, 'vault_error', reason);
      return { secrets: fromUnsaved(old, kept), saved: false };
    }
    // Stored and durable. Reading it back can still fail (the vault locked while the pair
    // waited in the commit queue: closing committed it): the pair as stored is known here.
    unsaved.delete(state.accountId);
    deps.status.publish(state, from, 'healthy', null);
    return { secrets: readBack(vault, old, tokens), saved: true };
  }

  /** What the vault now holds: read back, or (vault closed meanwhile) as the store wrote it. */
  function readBack(vault: Vault, old: TokenSecrets, tokens: TokenSet): TokenSecrets {
    try {
      return vault.tokens.readSecrets(old.accountId);
    } catch {
      return {
        ...fromUnsaved(old, { tokens, generation: old.generation, nextRefreshAt: null }),
        scopes: [...tokens.scopes],
        refreshExpiresAt: tokens.refreshToken
          ? (tokens.refreshExpiresAt ?? null)
          : (tokens.refreshExpiresAt ?? old.refreshExpiresAt),
        generation: old.generation + 1,
      };
    }
  }

  return {
    persist,
    adopt,
    has: (accountId: string) => unsaved.has(accountId),
    /** Retries storing an unsaved pair; returns what the caller may use meanwhile. */
    async retry(vault: Vault, state: RefreshState): Promise<TokenSecrets> {
      const kept = unsaved.get(state.accountId)!;
      const stored = vault.tokens.readSecrets(state.accountId);
      if (stored.generation !== kept.generation) return adopt(vault, state);
      const unsavedState = { ...state, status: 'vault_error' as const };
      return (await persist(vault, unsavedState, stored, kept.tokens, kept.nextRefreshAt)).secrets;
    },
    ids: (): string[] => [...unsaved.keys()],
  };
}
