import type { ApiAccount } from './api-client';
import { CliError, EXIT } from './exit-codes';

/** How the command names an account to a person: `platform:@handle`, or the label, and the id. */
export function describe(account: ApiAccount): string {
  const name = account.handle
    ? `${account.platform}:@${account.handle.replace(/^@/, '')}`
    : account.platform;
  return `${name}${account.label ? ` "${account.label}"` : ''} (${account.id})`;
}

/**
 * The one account `name` means among those the key may use: an id, a label, or
 * `platform:@handle`. Nothing or several → a refusal that lists what there is.
 */
export function resolveAccount(accounts: readonly ApiAccount[], name: string): ApiAccount {
  const byId = accounts.find((account) => account.id === name);
  if (byId) return byId;
  const wanted = name.toLowerCase();
  const handleMatch = /^([a-z]+):@?(.+)$/.exec(wanted);
  const matches = accounts.filter(
    (account) =>
      account.label?.toLowerCase() === wanted ||
      (handleMatch !== null &&
        account.platform === handleMatch[1] &&
        account.handle?.replace(/^@/, '').toLowerCase() === handleMatch[2]),
  );
  if (matches.length === 1) return matches[0]!;
  const listed = (matches.length > 1 ? matches : accounts)
    .map((a) => `  ${describe(a)}`)
    .join('\n');
  if (matches.length > 1)
    throw new CliError(
      EXIT.accountRefused,
      `"${name}" matches ${matches.length} accounts; name one by id:\n${listed}`,
    );
  throw new CliError(
    EXIT.accountRefused,
    accounts.length === 0
      ? `No account "${name}": this key may use no accounts.`
      : `No account "${name}" among those this key may use:\n${listed}`,
  );
}
