import { jsonReply, type FakeRequest, type Reply } from './fake-http';
import type { FakeContext } from './fake-oauth-server';

const SCOPE = 'https://www.googleapis.com/auth/';
/** Scopes channels.list accepts (an upload-only grant is refused). */
const READ_SCOPES = ['youtube', 'youtube.readonly', 'youtube.force-ssl'].map(
  (name) => SCOPE + name,
);

/** Google's API error envelope (`{"error":{"code","message","errors":[{reason}],"status"}}`). */
export function googleApiError(
  code: number,
  reason: string,
  message: string,
  status: string,
  headers: Record<string, string> = {},
): Reply {
  const error = { code, message, errors: [{ message, domain: 'global', reason }], status };
  return jsonReply(code, { error }, headers);
}

export const INVALID_CREDENTIALS = () =>
  googleApiError(
    401,
    'authError',
    'Request had invalid authentication credentials.',
    'UNAUTHENTICATED',
  );

/** channels.list?part=…&mine=true: the signed-in user's channel, or `items: []`. */
export function channels(context: FakeContext, request: FakeRequest): Reply {
  if (!request.bearer)
    return googleApiError(
      401,
      'required',
      'Request is missing required authentication credential.',
      'UNAUTHENTICATED',
    );
  const token = context.tokens.live(request.bearer, 'access');
  if (!token) return INVALID_CREDENTIALS();
  if (!token.grant.scopes.some((scope) => READ_SCOPES.includes(scope)))
    return googleApiError(
      403,
      'insufficientPermissions',
      'Request had insufficient authentication scopes.',
      'PERMISSION_DENIED',
    );
  const parts = (request.query.get('part') ?? '').split(',').filter(Boolean);
  if (!parts.length)
    return googleApiError(400, 'required', 'Required parameter: part', 'INVALID_ARGUMENT');
  if (request.query.get('mine') !== 'true')
    return googleApiError(
      400,
      'missingRequiredParameter',
      'No filter selected. Expected one of: mine, id, forHandle.',
      'INVALID_ARGUMENT',
    );
  const user = context.user(token.grant.userId);
  if (!user) return INVALID_CREDENTIALS();
  if (user.suspended)
    return googleApiError(
      403,
      'authenticatedUserAccountSuspended',
      'The YouTube account of the authenticated user is suspended.',
      'PERMISSION_DENIED',
    );
  const envelope = { kind: 'youtube#channelListResponse', etag: 'fake-etag' };
  if (user.noChannel)
    return jsonReply(200, {
      ...envelope,
      pageInfo: { totalResults: 0, resultsPerPage: 5 },
      items: [],
    });
  const item: Record<string, unknown> = { kind: 'youtube#channel', etag: 'fake-etag', id: user.id };
  const thumb = (size: number) => ({ url: user.avatarUrl ?? '', width: size, height: size });
  if (parts.includes('snippet'))
    item.snippet = {
      title: user.name,
      description: `${user.name} on YouTube (simulated).`,
      customUrl: `@${user.handle}`,
      publishedAt: '2019-04-02T10:00:00Z',
      thumbnails: { default: thumb(88), medium: thumb(240), high: thumb(800) },
      localized: { title: user.name, description: '' },
    };
  if (parts.includes('statistics'))
    // Counts arrive as strings; a hidden subscriber count is absent, not zero.
    item.statistics = {
      viewCount: String(user.followers * 37),
      ...(user.hiddenSubscribers ? {} : { subscriberCount: String(user.followers) }),
      hiddenSubscriberCount: !!user.hiddenSubscribers,
      videoCount: String(user.posts ?? 0),
    };
  return jsonReply(200, {
    ...envelope,
    pageInfo: { totalResults: 1, resultsPerPage: 5 },
    items: [item],
  });
}
