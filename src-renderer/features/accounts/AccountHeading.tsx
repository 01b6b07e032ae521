import type { ReactNode } from 'react';
import type { AccountSummary } from '../../../src-shared/account';
import { PLATFORMS } from '../../../src-shared/platforms';
import { PlatformLogo } from '../../components/PlatformLogo';

/** Platforms disagree on whether a handle carries its @; show it one way. */
export function atHandle(handle: string | null): string | null {
  if (!handle) return null;
  return handle.startsWith('@') ? handle : `@${handle}`;
}

/** Where an account lives, in one line: "YouTube · @maya" (the platform's own name first when relabelled). */
export function accountPlace(account: AccountSummary, withOriginalName = false): string {
  return [
    withOriginalName && account.label ? account.displayName : null,
    PLATFORMS[account.platform].displayName,
    atHandle(account.handle),
    // Instagram has two ways in; the one through a Page reconnects (and breaks) with that Page.
    account.provider === 'facebook' ? 'through a Facebook Page' : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * An account's heading wherever it is listed or shown: its name, then where it lives. `name` is
 * the element that carries the name there (the page heading, a list entry's strong, the rename
 * field), so each place keeps its own semantics and focus.
 */
export function AccountHeading({
  account,
  name,
  className,
  withOriginalName = false,
}: {
  account: AccountSummary;
  name: ReactNode;
  className: string;
  /** Also show the platform's name for the account when the creator gave it a label. */
  withOriginalName?: boolean;
}) {
  return (
    <div className={className}>
      {name}
      <div className="muted">
        <PlatformLogo platform={account.platform} />
        {accountPlace(account, withOriginalName)}
      </div>
    </div>
  );
}
