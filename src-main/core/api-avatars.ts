import { AppError } from '../../src-shared/errors';
import type { AvatarCache } from './avatars/avatar-cache';
import type { Handlers } from './dispatch';
import type { EventBus } from './event-bus';
import type { VaultGate } from './vault/vault-gate';

/**
 * `accounts.avatar`, and the cache's clean-up: whenever the accounts change (a disconnect, a
 * restored backup), pictures of accounts that are gone are deleted. Returns the unsubscribe.
 */
export function createAvatarHandlers(deps: {
  vault: VaultGate;
  cache: AvatarCache;
  events: EventBus;
}): { handlers: Pick<Handlers, 'accounts.avatar'>; follow(): () => void } {
  return {
    handlers: {
      'accounts.avatar': async ({ accountId }) => {
        const source = deps.vault.require().accounts.avatarSource(accountId);
        if (!source) throw new AppError('account_not_found');
        return { dataUrl: await deps.cache.get({ accountId, ...source }) };
      },
    },
    follow: () => {
      const prune = () => {
        const open = deps.vault.current();
        // Every workspace's accounts: a picture is only gone when its account is.
        if (open) deps.cache.prune(new Set(open.accounts.listAll().map((account) => account.id)));
      };
      // Once at start too: an account removed by an older version left its picture behind.
      prune();
      return deps.events.subscribe((message) => {
        if (message.event === 'accounts.changed') prune();
      });
    },
  };
}
