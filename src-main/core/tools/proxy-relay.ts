import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { AppError } from '../../../src-shared/errors';
import { cachedEchoMatcher, chunkMasker } from './proxy-mask';

/**
 * Forwards an answer body with every echo of the secrets masked (proxy-mask.ts `chunkMasker`:
 * an echo split across chunks is still found), pausing the platform while the tool is slow to
 * read. Plain events rather than a pipeline or `for await`: either per call (abort signals,
 * async iterators, error objects on every finish) cost more than the rest of a small proxied
 * read. Resolves once the tool has the whole answer; rejects with `connection_lost` when the
 * tool hung up first (and hangs up on the platform too), or with the body's own error.
 */
export function relayMasked(
  body: Readable,
  secrets: readonly string[],
  response: ServerResponse,
): Promise<void> {
  const masker = chunkMasker(cachedEchoMatcher(secrets));
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    // The body's 'error' listener stays: an abort may fail the body after the tool hung up.
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      body.off('data', onData).off('end', onEnd).off('close', onBodyClose);
      response.off('drain', onDrain).off('close', onClose);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onData = (chunk: Buffer) => {
      const safe = masker.push(chunk);
      if (safe.length > 0 && !response.write(safe)) body.pause();
    };
    const onDrain = () => body.resume();
    const onEnd = () => {
      const rest = masker.end();
      response.end(rest.length > 0 ? rest : undefined);
    };
    // A body destroyed before its end, without an error of its own (as `for await` reports it).
    const onBodyClose = () => {
      if (!body.readableEnded) settle(new Error('The platform answer ended early.'));
    };
    const onClose = () => {
      if (response.writableFinished) return settle();
      // The tool hung up: so does the relay, upstream.
      body.destroy();
      settle(new AppError('connection_lost', 'The tool hung up.'));
    };
    body.on('data', onData).once('end', onEnd).on('error', settle).once('close', onBodyClose);
    response.on('drain', onDrain).once('close', onClose);
    if (response.destroyed) onClose();
  });
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
