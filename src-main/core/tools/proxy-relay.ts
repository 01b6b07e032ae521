import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { AppError } from '../../../src-shared/errors';
import { cachedEchoMatcher } from './proxy-mask';

/** Waits for the tool to take more (or hang up). */
const drained = (response: ServerResponse, closed: Promise<unknown>) =>
  Promise.race([new Promise((resolve) => response.once('drain', resolve)), closed]);

/**
 * Forwards an answer body with every echo of the secrets masked (proxy-mask.ts), the same
 * bytes `secretMask` would give, keeping back the last (longest echo − 1) bytes between chunks
 * so an echo split across chunks is still found. Hand-written rather than a stream pipeline:
 * a pipeline per call (abort signals, error objects on every finish) cost more than the rest
 * of a small proxied read. Resolves once the tool has the whole answer; throws
 * `connection_lost` when the tool hung up first, or the body's own error.
 */
export async function relayMasked(
  body: Readable,
  secrets: readonly string[],
  response: ServerResponse,
): Promise<void> {
  const matcher = cachedEchoMatcher(secrets);
  const keep = Math.max(0, matcher.longest - 1);
  const closed = new Promise((resolve) =>
    response.once('close', () => {
      // The tool hung up: so does the relay, upstream (as a pipeline would).
      if (!response.writableFinished) body.destroy();
      resolve(undefined);
    }),
  );
  let pending: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of body) {
      if (response.destroyed) break;
      const buffer = matcher.mask(Buffer.concat([pending, chunk as Buffer]));
      const cut = Math.max(0, buffer.length - keep);
      pending = buffer.subarray(cut);
      if (cut > 0 && !response.write(buffer.subarray(0, cut))) await drained(response, closed);
    }
  } catch (error) {
    if (response.destroyed && !response.writableFinished)
      throw new AppError('connection_lost', 'The tool hung up.');
    throw error;
  }
  // `pending` was masked with the bytes before it; nothing after it can complete an echo.
  if (!response.destroyed) response.end(pending.length > 0 ? pending : undefined);
  await closed;
  if (!response.writableFinished) throw new AppError('connection_lost', 'The tool hung up.');
}

/** A body already read whole: masked in one go and sent. */
export async function sendMasked(
  whole: Buffer,
  secrets: readonly string[],
  response: ServerResponse,
): Promise<void> {
  const closed = new Promise((resolve) => response.once('close', resolve));
  response.end(cachedEchoMatcher(secrets).mask(whole));
  await closed;
  if (!response.writableFinished) throw new AppError('connection_lost', 'The tool hung up.');
}
