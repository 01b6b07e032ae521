import type { TokenSecrets } from '../vault/types';

/**
 * What every user of an account's tokens goes through (scheduler, "check now", the UI, the local
 * token API and proxy): one refresh per account at a time in this process, guarded by the vault's
 * generation check, persisted before use. Implemented by the refresh service.
 */
export interface TokenKeeper {
  /**
   * The account's secrets with an access token valid for at least `minValiditySeconds`,
   * refreshing first (single-flight) when it would expire sooner. Throws AppError with the
   * account's problem (`needs_reauth`-like codes, `vault_locked`, `platform_*`) when it cannot.
   */
  ensureFresh(accountId: string, minValiditySeconds: number, reason: string): Promise<TokenSecrets>;
  /**
   * The platform refused `rejectedAccessToken` although it looked valid (a 401): one
   * single-flight refresh unless another caller already replaced that token, then the secrets.
   */
  afterRejection(
    accountId: string,
    rejectedAccessToken: string,
    reason: string,
  ): Promise<TokenSecrets>;
}
