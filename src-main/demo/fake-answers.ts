import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { FaultSpec, Reply } from './fake-http';

/** How far a `huge` answer got, shared with the test that asked for it. */
export interface HugeAnswerProgress {
  /** Body bytes handed to the socket so far. */
  sent: number;
  /** The client hung up before the whole body was sent. */
  hungUp: boolean;
}

/** The answer gzip-compressed although the client asked for identity (a CDN edge may). */
export function gzipped(reply: Reply): Reply {
  return {
    ...reply,
    headers: { ...reply.headers, 'content-encoding': 'gzip' },
    body: gzipSync(reply.body ?? ''),
  };
}

const HUGE_CHUNK = Buffer.alloc(64 * 1024, 0x61);

/** A JSON answer of `fault.bytes`, written only as fast as the client reads it. */
export async function streamHuge(
  fault: Pick<FaultSpec, 'bytes' | 'progress'>,
  response: ServerResponse,
): Promise<void> {
  const progress = fault.progress ?? { sent: 0, hungUp: false };
  const total = fault.bytes ?? 300 * 1024 * 1024;
  response.on('close', () => {
    if (!response.writableFinished) progress.hungUp = true;
  });
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  response.write('{"data":"');
  while (progress.sent < total && !response.destroyed) {
    const chunk = HUGE_CHUNK.subarray(0, Math.min(HUGE_CHUNK.length, total - progress.sent));
    progress.sent += chunk.length;
    if (!response.write(chunk))
      await new Promise<void>((resolve) => {
        const done = () => {
          response.off('drain', done);
          response.off('close', done);
          resolve();
        };
        response.on('drain', done);
        response.on('close', done);
      });
  }
  if (!response.destroyed) response.end('"}');
}
