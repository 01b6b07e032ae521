import { createHash } from 'node:crypto';

/** Hex SHA-256; used where only a hash of a bearer token may be kept or compared. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
