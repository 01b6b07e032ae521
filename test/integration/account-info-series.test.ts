import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAccountInfoSeries } from '../../src-main/core/health/account-info-series';
import { X_REFRESH_LIFETIME_MS } from '../../src-main/core/platforms/x-descriptor';
import { GOOGLE_TESTING_LIFETIME_MS } from '../../src-main/core/platforms/youtube-descriptor';
import { createSummaryPolicy } from '../../src-main/core/usage/summary-policy';

function db() {
  const d = new Database(':memory:');
  d.exec(`
    CREATE TABLE accounts (id TEXT PRIMARY KEY, platform TEXT NOT NULL, handle TEXT, label TEXT,
      display_name TEXT NOT NULL, last_refresh_at INTEGER);
    CREATE TABLE tokens (account_id TEXT PRIMARY KEY, issued_at INTEGER, access_expires_at INTEGER,
      refresh_expires_at INTEGER);
    CREATE TABLE audit_log (account_id TEXT, action TEXT, outcome TEXT, at INTEGER);`);
  return d;
}

const ISSUED = 1_700_000_000_000;
const settings = { tiktokDailyPostCap: 15, googleTestingMode: false };
// The policy the app hands the series: the same forecast the account summaries use.
const policy = createSummaryPolicy(() => settings);

describe('account info and re-auth deadline series', () => {
  it('one info series per account, the label following a rename, and the forecast deadline', () => {
    const d = db();
    d.prepare('INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?)').run(
      'a1',
      'x',
      '@maker',
      null,
      'Maker "One"',
      null,
    );
    d.prepare('INSERT INTO tokens VALUES (?, ?, ?, ?)').run('a1', ISSUED, ISSUED + 7_200_000, null);
    const series = createAccountInfoSeries();
    const first = series.render(d, policy);
    expect(first).toContain(
      'switchboard_account_info{account="a1",platform="x",handle="@maker",label="Maker \\"One\\""} 1\n',
    );
    expect(first).toContain(
      `switchboard_reauth_deadline_timestamp_seconds{platform="x",account="a1"} ${(ISSUED + X_REFRESH_LIFETIME_MS) / 1000}\n`,
    );
    d.prepare("UPDATE accounts SET label = 'Main X' WHERE id = 'a1'").run();
    expect(series.render(d, policy)).toContain('handle="@maker",label="Main X"} 1\n');
    d.prepare("DELETE FROM accounts WHERE id = 'a1'").run();
    expect(series.render(d, policy)).not.toContain('account="a1"');
  });

  it('leaves out a deadline nobody knows, and follows Google Testing mode', () => {
    const d = db();
    // Instagram without an expiry: no end known, so no deadline series (the info stays).
    d.prepare('INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?)').run(
      'ig',
      'instagram',
      null,
      null,
      'IG',
      null,
    );
    d.prepare('INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?)').run(
      'yt',
      'youtube',
      null,
      null,
      'YT',
      ISSUED,
    );
    d.prepare('INSERT INTO tokens VALUES (?, ?, ?, ?)').run('yt', ISSUED, ISSUED + 3_600_000, null);
    d.prepare("INSERT INTO audit_log VALUES ('yt', 'connect', 'ok', ?)").run(ISSUED);
    const series = createAccountInfoSeries();
    const text = series.render(d, policy);
    expect(text).toContain(
      'switchboard_account_info{account="ig",platform="instagram",handle="",label="IG"} 1',
    );
    expect(text).not.toMatch(/deadline_timestamp_seconds\{platform="instagram"/);
    const testing = series.render(
      d,
      createSummaryPolicy(() => ({ ...settings, googleTestingMode: true })),
    );
    expect(testing).toContain(
      `switchboard_reauth_deadline_timestamp_seconds{platform="youtube",account="yt"} ${(ISSUED + GOOGLE_TESTING_LIFETIME_MS) / 1000}\n`,
    );
  });
});
