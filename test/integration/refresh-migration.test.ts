import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src-main/core/vault/migrations/index';
import { migrate } from '../../src-main/core/vault/migrations/runner';

let db: Database.Database | null = null;
afterEach(() => db?.close());

it('migration 3 renames stored statuses, keeps the audit log and accepts transitions', () => {
  db = new Database(':memory:');
  db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
  for (const migration of MIGRATIONS.filter((m) => m.version <= 2)) db.exec(migration.sql);
  db.prepare('INSERT INTO schema_version (version) VALUES (2)').run();
  db.prepare(
    "INSERT INTO tenants (id, name, tier, is_default, created_at) VALUES ('t', 'T', 'free', 1, 0)",
  ).run();
  const insert = db.prepare(
    `INSERT INTO accounts (id, tenant_id, platform, platform_user_id, display_name, status, created_at, updated_at)
     VALUES (?, 't', 'x', ?, 'n', ?, 0, 0)`,
  );
  for (const [id, status] of [
    ['a', 'active'],
    ['b', 'suspended'],
    ['c', 'not_eligible'],
    ['d', 'needs_reauth'],
  ])
    insert.run(id, id, status);
  db.prepare(
    "INSERT INTO audit_log (account_id, platform, action, outcome, detail, at) VALUES ('a', 'x', 'connect', 'ok', NULL, 1)",
  ).run();

  migrate(db);

  const statuses = db.prepare('SELECT id, status FROM accounts ORDER BY id').all();
  expect(statuses).toEqual([
    { id: 'a', status: 'healthy' },
    { id: 'b', status: 'account_problem' },
    { id: 'c', status: 'account_problem' },
    { id: 'd', status: 'needs_reauth' },
  ]);
  expect(db.prepare('SELECT action FROM audit_log').all()).toEqual([{ action: 'connect' }]);
  db.prepare(
    "INSERT INTO audit_log (account_id, platform, action, outcome, detail, at) VALUES ('a', 'x', 'transition', 'ok', 'healthy → refreshing', 2)",
  ).run();
  expect(
    db
      .prepare("SELECT next_refresh_at, last_error, failed_attempts FROM accounts WHERE id = 'a'")
      .get(),
  ).toEqual({ next_refresh_at: null, last_error: null, failed_attempts: 0 });
});
