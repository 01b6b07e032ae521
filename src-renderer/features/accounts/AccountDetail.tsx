import { useEffect, useRef, useState } from 'react';
import { statusReason, type AccountSummary } from '../../../src-shared/account';
import { defaultMessage } from '../../../src-shared/errors';
import { PLATFORMS } from '../../../src-shared/platforms';
import { CopyButton } from '../../components/CopyButton';
import { TechnicalDetails } from '../../components/TechnicalDetails';
import { StatusPill } from '../../components/StatusPill';
import { useNavigation } from '../../navigation-store';
import { absoluteTime, relativeTime } from '../../time-words';
import { dueSoonDays } from '../../../src-shared/account-summary';
import { useDueWindow } from '../alerts/use-attention';
import { AccountAvatar } from './AccountAvatar';
import { AccountHeading } from './AccountHeading';
import { DueSoon } from './DueSoon';
import { AccountHistory } from './AccountHistory';
import { accountName } from './accounts-store';
import { isRunning, useConnect } from './connect-store';
import { RenameField } from './RenameField';
import { scopeWords } from '../../../src-shared/scope-words';
import { UsageFacts } from './UsageFacts';
import { useConnectAction } from './use-connect';

function When({ iso, now, none }: { iso: string | null; now: number; none: string }) {
  if (!iso) return <>{none}</>;
  return <time dateTime={iso}>{`${relativeTime(iso, now)} (${absoluteTime(iso)})`}</time>;
}

/** The one thing that fixes the account's state, in words; null when nothing is needed. */
function fixText(account: AccountSummary, now: number): string | null {
  const next = account.nextRefreshAt ? relativeTime(account.nextRefreshAt, now) : null;
  switch (account.status) {
    case 'account_problem':
      return `Sign in to ${PLATFORMS[account.platform].displayName} on its own site and check the account; then reconnect it here.`;
    case 'rate_limited':
      return next
        ? `Nothing to do: Switchboard tries again ${next}.`
        : 'Nothing to do: Switchboard waits for the limit to reset.';
    case 'expiring':
      return next
        ? `Switchboard tries again ${next}; reconnect if it keeps failing.`
        : 'Reconnect if it keeps failing.';
    case 'verify':
      return 'Nothing to do: Switchboard checks it with the platform shortly.';
    default:
      return null;
  }
}

/** One account: its state and the action that fixes it, its times, its permissions, its actions. */
export function AccountDetail({
  account,
  onDisconnect,
}: {
  account: AccountSummary;
  onDisconnect(account: AccountSummary): void;
}) {
  const openList = useNavigation((state) => state.show);
  const connect = useConnectAction();
  const attempt = useConnect((state) => state.attempts[account.provider]);
  const [renaming, setRenaming] = useState(false);
  const [clock, setNow] = useState(() => Date.now());
  // A check or renewal that just landed is never "in under a minute": now is at least its time.
  const now = Math.max(
    clock,
    ...[account.updatedAt, account.lastCheckAt, account.lastRefreshAt].map(
      (iso) => (iso ? Date.parse(iso) : 0) || 0,
    ),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const needsReconnect = account.status === 'needs_reauth' || account.status === 'vault_error';
  const reason = account.statusReason ?? statusReason(account.status, account.platform);
  const fix = fixText(account, now);
  const window = useDueWindow();
  const reconnectFixes =
    needsReconnect || account.status === 'account_problem' || account.status === 'expiring';
  return (
    <article className="account-detail" aria-labelledby="account-detail-title">
      <button type="button" className="link-button" onClick={() => openList('accounts')}>
        ← All accounts
      </button>
      <div className="detail-title">
        <AccountAvatar account={account} />
        <AccountHeading
          account={account}
          className="detail-head"
          name={
            <h3 id="account-detail-title" ref={heading} tabIndex={-1}>
              {accountName(account)}
            </h3>
          }
        />
      </div>
      <section className="detail-status panel" aria-label="Status" data-testid="detail-status">
        <StatusPill status={account.status} />
        {reason ? (
          <p>{reason}</p>
        ) : dueSoonDays(account, window) === null ? (
          <p>Switchboard keeps this account connected by itself.</p>
        ) : (
          <p>
            {account.reauthReason ??
              `${PLATFORMS[account.platform].displayName} ends this sign-in soon; only you can sign in again.`}
          </p>
        )}
        <DueSoon account={account} />
        {fix ? <p className="muted">{fix}</p> : null}
        {reconnectFixes ? (
          <button
            type="button"
            className={needsReconnect ? 'primary' : undefined}
            disabled={attempt ? isRunning(attempt) : false}
            onClick={() => connect(account.provider, account.id)}
          >
            Reconnect
          </button>
        ) : null}
      </section>
      <dl className="facts" aria-label="Times">
        <dt>Access token ends</dt>
        <dd data-testid="detail-expires">
          {needsReconnect ? (
            'Not usable until you reconnect'
          ) : (
            <When iso={account.accessExpiresAt} now={now} none="No end given by the platform" />
          )}
        </dd>
        <dt>Next automatic renewal</dt>
        <dd data-testid="detail-next-renewal">
          <When
            iso={account.nextRefreshAt}
            now={now}
            none={needsReconnect ? 'None: it needs you' : 'None planned'}
          />
        </dd>
        <dt>Last renewal</dt>
        <dd>
          <When iso={account.lastRefreshAt} now={now} none="Not renewed yet" />
        </dd>
        <dt>Last check</dt>
        <dd>
          <When iso={account.lastCheckAt} now={now} none="Not checked yet" />
        </dd>
        {account.lastError ? (
          <>
            <dt>Last error</dt>
            <dd>
              {defaultMessage(account.lastError)}
              <TechnicalDetails>{account.lastError}</TechnicalDetails>
            </dd>
          </>
        ) : null}
        <dt>Sign-in lasts until</dt>
        <dd data-testid="detail-reauth">
          {account.reauthBy ? (
            <>
              <When iso={account.reauthBy} now={now} none="" />
              {account.reauthReason ? (
                <span className="muted small"> {account.reauthReason}</span>
              ) : null}
            </>
          ) : (
            'No end known: it renews for as long as the platform allows'
          )}
        </dd>
        <UsageFacts usage={account.usage} now={now} />
        <dt>Connected</dt>
        <dd>
          <When iso={account.createdAt} now={now} none="" />
        </dd>
        <dt>Account id</dt>
        <dd title="The account label in /metrics and the id the local API takes">
          <code data-testid="detail-account-id">{account.id}</code>{' '}
          <CopyButton text={account.id} label="the account id" />
        </dd>
      </dl>
      <section aria-labelledby="detail-scopes">
        <h4 id="detail-scopes">What Switchboard may do</h4>
        {account.scopes.length === 0 ? (
          <p className="muted">The platform did not say which permissions it granted.</p>
        ) : (
          <ul className="scope-list">
            {account.scopes.map((scope) => (
              <li key={scope} title={scope}>
                {scopeWords(scope)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <AccountHistory accountId={account.id} />
      <div className="actions">
        {renaming ? (
          <RenameField account={account} onDone={() => setRenaming(false)} />
        ) : (
          <button type="button" onClick={() => setRenaming(true)}>
            Rename
          </button>
        )}
        {reconnectFixes ? null : (
          <button type="button" onClick={() => connect(account.provider, account.id)}>
            Reconnect
          </button>
        )}
        <button type="button" className="danger-quiet" onClick={() => onDisconnect(account)}>
          Disconnect
        </button>
      </div>
    </article>
  );
}
