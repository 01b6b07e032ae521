import { defaultMessage, type ErrorCode } from '../src-shared/errors';

/** A failed call, with the stable code main answered. */
export class IpcError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
  }
}

/** Any failure of a call as an IpcError; a transport that stopped answering gets its own code. */
export function asIpcError(error: unknown): IpcError {
  if (error instanceof IpcError) return error;
  return new IpcError('connection_lost', defaultMessage('connection_lost'));
}
