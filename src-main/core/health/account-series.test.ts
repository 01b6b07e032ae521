import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAccountSeries } from './account-series';

function db() {
  const d = new Database(':memory:');
  d.exec(`
    CREATE TABLE accounts (id TEXT PRIMARY KEY, platform TEXT NOT NULL);
    CREATE TABLE tokens (account_id TEXT PRIMARY KEY, access_expires_at INTEGER);
    CREATE TABLE rate_limits (account_id TEXT, endpoint TEXT, remaining INTEGER, reset_at INTEGER,
      PRIMARY KEY (account_id, endpoint));`);
  return d;
}

describe('per-account metric series', () => {
  it('renders expiry and the lowest open rate-limit window per account, and follows adds and removals', () => {
    const d = db();
    const series = createAccountSeries();
    d.prepare("INSERT INTO accounts VALUES ('a1', 'x'), ('a2', 'tiktok')").run();
    d.prepare('INSERT INTO tokens VALUES (?, ?), (?, ?)').run('a1', 1_000_500, 'a2', null);
    d.prepare('INSERT INTO rate_limits VALUES (?, ?, ?, ?)').run('a1', '/2/users/me', 9, 5_000);
    d.prepare('INSERT INTO rate_limits VALUES (?, ?, ?, ?)').run('a1', '/2/tweets', 3, 5_000);
    d.prepare('INSERT INTO rate_limits VALUES (?, ?, ?, ?)').run('a1', '/old', 0, 10);
    // A posting cap counts posts, not requests.
    d.prepare('INSERT INTO rate_limits VALUES (?, ?, ?, ?)').run('a2', 'posting_cap', 0, 5_000);
    const first = series.render(d, 1_000);
    expect(first).toContain(
      '# TYPE switchboard_token_expiry_timestamp_seconds gauge\nswitchboard_token_expiry_timestamp_seconds{platform="x",account="a1"} 1000.5\n',
    );
    expect(first).toContain('switchboard_rate_limit_remaining{platform="x",account="a1"} 3\n');
    expect(first).not.toContain('account="a2"');
    d.prepare("DELETE FROM accounts WHERE id = 'a1'").run();
    d.prepare("DELETE FROM tokens WHERE account_id = 'a1'").run();
    d.prepare("DELETE FROM rate_limits WHERE account_id = 'a1'").run();
    d.prepare("INSERT INTO accounts VALUES ('a3', 'youtube')").run();
    d.prepare('INSERT INTO tokens VALUES (?, ?)').run('a3', 2_000_000);
    const second = series.render(d, 1_000);
    expect(second).not.toContain('account="a1"');
    expect(second).toContain(
      'switchboard_token_expiry_timestamp_seconds{platform="youtube",account="a3"} 2000\n',
    );
  });

  it('escapes label values it did not make itself', () => {
    const d = db();
    d.prepare('INSERT INTO accounts VALUES (?, ?)').run('we"ird\\id', 'x');
    d.prepare('INSERT INTO tokens VALUES (?, ?)').run('we"ird\\id', 1000);
    expect(createAccountSeries().render(d, 0)).toContain('account="we\\"ird\\\\id"} 1\n');
  });
});
