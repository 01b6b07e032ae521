import type Database from 'better-sqlite3';
import type { PlatformId } from '../../../src-shared/platforms';
import { CONSENT_SQL, type SummaryPolicy } from '../vault/account-extras';

// One narrow raw query gives both series: the names to join on and the facts the forecast needs
// (the same facts and the same forecast policy the account summaries use, so the dates agree).
const FACTS_SQL = `SELECT a.id, a.platform, a.handle, COALESCE(a.label, a.display_name), a.last_refresh_at,
  t.issued_at, t.access_expires_at, t.refresh_expires_at FROM accounts a LEFT JOIN tokens t ON t.account_id = a.id`;
const CONSENTS_SQL = `${CONSENT_SQL} GROUP BY l.account_id`;

type FactRow = [
  id: string,
  platform: PlatformId,
  handle: string | null,
  label: string,
  lastRefreshAt: number | null,
  issuedAt: number | null,
  accessExpiresAt: number | null,
  refreshExpiresAt: number | null,
];

const INFO = 'switchboard_account_info';
const DEADLINE = 'switchboard_reauth_deadline_timestamp_seconds';
const INFO_HEADER = `# HELP ${INFO} Always 1; joins an account id to its platform, handle and label (on(account) group_left(handle, label)).\n# TYPE ${INFO} gauge\n`;
const DEADLINE_HEADER = `# HELP ${DEADLINE} When the re-auth forecast says the creator must sign in again (Unix time); absent when no end is known.\n# TYPE ${DEADLINE} gauge\n`;

const NEEDS_ESCAPE = /[\\"\n]/;
/** Prometheus label-value escaping (backslash, quote, newline); most values need none. */
const escape = (value: string) =>
  NEEDS_ESCAPE.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
    : value;

/** One account's label text, kept across scrapes while its handle and label stay the same. */
interface Labels {
  handle: string | null;
  label: string;
  info: string;
  deadline: string;
}

/**
 * `switchboard_account_info` and `switchboard_reauth_deadline_timestamp_seconds`: one series per
 * account each, labelled only by what identifies the account (never a reason or a date, which
 * would start a new series whenever they change), so 10,000 accounts are 10,000 series of each.
 * Labels and handles are read on every render: a rename shows at the next scrape.
 */
export function createAccountInfoSeries() {
  const statements = new WeakMap<
    Database.Database,
    { facts: Database.Statement; consents: Database.Statement }
  >();
  const prepare = (db: Database.Database) => {
    let prepared = statements.get(db);
    if (!prepared) {
      prepared = {
        facts: db.prepare(FACTS_SQL).raw(true),
        consents: db.prepare(CONSENTS_SQL).raw(true),
      };
      statements.set(db, prepared);
    }
    return prepared;
  };

  let cache = new Map<string, Labels>();
  const labelsOf = (id: string, platform: string, handle: string | null, label: string): Labels => {
    const [account, where] = [`account="${escape(id)}"`, `platform="${escape(platform)}"`];
    return {
      handle,
      label,
      info: `${INFO}{${account},${where},handle="${escape(handle ?? '')}",label="${escape(label)}"} 1\n`,
      deadline: `${DEADLINE}{${where},${account}}`,
    };
  };

  return {
    render(db: Database.Database, policy: SummaryPolicy): string {
      const prepared = prepare(db);
      const consentPlatforms = policy.consentPlatforms();
      const rows = prepared.facts.all() as FactRow[];
      // Consent matters only to Google's Testing mode; the scan is skipped otherwise.
      const consents = new Map(
        consentPlatforms.length > 0
          ? (prepared.consents.all({ platforms: JSON.stringify(consentPlatforms) }) as [
              string,
              number,
            ][])
          : [],
      );
      let info = INFO_HEADER;
      let deadlines = DEADLINE_HEADER;
      // Rebuilt each render from the rows, so a removed account's labels go with it.
      const known = cache;
      cache = new Map();
      for (const row of rows) {
        const [id, platform, handle, label, lastRefreshAt, issuedAt, accessAt, refreshAt] = row;
        let labels = known.get(id);
        if (!labels || labels.handle !== handle || labels.label !== label)
          labels = labelsOf(id, platform, handle, label);
        cache.set(id, labels);
        info += labels.info;
        const { reauthBy } = policy.forecast({
          platform,
          issuedAt,
          accessExpiresAt: accessAt,
          refreshExpiresAt: refreshAt,
          lastRefreshAt,
          consentedAt: consents.get(id) ?? null,
        });
        if (reauthBy !== null) deadlines += `${labels.deadline} ${reauthBy / 1000}\n`;
      }
      return `${info}\n${deadlines}`;
    },
  };
}
