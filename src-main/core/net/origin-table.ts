import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';

/**
 * The one table every platform URL passes through (PLATFORMS.md, "One origin table"). Code is
 * written against the real origins; the table swaps an origin for a stand-in (demo mode, tests)
 * and keeps the path and query, so a fake serves the platform's real paths.
 */
export interface OriginTable {
  /** The URL to actually use for a real platform URL. */
  url(realUrl: string | URL): URL;
  /** Whether any origin is replaced (demo mode and tests answer on plain http). */
  readonly replacesAny: boolean;
}

const OriginSchema = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'https:' || url.protocol === 'http:') &&
        url.origin === value.replace(/\/$/, '')
      );
    } catch {
      return false;
    }
  }, 'must be an origin such as https://api.x.com (scheme, host and optional port; no path)')
  .transform((value) => new URL(value).origin);

const TableSchema = z.record(OriginSchema, OriginSchema);

/** A table that replaces the given real origins; an empty map passes every URL through unchanged. */
export function createOriginTable(replacements: Record<string, string> = {}): OriginTable {
  const parsed = TableSchema.safeParse(replacements);
  if (!parsed.success) {
    throw new AppError(
      'platform_origins_invalid',
      `The platform origin table is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'table'} ${issue.message}`).join('; ')}.`,
    );
  }
  const map = new Map(Object.entries(parsed.data));
  return {
    replacesAny: map.size > 0,
    url(realUrl) {
      const url = new URL(realUrl);
      const stand = map.get(url.origin);
      if (!stand) return url;
      return new URL(`${url.pathname}${url.search}`, stand);
    },
  };
}

/**
 * Reads the table from `--platform-origins <file>` or `SWITCHBOARD_PLATFORM_ORIGINS`, else an
 * empty table (the real platforms).
 */
export function loadOriginTable(
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): OriginTable {
  const path = file ?? env.SWITCHBOARD_PLATFORM_ORIGINS;
  if (!path) return createOriginTable();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError(
      'platform_origins_invalid',
      `The platform origin table ${path} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(
      'platform_origins_invalid',
      `The platform origin table ${path} is not valid JSON.`,
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new AppError(
      'platform_origins_invalid',
      `The platform origin table ${path} must be a JSON object of origin to origin.`,
    );
  }
  return createOriginTable(json as Record<string, string>);
}
