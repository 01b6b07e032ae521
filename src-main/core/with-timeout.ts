import { AppError, type ErrorCode } from '../../src-shared/errors';

/**
 * Races a promise against a time limit. The loser's later rejection is swallowed, so a slow
 * platform call that fails after we stopped waiting never becomes an unhandled rejection.
 */
export async function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  code: ErrorCode,
  message: string,
): Promise<T> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError(code, message)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}
