import type { AccountStatus, AccountSummary } from '../../../src-shared/account';
import type { AccountAlert } from '../../../src-shared/alerts';
import type { AccountTransition } from '../refresh/account-transitions';

/** Timers, injected so tests can drive the hold with a fake clock. */
export interface AlertTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: AlertTimers = {
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Passing states that are routine work, not news: entering them never alerts on its own. */
const ROUTINE: ReadonlySet<AccountStatus> = new Set(['refreshing', 'verify']);

interface AccountState {
  /** The status the creator was last told about (or the first one seen). */
  told: AccountStatus;
  /** The latest non-routine status. */
  settled: AccountStatus;
  latest: AccountTransition;
  timer: unknown;
}

/**
 * Turns account transitions into alerts without flapping: a new status must hold for
 * `holdMs` before it alerts; a status that returns to what was last told within the hold says
 * nothing. A recovery is a transition like any other, so it alerts too.
 */
export function createAccountAlerts(options: {
  holdMs: () => number;
  deliver: (alert: AccountAlert) => void;
  timers?: AlertTimers;
}) {
  const timers = options.timers ?? realTimers;
  const states = new Map<string, AccountState>();

  const fire = (state: AccountState) => {
    state.timer = null;
    if (state.settled === state.told) return;
    const { latest } = state;
    const alert: AccountAlert = {
      kind: 'status',
      accountId: latest.accountId,
      platform: latest.platform,
      label: latest.label,
      oldStatus: state.told,
      newStatus: state.settled,
      reason: latest.reason,
      at: new Date(latest.at).toISOString(),
      reauthBy: null,
    };
    state.told = state.settled;
    options.deliver(alert);
  };

  return {
    /** Subscribe this to the transition bus. */
    onTransition(transition: AccountTransition): void {
      let state = states.get(transition.accountId);
      if (!state) {
        state = {
          told: transition.from,
          settled: transition.from,
          latest: transition,
          timer: null,
        };
        states.set(transition.accountId, state);
      }
      // A change this module never heard of (a reconnect stored elsewhere): start from what is
      // true now, so the next change alerts against it.
      if (
        !ROUTINE.has(transition.from) &&
        transition.from !== state.settled &&
        state.timer === null
      )
        state.told = transition.from;
      if (ROUTINE.has(transition.to)) return;
      state.settled = transition.to;
      state.latest = transition;
      if (state.timer !== null) timers.clear(state.timer);
      state.timer = null;
      if (state.settled === state.told) return;
      const hold = options.holdMs();
      if (hold <= 0) fire(state);
      else {
        const current = state;
        state.timer = timers.set(() => fire(current), hold);
      }
    },
    /** A disconnected account: drop what is pending for it. */
    forget(accountId: string): void {
      const state = states.get(accountId);
      if (state?.timer) timers.clear(state.timer);
      states.delete(accountId);
    },
    close(): void {
      for (const state of states.values()) if (state.timer) timers.clear(state.timer);
      states.clear();
    },
  };
}

/**
 * Warns once per forecast: when an account's re-auth moment enters the warning window. A
 * forecast that moves (the account was extended or reconnected) may warn again when it comes near.
 */
export function createReauthWatch(options: {
  now: () => number;
  warningMs: () => number;
  deliver: (alert: AccountAlert) => void;
}) {
  const warned = new Map<string, string>();
  return {
    check(accounts: readonly AccountSummary[]): AccountAlert[] {
      const now = options.now();
      const raised: AccountAlert[] = [];
      const present = new Set<string>();
      for (const account of accounts) {
        present.add(account.id);
        const due = account.reauthBy === null ? null : Date.parse(account.reauthBy);
        if (due === null || account.status === 'needs_reauth') continue;
        if (now < due - options.warningMs() || warned.get(account.id) === account.reauthBy)
          continue;
        warned.set(account.id, account.reauthBy!);
        raised.push({
          kind: 'reauth_due',
          accountId: account.id,
          platform: account.platform,
          label: account.label ?? account.displayName,
          oldStatus: account.status,
          newStatus: account.status,
          reason: account.reauthReason,
          at: new Date(now).toISOString(),
          reauthBy: account.reauthBy,
        });
      }
      for (const id of warned.keys()) if (!present.has(id)) warned.delete(id);
      for (const alert of raised) options.deliver(alert);
      return raised;
    },
  };
}
