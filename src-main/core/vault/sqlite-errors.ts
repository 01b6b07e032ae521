import { AppError } from '../../../src-shared/errors';
import { SealBrokenError } from './sealed-box';

/**
 * Turns the vault's failures into stable codes. The original error stays as `cause` for the
 * log; the message a creator sees says what to do. A broken seal is `vault_tampered`; SQLite's
 * constraint failures stay as they are (they are the caller's mistake, not the vault's state).
 */
export function toVaultError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof SealBrokenError) {
    return new AppError('vault_tampered', undefined, { cause: error });
  }
  const code = (error as { code?: string } | null)?.code ?? '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('vault_busy', undefined, { cause: error });
  }
  if (code === 'SQLITE_FULL') return new AppError('vault_disk_full', undefined, { cause: error });
  if (code.startsWith('SQLITE_CONSTRAINT')) return error;
  if (code.startsWith('SQLITE_') || code === 'EACCES') {
    return new AppError('vault_unreadable', undefined, { cause: error });
  }
  return error;
}

/** Runs `work`, rethrowing SQLite failures and broken seals as vault AppErrors. */
export function vaultCall<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw toVaultError(error);
  }
}
