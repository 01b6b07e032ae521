import { memo, useEffect, useMemo, useState } from 'react';
import type { AccountSummary } from '../../../src-shared/account';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { StatusPill } from '../../components/StatusPill';
import { isLongList, WindowedList, type RowSlot } from '../../components/WindowedList';
import { useNavigation } from '../../navigation-store';
import { absoluteTime, relativeTime } from '../../time-words';
import { useNow } from '../../use-now';
import { AccountHeading } from '../accounts/AccountHeading';
import { AccountFilter } from '../accounts/AccountFilter';
import { filterAccounts } from '../accounts/account-filter';
import { DueSoon } from '../accounts/DueSoon';
import { accountName } from '../accounts/accounts-store';
import { useAccounts } from '../accounts/use-accounts';
import { useSettings } from '../settings/use-settings';
import { CheckAllButton } from './CheckAllButton';
import {
  byUrgency,
  hasForecast,
  reauthCalendar,
  summaryLine,
  URGENCY,
  type CalendarEntry,
} from './overview-model';

/** One account's line; memoised, so a list event re-renders only the accounts that changed. */
const OverviewRow = memo(function OverviewRow({
  account,
  openAccount,
  slot,
}: {
  account: AccountSummary;
  openAccount(accountId: string): void;
  /** Its place in a windowed list. */
  slot?: RowSlot;
}) {
  return (
    <li className={`overview-row urgency-${URGENCY[account.status]}`} {...slot}>
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

const accountKey = (account: AccountSummary) => account.id;
const entryKey = (entry: CalendarEntry) => entry.account.id;

/** One date the creator will be needed. */
function CalendarRow({ entry, now, slot }: { entry: CalendarEntry; now: number; slot?: RowSlot }) {
  return (
    <li className={entry.soon ? 'calendar-entry calendar-soon' : 'calendar-entry'} {...slot}>
      <time dateTime={entry.when} title={absoluteTime(entry.when)}>
        {Date.parse(entry.when) <= now
          ? 'Now'
          : `${entry.soon ? 'Soon: ' : ''}${relativeTime(entry.when, now)} · ${absoluteTime(entry.when)}`}
      </time>
      <strong>{accountName(entry.account)}</strong>
      <span className="muted">{entry.why}</span>
    </li>
  );
}

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
  // A thousand accounts take tens of milliseconds to sort and date; do it when they change only.
  const [query, setQuery] = useState('');
  const sorted = useMemo(() => byUrgency(filterAccounts(accounts, query)), [accounts, query]);
  const calendar = useMemo(
    () => reauthCalendar(accounts, now, warningDays),
    [accounts, now, warningDays],
  );
  const summary = useMemo(
    () => summaryLine(accounts, { now, warningDays }),
    [accounts, now, warningDays],
  );

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
  const forecast = hasForecast(accounts);
  return (
    <>
      <div className="summary-bar">
        <p className="summary-line" data-testid="overview-summary">
          {summary}
        </p>
        <CheckAllButton />
      </div>
      <section aria-labelledby="overview-accounts">
        <h3 id="overview-accounts">Accounts, most urgent first</h3>
        {isLongList(accounts.length) ? (
          <AccountFilter
            query={query}
            shown={sorted.length}
            total={accounts.length}
            onChange={setQuery}
          />
        ) : null}
        <WindowedList
          items={sorted}
          className="overview-list"
          labelledBy="overview-accounts"
          estimate={60}
          gap={8}
          getKey={accountKey}
          renderRow={(account, slot) => (
            <OverviewRow key={account.id} account={account} openAccount={openAccount} slot={slot} />
          )}
        />
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
          <WindowedList
            ordered
            items={calendar}
            className="calendar"
            estimate={64}
            gap={8}
            getKey={entryKey}
            renderRow={(entry, slot) => (
              <CalendarRow key={entry.account.id} entry={entry} now={now} slot={slot} />
            )}
          />
        )}
      </section>
    </>
  );
}
