import { jsonReply, type FakeRequest, type Reply } from './fake-http';
import type { FakeContext } from './fake-oauth-server';

const USER_FIELDS = [
  'id',
  'name',
  'username',
  'created_at',
  'description',
  'profile_image_url',
  'protected',
  'public_metrics',
  'url',
  'verified',
  'verified_type',
  'location',
];
const WINDOW_MS = 15 * 60_000;
/** users/me allows 75 requests per 15 minutes per user. */
export const USERS_ME_LIMIT = 75;

/** X's problem JSON: `{title, detail, type, status}`. */
export const problem = (
  status: number,
  title: string,
  detail: string,
  type = 'about:blank',
  headers: Record<string, string> = {},
) =>
  jsonReply(
    status,
    { title, detail, type, status },
    { ...headers, 'content-type': 'application/problem+json' },
  );

/** `/2/users/me`: the signed-in user, 403 when suspended, 429 past the window's limit. */
export function usersMe(context: FakeContext, request: FakeRequest, limiter: RateLimiter): Reply {
  const record = context.tokens.live(request.bearer, 'access');
  if (!record) return problem(401, 'Unauthorized', 'Unauthorized');
  if (limiter.exhausted(`me:${record.grant.userId}`, USERS_ME_LIMIT))
    return problem(429, 'Too Many Requests', 'Too Many Requests');
  const scopes = record.grant.scopes;
  if (!scopes.includes('users.read') || !scopes.includes('tweet.read'))
    return problem(403, 'Forbidden', 'Missing scope: users.read and tweet.read are required.');
  const user = context.user(record.grant.userId);
  if (!user) return problem(401, 'Unauthorized', 'Unauthorized');
  if (user.suspended)
    return problem(
      403,
      'Forbidden',
      `User has been suspended: [${user.handle}].`,
      'https://api.twitter.com/2/problems/resource-not-found',
    );
  const fields = (request.query.get('user.fields') ?? '').split(',').filter(Boolean);
  const unknown = fields.filter((field) => !USER_FIELDS.includes(field));
  if (unknown.length)
    return problem(
      400,
      'Invalid Request',
      `The \`user.fields\` query parameter value [${unknown.join(',')}] is not one of [${USER_FIELDS.join(',')}]`,
      'https://api.twitter.com/2/problems/invalid-request',
    );
  const all: Record<string, unknown> = {
    id: user.id,
    name: user.name,
    username: user.handle,
    created_at: '2015-06-01T09:00:00.000Z',
    description: `${user.name} (simulated)`,
    profile_image_url: user.avatarUrl,
    protected: false,
    public_metrics: {
      followers_count: user.followers,
      following_count: user.following ?? 0,
      tweet_count: user.posts ?? 0,
      listed_count: 12,
      like_count: 300,
    },
    url: '',
    verified: !!user.verified,
    verified_type: user.verified ? 'blue' : 'none',
    location: '',
  };
  const data: Record<string, unknown> = { id: user.id, name: user.name, username: user.handle };
  for (const field of fields) data[field] = all[field];
  return jsonReply(200, { data });
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** Fixed 15-minute windows on the fake's clock, as X reports them. */
export function createRateLimiter(now: () => number) {
  const buckets = new Map<string, { start: number; used: number }>();
  const bucket = (key: string) => {
    let current = buckets.get(key);
    if (!current || now() >= current.start + WINDOW_MS)
      buckets.set(key, (current = { start: now(), used: 0 }));
    return current;
  };
  return {
    exhausted: (key: string, limit: number) => bucket(key).used >= limit,
    count(key: string, limit: number): Record<string, string> {
      const current = bucket(key);
      current.used += 1;
      return {
        'x-rate-limit-limit': String(limit),
        'x-rate-limit-remaining': String(Math.max(0, limit - current.used)),
        'x-rate-limit-reset': String(Math.ceil((current.start + WINDOW_MS) / 1000)),
      };
    },
  };
}
