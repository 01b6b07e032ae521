import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Result } from '../../src-shared/ipc-contract';
import { isAppError, type ErrorCode } from '../../src-shared/errors';
import type { Dispatch } from '../core/dispatch';
import { failure } from '../core/dispatch';
import type { EventListener } from '../core/event-bus';
import { readJsonBody, sendJson } from '../core/loopback-http';

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  unknown_channel: 404,
  invalid_input: 400,
  payload_too_large: 413,
  internal: 500,
  invalid_output: 500,
};

function statusOf(result: Result<unknown>): number {
  return result.ok ? 200 : (STATUS_BY_CODE[result.error.code] ?? 200);
}

/** `POST /api/<channel>`: the channel's input as the JSON body, the Result JSON as the answer. */
export async function handleChannelCall(
  request: IncomingMessage,
  response: ServerResponse,
  channel: string,
  dispatch: Dispatch,
): Promise<void> {
  if (request.method !== 'POST') {
    sendJson(response, 405, failure('method_not_allowed'), { Allow: 'POST' });
    return;
  }
  // A JSON content type forces a CORS preflight on cross-site fetches, which we never answer.
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
    sendJson(response, 400, failure('invalid_input', 'Send the input as application/json.'));
    return;
  }
  let input: unknown;
  try {
    input = await readJsonBody(request);
  } catch (error) {
    const result = isAppError(error) ? failure(error.code, error.message) : failure('internal');
    sendJson(response, statusOf(result), result, { Connection: 'close' });
    return;
  }
  const result = await dispatch(channel, input);
  sendJson(response, statusOf(result), result);
}

const KEEPALIVE_MS = 15_000;

/** Event streams open at once: one per tab, so this only stops a flood of idle streams. */
export const MAX_EVENT_STREAMS = 16;

/**
 * Bytes a stream may hold queued for a page that does not read. Checked before each write, so a
 * stream costs at most this plus one event; past it the stream ends and the page reconnects.
 */
export const MAX_STREAM_BUFFER_BYTES = 1024 * 1024;

/** `GET /api/events`: the contract's events as server-sent events until the page goes away. */
export function handleEventStream(
  response: ServerResponse,
  subscribe: (listener: EventListener) => () => void,
  onOpen: (close: () => void) => () => void,
): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'keep-alive',
  });
  const send = (text: string) => {
    if (response.destroyed) return;
    // destroy, not end: end would queue behind the bytes the page is not reading, and keep them.
    if (response.writableLength > MAX_STREAM_BUFFER_BYTES) response.destroy();
    else response.write(text);
  };
  send(': connected\n\n');
  const unsubscribe = subscribe(({ event, payload }) => {
    send(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const keepalive = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS);
  const forget = onOpen(() => response.end());
  response.on('close', () => {
    clearInterval(keepalive);
    unsubscribe();
    forget();
  });
}
