import type { z } from 'zod';
import type { IpcError } from './ipc';

/** Field path (e.g. `redirectPorts.x`, `clientId`) → the sentence to show next to that field. */
export type FieldErrors = Record<string, string>;

const SHAPE_PREFIX = 'The request was not in the expected shape:';

/** The issues of a local check with the contract's own schema, by field path. */
export function issuesByField(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || 'input';
    fields[path] ??= issue.message;
  }
  return fields;
}

/**
 * Main answers invalid input as "…shape: path: message; path: message". Returns those by path,
 * or null when the error is about something else (then show it as a whole).
 */
export function fieldErrorsOf(error: Pick<IpcError, 'code' | 'message'>): FieldErrors | null {
  if (error.code !== 'invalid_input' || !error.message.startsWith(SHAPE_PREFIX)) return null;
  const fields: FieldErrors = {};
  for (const part of error.message.slice(SHAPE_PREFIX.length).split('; ')) {
    const separator = part.indexOf(': ');
    if (separator < 0) continue;
    const path = part.slice(0, separator).trim();
    fields[path] ??= part.slice(separator + 2).trim();
  }
  return Object.keys(fields).length > 0 ? fields : null;
}
