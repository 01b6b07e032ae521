import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import { createCommitQueue } from './commit-queue';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A real WAL file with full sync, as the vault opens it. */
function open() {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-commit-queue-'));
  dirs.push(dir);
  const path = join(dir, 'q.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
  const rows = () =>
    (db.prepare('SELECT k FROM t ORDER BY k').all() as { k: string }[]).map((r) => r.k);
  return { db, path, insert, rows, queue: createCommitQueue(db) };
}

describe('group commit', () => {
  it('shares one commit among the writes of one turn, and resolves only once it is stored', async () => {
    const { db, insert, rows, queue } = open();
    const seen: boolean[] = [];
    const writes = Array.from({ length: 50 }, (_, i) =>
      queue
        .run(() => insert.run(`k${String(i).padStart(2, '0')}`, i))
        .then(() => {
          // Whoever awaits a write finds it committed: no transaction open, the row there.
          seen.push(!db.inTransaction && rows().includes(`k${String(i).padStart(2, '0')}`));
        }),
    );
    expect(rows()).toEqual([]);
    await Promise.all(writes);
    expect(seen).toEqual(Array(50).fill(true));
    expect(rows()).toHaveLength(50);
    expect(queue.stats()).toEqual({ commits: 1, writes: 50 });
  });

  it('rolls back a write that refuses (an AppError) alone; the others in its commit stay', async () => {
    const { insert, rows, queue } = open();
    const refused = queue.run(() => {
      insert.run('half', 1);
      throw new AppError('tokens_changed');
    });
    const kept = queue.run(() => insert.run('kept', 2));
    await expect(refused).rejects.toMatchObject({ code: 'tokens_changed' });
    await kept;
    expect(rows()).toEqual(['kept']);
    expect(queue.stats()).toEqual({ commits: 1, writes: 2 });
  });

  it('when the shared commit fails, each write is tried alone so one failure is only its own', async () => {
    const { insert, rows, queue } = open();
    insert.run('taken', 0);
    const first = queue.run(() => insert.run('a', 1));
    const broken = queue.run(() => insert.run('taken', 2)); // a constraint failure, not an AppError
    const last = queue.run(() => insert.run('b', 3));
    await expect(broken).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    await Promise.all([first, last]);
    expect(rows()).toEqual(['a', 'b', 'taken']);
  });

  it('flush stores what waits at once (the vault flushes before it closes)', async () => {
    const { db, path, insert, queue } = open();
    const write = queue.run(() => insert.run('late', 1));
    queue.flush();
    db.close();
    await write;
    const again = new Database(path, { readonly: true });
    expect(again.prepare('SELECT v FROM t WHERE k = ?').get('late')).toEqual({ v: 1 });
    again.close();
  });
});
