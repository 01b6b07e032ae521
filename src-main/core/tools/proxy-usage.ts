import type { PlatformId } from '../../../src-shared/platforms';
import { PLATFORM_DESCRIPTORS } from '../platforms/descriptors';
import type { RateLimitSnapshot } from '../platforms/platform-adapter';

/** What the proxy needs from the posting and rate-limit bookkeeping (usage/usage-limits.ts). */
export interface ToolUsage {
  recordRateLimit(accountId: string, snapshot: Omit<RateLimitSnapshot, 'provider'>): void;
  /** Counts one published post; returns today's count. */
  recordPost(accountId: string): number;
  /** Posts left today, or null where no cap is tracked. */
  postsLeftToday(accountId: string): number | null;
  /** The platform itself said "too many posts". */
  markPostingCapped(accountId: string, until?: number): void;
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * Whether this call publishes a post that counts against the account's daily posts (the
 * platform descriptor's publish paths). `path` is the normalised one (proxy-target.ts): `%69nit`
 * has become `init`.
 */
export function isPostCall(platform: PlatformId, method: string, path: string): boolean {
  if (method !== 'POST') return false;
  const posting = PLATFORM_DESCRIPTORS[platform].posting;
  return posting !== null && posting.publishPaths.some((pattern) => pattern.test(path));
}

/**
 * X limits per endpoint; ids in the path (`/2/tweets/1849…`) do not make another endpoint. Ids
 * are long numbers, so a version segment such as `/2/` stays.
 */
export function endpointKey(method: string, path: string): string {
  return `${method} ${path.replace(/\/\d{5,}(?=\/|$)/g, '/:id')}`;
}

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};
const int = (text: string | undefined): number | null => {
  if (text === undefined || !/^\d{1,15}$/.test(text.trim())) return null;
  return Number(text.trim());
};

/** Usage headers of JSON percentages (Meta's): the highest one is how close the limit is. */
function metaUsage(text: string | undefined): { used: number; regainMinutes: number } | null {
  if (!text) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const entries: Record<string, unknown>[] = [];
  const collect = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if ('call_count' in record || 'total_time' in record || 'total_cputime' in record)
        entries.push(record);
      else Object.values(record).forEach(collect);
    }
  };
  collect(parsed);
  if (!entries.length) return null;
  let used = 0;
  let regainMinutes = 0;
  for (const entry of entries) {
    for (const key of ['call_count', 'total_time', 'total_cputime', 'acc_id_util_pct']) {
      const value = entry[key];
      if (typeof value === 'number' && Number.isFinite(value)) used = Math.max(used, value);
    }
    const regain = entry.estimated_time_to_regain_access;
    if (typeof regain === 'number' && Number.isFinite(regain))
      regainMinutes = Math.max(regainMinutes, regain);
  }
  return { used: Math.min(100, Math.round(used)), regainMinutes };
}

type Snapshot = Omit<RateLimitSnapshot, 'provider'>;

/** `{prefix}-limit`, `-remaining`, `-reset` (epoch seconds) counter triples. */
function counters(
  sets: readonly { prefix: string; name: string | null }[],
  endpoint: string,
  headers: Headers,
): Snapshot[] {
  const found: Snapshot[] = [];
  for (const { prefix, name } of sets) {
    const limit = int(header(headers, `${prefix}-limit`));
    const remaining = int(header(headers, `${prefix}-remaining`));
    const reset = int(header(headers, `${prefix}-reset`));
    if (limit === null && remaining === null) continue;
    found.push({
      path: name ?? endpoint,
      limit,
      remaining,
      resetAt: reset === null ? null : reset * 1000,
    });
  }
  return found;
}

/**
 * The rate-limit facts one platform answer carries, as its descriptor names them: X's
 * per-endpoint `x-rate-limit-*` and per-user `x-user-limit-24hour-*` (posting), Meta's
 * `X-App-Usage` and `X-Business-Use-Case-Usage` (percent used; stored as limit 100).
 */
export function rateLimitsOf(
  platform: PlatformId,
  endpoint: string,
  headers: Headers,
  now: number,
): Snapshot[] {
  const rule = PLATFORM_DESCRIPTORS[platform].rateLimitHeaders;
  if (rule === null) return [];
  if (rule.kind === 'counters') return counters(rule.sets, endpoint, headers);
  const found: Snapshot[] = [];
  for (const { header: name, name: label } of rule.headers) {
    const usage = metaUsage(header(headers, name));
    if (!usage) continue;
    found.push({
      path: label,
      limit: 100,
      remaining: 100 - usage.used,
      resetAt: usage.regainMinutes > 0 ? now + usage.regainMinutes * 60_000 : null,
    });
  }
  return found;
}
