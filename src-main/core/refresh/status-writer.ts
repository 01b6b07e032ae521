import type { AccountStatus } from '../../../src-shared/account';
import type { Logger } from '../logger';
import type { RefreshState, StatusChange } from '../vault/refresh-repo';
import type { Vault } from '../vault/vault';
import type { TransitionBus } from './account-transitions';

/**
 * Stores status changes first, then tells the transition bus and the renderer: a listener never
 * hears of a status the vault does not hold.
 */
export function createStatusWriter(deps: {
  bus: TransitionBus;
  now: () => number;
  log: Logger;
  /** Called after any stored status change (the core coalesces these into `accounts.changed`). */
  onChanged: (change: { accountId: string; from: AccountStatus; to: AccountStatus }) => void;
}) {
  const publish = (
    state: RefreshState,
    from: AccountStatus,
    to: AccountStatus,
    reason: string | null,
  ) => {
    if (from === to) return;
    try {
      deps.bus.publish({
        accountId: state.accountId,
        platform: state.platform,
        label: state.label,
        from,
        to,
        reason,
        at: deps.now(),
      });
    } catch (error) {
      // A failing listener (alerts, webhook) never stops refreshing.
      deps.log.error('an account transition listener failed', error);
    }
    deps.onChanged({ accountId: state.accountId, from, to });
  };

  return {
    publish,
    /** Stores the change; returns false when the vault refused (the caller goes on regardless). */
    change(vault: Vault, state: RefreshState, change: StatusChange): boolean {
      try {
        const from = vault.refresh.change(state.accountId, change);
        publish(state, from, change.status, change.reason);
        return true;
      } catch (error) {
        deps.log.error(`storing status ${change.status} for an account failed`, error);
        return false;
      }
    },
  };
}

export type StatusWriter = ReturnType<typeof createStatusWriter>;
