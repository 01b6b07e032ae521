import type { AccountStatus, AccountSummary } from '../../../src-shared/account';
import type { CheckResult, CheckStatus } from '../../../src-shared/health';
import { isAppError } from '../../../src-shared/errors';
import type { KeyProtector } from '../host';
import type { SchedulerStatusSource } from './scheduler-status';
import type { VaultGate } from '../vault/vault-gate';
import type { ReachabilityResult } from './reachability';

const iso = (ms: number) => new Date(ms).toISOString();

/** `vault:responseTime`: a `SELECT 1` and its duration. A locked vault waits for its owner; it is not broken. */
export function checkVault(vault: VaultGate, now: number): CheckResult {
  const open = vault.current();
  if (!open) {
    return {
      componentType: 'datastore',
      status: 'warn',
      time: iso(now),
      output: 'The vault is locked and waits for its passphrase.',
    };
  }
  try {
    return {
      componentType: 'datastore',
      status: 'pass',
      observedValue: open.ping(),
      observedUnit: 's',
      time: iso(now),
    };
  } catch (error) {
    return {
      componentType: 'datastore',
      status: 'fail',
      time: iso(now),
      output: isAppError(error) ? error.code : 'vault query failed',
    };
  }
}

/** `keystore:available`: whether the key protector works. */
export async function checkKeystore(
  protector: KeyProtector,
  vault: VaultGate,
  now: number,
): Promise<CheckResult> {
  const available = await protector.isAvailable().catch(() => false);
  const status: CheckStatus = available ? 'pass' : vault.current() ? 'warn' : 'fail';
  return {
    componentType: 'system',
    componentId: protector.kind,
    status,
    observedValue: available,
    time: iso(now),
    ...(available
      ? {}
      : {
          output: vault.current()
            ? 'The system key store is unavailable; the vault is open with its passphrase.'
            : 'No way to unlock the vault key.',
        }),
  };
}

/** Scheduler ticks later than this are a warning; far later means it is stuck. */
const LAG_WARN_MS = 60_000;
const LAG_FAIL_MS = 15 * 60_000;

/** `scheduler:lag`: how late the last tick ran, and when the next refresh is due. */
export function checkScheduler(
  source: SchedulerStatusSource,
  accounts: AccountSummary[] | null,
  now: number,
): CheckResult {
  const status = source.status();
  const expiries = (accounts ?? []).flatMap((account) =>
    account.accessExpiresAt ? [Date.parse(account.accessExpiresAt)] : [],
  );
  // The scheduler's own plan when it runs; otherwise the earliest expiry is when one is due.
  const next = status.nextDueAt ?? (expiries.length > 0 ? Math.min(...expiries) : null);
  const base = {
    componentType: 'component',
    time: iso(now),
    nextRefreshAt: next === null ? null : iso(next),
  };
  if (!status.running) {
    const hasTokens = next !== null;
    return {
      ...base,
      status: hasTokens ? 'warn' : 'pass',
      observedValue: null,
      output: hasTokens
        ? 'Automatic token refresh is not running, so tokens will not be renewed.'
        : 'Nothing to refresh yet.',
    };
  }
  const lag = status.lastTickLagMs ?? 0;
  const level: CheckStatus = lag >= LAG_FAIL_MS ? 'fail' : lag >= LAG_WARN_MS ? 'warn' : 'pass';
  return { ...base, status: level, observedValue: lag / 1000, observedUnit: 's' };
}

/** `<platform>:reachability`: an unreachable platform is a warning (a laptop offline is not a broken app). */
export function reachabilityResult(
  latest: { result: ReachabilityResult; at: number } | null,
  now: number,
): CheckResult {
  if (!latest)
    return { componentType: 'system', status: 'warn', time: iso(now), output: 'No answer yet.' };
  return {
    componentType: 'system',
    status: latest.result.reachable ? 'pass' : 'warn',
    observedValue: latest.result.seconds,
    observedUnit: 's',
    time: iso(latest.at),
    output: latest.result.detail,
  };
}

const ACCOUNT_LEVEL: Record<AccountStatus, CheckStatus> = {
  healthy: 'pass',
  refreshing: 'pass',
  expiring: 'warn',
  rate_limited: 'warn',
  needs_reauth: 'warn',
  account_problem: 'warn',
  verify: 'pass',
  vault_error: 'warn',
};

/**
 * `accounts:status`: counts by status, then one entry per account with opaque ids only: its
 * status and the seconds until its access token expires. Account problems are warnings — the
 * creator must act, but Switchboard itself is fine.
 */
export function checkAccounts(accounts: AccountSummary[] | null, now: number): CheckResult[] {
  if (!accounts)
    return [
      {
        componentType: 'system',
        status: 'warn',
        time: iso(now),
        output: 'Accounts cannot be read: the vault is locked or failing.',
      },
    ];
  const counts: Record<string, number> = {};
  for (const account of accounts) counts[account.status] = (counts[account.status] ?? 0) + 1;
  const perAccount = accounts.map((account): CheckResult => {
    const expiresAt = account.accessExpiresAt ? Date.parse(account.accessExpiresAt) : null;
    const expired = expiresAt !== null && expiresAt <= now;
    return {
      componentId: account.id,
      componentType: account.platform,
      status: expired ? 'warn' : ACCOUNT_LEVEL[account.status],
      observedValue: expiresAt === null ? null : Math.round((expiresAt - now) / 1000),
      observedUnit: 's',
      time: iso(now),
      output: expired ? `${account.status}; access token expired` : account.status,
    };
  });
  const summary: CheckResult = {
    componentType: 'system',
    status: perAccount.some((entry) => entry.status !== 'pass') ? 'warn' : 'pass',
    observedValue: counts,
    time: iso(now),
  };
  return [summary, ...perAccount];
}
