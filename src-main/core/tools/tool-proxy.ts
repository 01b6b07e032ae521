import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors as undiciErrors, request as undiciRequest, type Dispatcher } from 'undici';
import type { AccountBrief } from '../vault/accounts-repo';
import { AppError, isAppError } from '../../../src-shared/errors';
import { PLATFORM_DESCRIPTORS } from '../platforms/descriptors';
import { nextUtcMidnight } from './posting-day';
import { peekBody, plainAnswer } from './proxy-answer';
import { auditPath, auditProxied } from './proxy-audit';
import { refuseTokenMinting } from './proxy-guard';
import { relayMasked, sendMasked } from './proxy-relay';
import { downstreamHeaders, upstreamHeaders } from './proxy-headers';
import { afterRefusal, createRejectionGate, type RejectionGate } from './proxy-rejection';
import { proxyTarget } from './proxy-target';
import { endpointKey, isPostCall, rateLimitsOf } from './proxy-usage';
import { accountFor, auditTool, refuseIfNeedsCreator, type ToolsApiDeps } from './tool-context';
import type { ToolIdentity } from './tool-keys-repo';

/** Bodies up to this size are read first, so a call refused with 401 can be sent again. */
export const REPLAYABLE_BODY_BYTES = 64 * 1024;
/**
 * A post's answer is read whole to see the platform's own "too many posts" (a few hundred
 * bytes); reading stops past this size and the tool gets `proxy_answer_too_large`.
 */
export const POST_ANSWER_BYTES = 256 * 1024;
/**
 * Answers that declare at most this size are read whole and masked in one go: a stream pipeline
 * per call cost more than the rest of a small read. Larger or undeclared answers stream.
 */
export const WHOLE_ANSWER_BYTES = 64 * 1024;
/** Validity the proxied call's token must have when it leaves. */
const PROXY_MIN_VALIDITY_SECONDS = 120;

/** Posts in flight per account, so concurrent posts cannot together pass the daily cap. */
const reserved = new WeakMap<ToolsApiDeps, Map<string, number>>();

type Body = Buffer | IncomingMessage | null;

/** One rejection gate per API instance: the cooldown of refreshes after proxied 401s. */
const gates = new WeakMap<ToolsApiDeps, RejectionGate>();
const gateOf = (deps: ToolsApiDeps): RejectionGate => {
  let gate = gates.get(deps);
  if (!gate) gates.set(deps, (gate = createRejectionGate(deps)));
  return gate;
};

/** Reads a small declared body whole; anything else streams. */
async function bodyOf(request: IncomingMessage): Promise<{ body: Body; replayable: boolean }> {
  const chunked = request.headers['transfer-encoding'] !== undefined;
  const length = Number(request.headers['content-length'] ?? 0);
  if (!chunked && !(length > 0)) return { body: null, replayable: true };
  if (chunked || length > REPLAYABLE_BODY_BYTES) return { body: request, replayable: false };
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return { body: Buffer.concat(chunks), replayable: true };
}

/**
 * `/v1/proxy/{account}/{path}`: the tool's call, sent to the account's platform API origin
 * (through the origin table) with the account's access token; bodies stream both ways.
 */
export async function proxyCall(
  deps: ToolsApiDeps,
  tool: ToolIdentity,
  accountId: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const account = accountFor(deps, tool, accountId, 'proxy');
  const target = proxyTarget(request.url ?? '', account.provider, deps.origins);
  const method = (request.method ?? 'GET').toUpperCase();
  refuseTokenMinting(deps, tool, account, method, target);
  refuseIfNeedsCreator(account);
  const isPost = isPostCall(account.platform, method, target.path);
  const describe = (status: number | string) =>
    `tool "${tool.name}" ${method} ${auditPath(target.path)} → ${status}`;

  let release = () => {};
  if (isPost) release = reservePost(deps, account, tool, describe);
  try {
    const { body, replayable } = await bodyOf(request);
    refuseTokenMinting(deps, tool, account, method, target, { headers: request.headers, body });
    const hangUp = hangUpSignal(response);
    let secrets = await deps.keeper.ensureFresh(
      accountId,
      PROXY_MIN_VALIDITY_SECONDS,
      `tool:${tool.name}`,
    );
    const send = async (accessToken: string) =>
      plainAnswer(
        await callPlatform(deps, target.url, method, request, body, accessToken, hangUp),
        method,
      );
    let answer = await send(secrets.accessToken);
    const validBefore = secrets.accessExpiresAt === null || secrets.accessExpiresAt > deps.now();
    if (answer.status === 401 && validBefore) {
      // The platform refused a token that should still work (revoked elsewhere, rotated early).
      const next = await afterRefusal({
        adapter: deps.adapters[account.provider],
        gate: gateOf(deps),
        log: deps.log,
        accountId,
        reason: `tool:${tool.name}`,
        path: target.path,
        rejected: secrets.accessToken,
        replayable,
        answer,
      });
      if ('retryWith' in next) {
        secrets = next.retryWith;
        answer = await send(secrets.accessToken);
      } else answer = next.answer;
    }
    recordLimits(deps, account, method, target.path, answer.headers);
    const headers = downstreamHeaders(answer.headers, [secrets.accessToken]);
    let forwarded = answer.body;
    let whole: Buffer | null = null;
    if (isPost) {
      const peeked = await peekBody(answer.body, POST_ANSWER_BYTES);
      // A post that published still counts, even when its answer is too large to forward.
      notePost(deps, account, answer.status, peeked.head.toString('utf8'));
      if (!peeked.complete) {
        peeked.stop();
        throw new AppError('proxy_answer_too_large');
      }
      whole = peeked.head;
    } else if (Number(answer.headers['content-length'] ?? Infinity) <= WHOLE_ANSWER_BYTES) {
      const peeked = await peekBody(answer.body, WHOLE_ANSWER_BYTES);
      if (peeked.complete) whole = peeked.head;
      else forwarded = peeked.replay();
    }
    response.writeHead(answer.status, headers);
    if (whole) await sendMasked(whole, [secrets.accessToken], response);
    else await relayMasked(forwarded, [secrets.accessToken], response);
    auditProxied(deps, account, tool, method, target.path, answer.status);
  } catch (error) {
    // A refusal of a token endpoint has its own audit row already.
    if (!isAppError(error) || error.code !== 'proxy_path_forbidden')
      auditProxied(deps, account, tool, method, target.path, 'not completed');
    throw error;
  } finally {
    release();
  }
}

/** Emits 'abort' when the tool hangs up before its answer is written; undici then cancels. */
export type HangUp = EventEmitter & { aborted: boolean };

/**
 * An EventEmitter, which undici takes as a signal as readily as an AbortSignal: an
 * AbortController per call (an EventTarget, its listeners and reason) cost more than the
 * rest of the call's own bookkeeping.
 */
export function hangUpSignal(response: ServerResponse): HangUp {
  const signal = Object.assign(new EventEmitter(), { aborted: false });
  response.once('close', () => {
    if (response.writableFinished) return;
    signal.aborted = true;
    signal.emit('abort');
  });
  return signal;
}

function callPlatform(
  deps: ToolsApiDeps,
  url: URL,
  method: string,
  request: IncomingMessage,
  body: Body,
  accessToken: string,
  signal: HangUp,
): Promise<Dispatcher.ResponseData<unknown>> {
  const length = body === null ? null : Buffer.isBuffer(body) ? body.length : null;
  const headers = upstreamHeaders(request.headers, accessToken, length);
  if (body !== null && !Buffer.isBuffer(body)) {
    const declared = request.headers['content-length'];
    if (declared !== undefined && request.headers['transfer-encoding'] === undefined)
      headers['content-length'] = declared;
  }
  const timeout = deps.upstreamTimeoutMs ?? 60_000;
  return undiciRequest(url, {
    method: method as Dispatcher.HttpMethod,
    headers,
    body,
    signal,
    headersTimeout: timeout,
    bodyTimeout: timeout,
  }).catch((error: unknown) => {
    if (error instanceof undiciErrors.HeadersTimeoutError)
      throw new AppError('proxy_upstream_timeout');
    if (signal.aborted) throw new AppError('connection_lost', 'The tool hung up.');
    throw new AppError('proxy_upstream_failed', undefined, { cause: error });
  });
}

function recordLimits(
  deps: ToolsApiDeps,
  account: AccountBrief,
  method: string,
  path: string,
  headers: Record<string, string | string[] | undefined>,
): void {
  for (const snapshot of rateLimitsOf(
    account.platform,
    endpointKey(method, path),
    headers,
    deps.now(),
  )) {
    try {
      deps.usage.recordRateLimit(account.id, snapshot);
    } catch (error) {
      deps.log.warn(`rate limit of a proxied call not recorded: ${(error as Error).message}`);
    }
  }
}

/** Refuses a post over the daily cap before the platform sees it; else holds one place. */
function reservePost(
  deps: ToolsApiDeps,
  account: AccountBrief,
  tool: ToolIdentity,
  describe: (status: string) => string,
): () => void {
  let places = reserved.get(deps);
  if (!places) reserved.set(deps, (places = new Map()));
  const inFlight = places.get(account.id) ?? 0;
  const left = deps.usage.postsLeftToday(account.id);
  if (left !== null && left - inFlight <= 0) {
    auditTool(deps, account, 'tool_request', 'failed', describe('held back: daily posting cap'));
    throw new AppError('posting_cap_reached');
  }
  places.set(account.id, inFlight + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const now = (places.get(account.id) ?? 1) - 1;
    if (now > 0) places.set(account.id, now);
    else places.delete(account.id);
  };
}

/** A published post counts; TikTok's own "too many posts" closes posting until midnight UTC. */
function notePost(deps: ToolsApiDeps, account: AccountBrief, status: number, text: string): void {
  try {
    if (text.includes('spam_risk_too_many_posts')) {
      deps.usage.markPostingCapped(account.id, nextUtcMidnight(deps.now()));
      return;
    }
    const failedDespiteSuccess =
      PLATFORM_DESCRIPTORS[account.platform].posting?.failedDespiteSuccess;
    // Some platforms (TikTok) answer 200 with an error in the body.
    const failed = status < 200 || status >= 300 || (failedDespiteSuccess?.(text) ?? false);
    if (!failed) deps.usage.recordPost(account.id);
  } catch (error) {
    deps.log.warn(`post of a proxied call not counted: ${(error as Error).message}`);
  }
}
