import type { Handlers } from './dispatch';
import type { TokenChecks } from './refresh/token-checks';
import type { VaultGate } from './vault/vault-gate';

/** `accounts.check`: a cheap read with each token (one account or all); never spends a rotation. */
export function createRefreshHandlers(services: {
  vault: VaultGate;
  checks: Pick<TokenChecks, 'check' | 'checkAll'>;
}): Pick<Handlers, 'accounts.check'> {
  return {
    'accounts.check': async ({ accountId }) => {
      const accounts = services.vault.require().accounts;
      if (accountId === undefined) {
        await services.checks.checkAll();
        return accounts.list();
      }
      await services.checks.check(accountId);
      const account = accounts.get(accountId);
      return account ? [account] : [];
    },
  };
}
