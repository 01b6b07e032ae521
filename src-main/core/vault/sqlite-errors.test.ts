import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import { SealBrokenError } from './sealed-box';
import { toVaultError, vaultCall } from './sqlite-errors';

const sqliteError = (code: string) => Object.assign(new Error(code), { code });

describe('vault error mapping', () => {
  it('gives every vault failure a stable code, keeping the original as the cause', () => {
    const cases: [unknown, string][] = [
      [new SealBrokenError(), 'vault_tampered'],
      [sqliteError('SQLITE_BUSY'), 'vault_busy'],
      [sqliteError('SQLITE_BUSY_SNAPSHOT'), 'vault_busy'],
      [sqliteError('SQLITE_LOCKED'), 'vault_busy'],
      [sqliteError('SQLITE_FULL'), 'vault_disk_full'],
      [sqliteError('SQLITE_NOTADB'), 'vault_unreadable'],
      [sqliteError('SQLITE_CORRUPT'), 'vault_unreadable'],
      [sqliteError('SQLITE_IOERR_READ'), 'vault_unreadable'],
      [sqliteError('SQLITE_CANTOPEN'), 'vault_unreadable'],
      [sqliteError('SQLITE_READONLY'), 'vault_unreadable'],
      [sqliteError('SQLITE_ERROR'), 'vault_unreadable'],
      [sqliteError('SQLITE_NOMEM'), 'vault_unreadable'],
      [sqliteError('EACCES'), 'vault_unreadable'],
    ];
    for (const [error, code] of cases) {
      const mapped = toVaultError(error);
      expect(mapped, code).toBeInstanceOf(AppError);
      expect(mapped).toMatchObject({ code, cause: error });
    }
  });

  it('leaves app errors, constraint failures and programming errors as they are', () => {
    const own = new AppError('account_not_found');
    const constraint = sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY');
    const bug = new TypeError('x is undefined');
    expect(toVaultError(own)).toBe(own);
    expect(toVaultError(constraint)).toBe(constraint);
    expect(toVaultError(bug)).toBe(bug);
    expect(() =>
      vaultCall(() => {
        throw new SealBrokenError();
      }),
    ).toThrow(expect.objectContaining({ code: 'vault_tampered' }));
  });
});
