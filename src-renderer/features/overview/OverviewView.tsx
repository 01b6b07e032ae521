import { memo, useEffect } from 'react';
import type { AccountSummary } from '../../../src-shared/account';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { StatusPill } from '../../components/StatusPill';
import { useNavigation } from '../../navigation-store';
import { absoluteTime, relativeTime } from '../../time-words';
import { useNow } from '../../use-now';
import { AccountHeading } from '../accounts/AccountHeading';
import { DueSoon } from '../accounts/DueSoon';
import { accountName } from '../accounts/accounts-store';
import { useAccounts } from '../accounts/use-accounts';
import { useSettings } from '../settings/use-settings';
import { CheckAllButton } from './CheckAllButton';
import { byUrgency, hasForecast, reauthCalendar, summaryLine, URGENCY } from './overview-model';

/** One account's line; memoised, so a list event re-renders only the accounts that changed. */
const OverviewRow = memo(function OverviewRow({
  account,
  openAccount,
}: {
  account: AccountSummary;
  openAccount(accountId: string): void;
}) {
  return (
    <li className={`overview-row urgency-${URGENCY[account.status]}`}>
      <AccountHeading
        account={account}
        className="overview-name"
        name={<strong>{accountName(account)}</strong>}
      />
      <div className="overview-status">
        <StatusPill status={account.status} />
        {URGENCY[account.status] !== 'fine' && account.statusReason ? (
          <span className="muted small">{account.statusReason}</span>
        ) : null}
        <DueSoon account={account} />
      </div>
      <button
        type="button"
        className={URGENCY[account.status] === 'you' ? 'primary' : undefined}
        aria-label={`${URGENCY[account.status] === 'you' ? 'Fix' : 'Details of'} ${accountName(account)}`}
        onClick={() => openAccount(account.id)}
      >
        {URGENCY[account.status] === 'you' ? 'Fix…' : 'Details'}
      </button>
    </li>
  );
});

/** The first screen once accounts exist: one line, what needs the creator, and when. */
export function OverviewView() {
  const { vault, accounts, error, load } = useAccounts();
  const { show, openAccount } = useNavigation();
  const now = useNow();
  const warningDays = useSettings((state) => state.settings?.reauthWarningDays ?? 7);
  const loadSettings = useSettings((state) => state.load);
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!vault)
    return error ? (
      <ErrorNotice message={error.message} code={error.code} />
    ) : (
      <p className="muted">Loading…</p>
    );
  if (vault.state === 'locked')
    return <p className="muted">Unlock the vault to see your accounts.</p>;
  if (accounts.length === 0)
    return (
      <EmptyState title="No accounts connected yet">
        Connect your first account on the Accounts screen.{' '}
        <button type="button" className="primary" onClick={() => show('accounts')}>
          Go to Accounts
        </button>
      </EmptyState>
    );
  const calendar = reauthCalendar(accounts, now, warningDays);
  const forecast = hasForecast(accounts);
  return (
    <>
      <div className="summary-bar">
        <p className="summary-line" data-testid="overview-summary">
          {summaryLine(accounts, { now, warningDays })}
        </p>
        <CheckAllButton />
      </div>
      <section aria-labelledby="overview-accounts">
        <h3 id="overview-accounts">Accounts, most urgent first</h3>
        <ul className="overview-list">
          {byUrgency(accounts).map((account) => (
            <OverviewRow key={account.id} account={account} openAccount={openAccount} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="overview-calendar">
        <h3 id="overview-calendar">Re-auth calendar</h3>
        <p className="muted small">
          {forecast
            ? 'When each account will need you to sign in again, from what each platform allows.'
            : 'The forecast of each platform’s sign-in lifetime is not available from this version of Switchboard yet; listed here is what is certain: accounts that need you now, and access that ends with no renewal planned.'}
        </p>
        {calendar.length === 0 ? (
          <p data-testid="calendar-empty">Nothing needs you: every account renews by itself.</p>
        ) : (
          <ol className="calendar">
            {calendar.map((entry) => (
              <li
                key={entry.account.id}
                className={entry.soon ? 'calendar-entry calendar-soon' : 'calendar-entry'}
              >
                <time dateTime={entry.when} title={absoluteTime(entry.when)}>
                  {Date.parse(entry.when) <= now
                    ? 'Now'
                    : `${entry.soon ? 'Soon: ' : ''}${relativeTime(entry.when, now)} · ${absoluteTime(entry.when)}`}
                </time>
                <strong>{accountName(entry.account)}</strong>
                <span className="muted">{entry.why}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
