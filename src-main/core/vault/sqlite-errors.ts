import { AppError } from '../../../src-shared/errors';

/**
 * Turns SQLite's failures into the vault's stable codes. The original error stays as `cause`
 * for the log; the message a creator sees says what to do.
 */
export function toVaultError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('vault_busy', undefined, { cause: error });
  }
  if (code === 'SQLITE_FULL') return new AppError('vault_disk_full', undefined, { cause: error });
  if (
    code === 'SQLITE_NOTADB' ||
    code.startsWith('SQLITE_CORRUPT') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR') ||
    code === 'SQLITE_PERM' ||
    code === 'EACCES'
  ) {
    return new AppError('vault_unreadable', undefined, { cause: error });
  }
  return error;
}

/** Runs `work`, rethrowing SQLite failures as vault AppErrors. */
export function vaultCall<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw toVaultError(error);
  }
}
