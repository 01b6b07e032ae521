import type { AccountStatus } from '../../../src-shared/account';
import type { PlatformId } from '../../../src-shared/platforms';

/** One account moving between statuses, as alerts, webhooks and the audit trail hear it. */
export interface AccountTransition {
  accountId: string;
  platform: PlatformId;
  /** The creator's label, else the display name (never a token). */
  label: string;
  from: AccountStatus;
  to: AccountStatus;
  /** A sentence the creator can act on, or null. */
  reason: string | null;
  /** Epoch ms. */
  at: number;
}

export type TransitionListener = (transition: AccountTransition) => void;

/**
 * The one path for account status changes: whatever changes a status (refresh, checks, connect)
 * publishes here after it is stored; alerts, the webhook and the renderer listen.
 */
export interface TransitionBus {
  /** Tells every listener, unless the status did not change. */
  publish(transition: AccountTransition): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: TransitionListener): () => void;
}

export function createTransitionBus(): TransitionBus {
  const listeners = new Set<TransitionListener>();
  return {
    publish(transition: AccountTransition): void {
      if (transition.from === transition.to) return;
      for (const listener of listeners) listener(transition);
    },
    subscribe(listener: TransitionListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
