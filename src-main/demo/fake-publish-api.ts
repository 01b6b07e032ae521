import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonReply, type FakeRequest, type Reply } from './fake-http';
import type { FakeContext } from './fake-oauth-server';

/** TikTok answers "too many posts" past this many a day (it documents "around 15"). */
export const TIKTOK_FAKE_DAILY_POSTS = 15;
/** X's documented per-user 24-hour posting limit on the free tier. */
export const X_USER_DAILY_POSTS = 17;

const day = (now: number) => new Date(now).toISOString().slice(0, 10);
const posts = new WeakMap<FakeContext, Map<string, number>>();
function countPost(context: FakeContext, userId: string): number {
  let counts = posts.get(context);
  if (!counts) posts.set(context, (counts = new Map()));
  const key = `${userId}:${day(context.now())}`;
  const next = (counts.get(key) ?? 0) + 1;
  counts.set(key, next);
  return next;
}

const tiktokError = (status: number, code: string, message: string) =>
  jsonReply(status, { error: { code, message, log_id: randomBytes(8).toString('hex') } });

/** TikTok's Content Posting init endpoints: a publish id and an upload URL, or its refusals. */
export function tiktokPublishInit(context: FakeContext, request: FakeRequest): Reply {
  const record = context.tokens.live(request.bearer, 'access');
  if (!record)
    return tiktokError(401, 'access_token_invalid', 'The access token is invalid or not found.');
  const direct = !request.path.includes('/inbox/');
  const scope = direct ? 'video.publish' : 'video.upload';
  if (!record.grant.scopes.includes(scope))
    return tiktokError(401, 'scope_not_authorized', `The user did not authorize ${scope}.`);
  if (countPost(context, record.grant.userId) > TIKTOK_FAKE_DAILY_POSTS)
    return tiktokError(403, 'spam_risk_too_many_posts', 'The user has posted too much today.');
  const publishId = `v_${direct ? 'pub' : 'inbox'}_file~v2.${randomBytes(6).readUIntBE(0, 6)}`;
  return jsonReply(200, {
    data: {
      publish_id: publishId,
      upload_url: `https://open-upload.tiktokapis.com/video/?upload_id=${publishId}`,
    },
    error: { code: 'ok', message: '', log_id: randomBytes(8).toString('hex') },
  });
}

/** X `POST /2/tweets` with the per-user 24-hour limit headers X sends on posts. */
export function xCreateTweet(context: FakeContext, request: FakeRequest): Reply {
  const record = context.tokens.live(request.bearer, 'access');
  const unauthorized = {
    title: 'Unauthorized',
    type: 'about:blank',
    status: 401,
    detail: 'Unauthorized',
  };
  if (!record) return jsonReply(401, unauthorized, { 'content-type': 'application/problem+json' });
  if (!record.grant.scopes.includes('tweet.write'))
    return jsonReply(403, {
      title: 'Forbidden',
      type: 'about:blank',
      status: 403,
      detail: 'Missing tweet.write',
    });
  const used = countPost(context, record.grant.userId);
  const reset = String(Math.ceil((context.now() + 86_400_000) / 1000));
  const limits = {
    'x-rate-limit-limit': '100',
    'x-rate-limit-remaining': String(Math.max(0, 100 - used)),
    'x-rate-limit-reset': String(Math.ceil((context.now() + 900_000) / 1000)),
    'x-user-limit-24hour-limit': String(X_USER_DAILY_POSTS),
    'x-user-limit-24hour-remaining': String(Math.max(0, X_USER_DAILY_POSTS - used)),
    'x-user-limit-24hour-reset': reset,
  };
  if (used > X_USER_DAILY_POSTS)
    return jsonReply(
      429,
      { title: 'Too Many Requests', type: 'about:blank', status: 429, detail: 'Too Many Requests' },
      limits,
    );
  return jsonReply(201, { data: { id: String(1_800_000_000_000 + used), text: 'posted' } }, limits);
}

/** What the streaming upload endpoint has seen, for tests that prove bytes arrive as sent. */
export interface UploadStats {
  started: number;
  receivedBytes: number;
  completed: { bytes: number; sha256: string; bearer: string | null; headers: string[] }[];
}
const uploads = new WeakMap<FakeContext, UploadStats>();
export function uploadStatsOf(context: FakeContext): UploadStats {
  let stats = uploads.get(context);
  if (!stats) uploads.set(context, (stats = { started: 0, receivedBytes: 0, completed: [] }));
  return stats;
}

/**
 * YouTube's media upload (`/upload/youtube/v3/videos`): reads the body as it arrives, never
 * whole, so gigabytes pass through; 401 for a token that is not live (after the body, like Google).
 */
export async function youtubeUpload(
  context: FakeContext,
  incoming: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
  if (
    url.pathname !== '/upload/youtube/v3/videos' ||
    !['POST', 'PUT'].includes(incoming.method ?? '')
  )
    return false;
  const stats = uploadStatsOf(context);
  stats.started += 1;
  const bearer = /^Bearer (.+)$/.exec(incoming.headers.authorization ?? '')?.[1] ?? null;
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    stats.receivedBytes += chunk.length;
    hash.update(chunk);
  }
  const live = context.tokens.live(bearer, 'access');
  const status = live ? 200 : 401;
  const body = live
    ? { kind: 'youtube#video', id: randomBytes(6).toString('base64url'), bytes }
    : {
        error: {
          code: 401,
          message: 'Request had invalid authentication credentials.',
          status: 'UNAUTHENTICATED',
        },
      };
  if (live)
    stats.completed.push({
      bytes,
      sha256: hash.digest('hex'),
      bearer,
      headers: Object.keys(incoming.headers),
    });
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
  return true;
}

/** Upload stats of a started fake (every fake platform carries its context). */
export function uploadStatsFor(fake: object): UploadStats {
  return uploadStatsOf((fake as { context: FakeContext }).context);
}
