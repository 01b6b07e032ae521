import { open, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { failure } from '../core/dispatch';
import type { Logger } from '../core/logger';
import { sendJson } from '../core/loopback-http';
import { RENDERER_HEADERS, resolveAsset, type Asset } from '../core/static-assets';

/** Open errors that mean the file is simply not there: a rebuild or upgrade may remove it at any moment. */
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ELOOP']);

/** The first read, made before the status is chosen; Node's own stream chunk size. */
const FIRST_READ_BYTES = 64 * 1024;

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'error';

/**
 * resolveAsset, for a folder that may change under it: a file removed between being seen and being
 * stat'ed is simply missing. Node's message names the absolute path, so only the code is logged.
 */
function findAsset(rendererDir: string, path: string, log: Logger): Asset | null | 'unreadable' {
  try {
    return resolveAsset(rendererDir, path);
  } catch (error) {
    if (MISSING.has(errorCode(error))) return null;
    log.warn(`renderer file could not be found: ${errorCode(error)}`);
    return 'unreadable';
  }
}

/**
 * Serves one file of the built renderer. The file is opened and first read before the status is
 * chosen, so a missing or unreadable file is a 404 or 500 answer; the rest streams for exactly as
 * long as the response lives: a client that leaves, or a read that fails, closes the file at once.
 */
export async function serveStatic(
  request: IncomingMessage,
  response: ServerResponse,
  rendererDir: string,
  path: string,
  log: Logger,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendJson(response, 405, failure('method_not_allowed'), { Allow: 'GET, HEAD' });
    return;
  }
  const asset = findAsset(rendererDir, path, log);
  if (asset === 'unreadable') {
    sendJson(response, 500, failure('internal'));
    return;
  }
  if (!asset) {
    sendJson(response, 404, failure('not_found'));
    return;
  }
  let file: FileHandle;
  try {
    file = await open(asset.filePath, 'r');
  } catch (error) {
    if (MISSING.has(errorCode(error))) sendJson(response, 404, failure('not_found'));
    else {
      log.warn(`renderer file could not be opened: ${errorCode(error)}`);
      sendJson(response, 500, failure('internal'));
    }
    return;
  }
  let streaming = false;
  try {
    if (!(await file.stat()).isFile()) {
      sendJson(response, 404, failure('not_found'));
      return;
    }
    // Read before answering, so an unreadable file is a 500 rather than a 200 cut short.
    const first = Buffer.allocUnsafe(FIRST_READ_BYTES);
    const { bytesRead } = await file.read(first, 0, first.length, 0);
    response.writeHead(200, {
      ...RENDERER_HEADERS,
      'Content-Type': asset.contentType,
      'Cache-Control': path.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-store',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    // A short read of a regular file is its end: most renderer files are sent in one piece.
    if (bytesRead < first.length) {
      response.end(first.subarray(0, bytesRead));
      return;
    }
    response.write(first);
    streaming = true;
    // pipeline destroys the file stream (closing the file) when the response closes early or fails.
    await pipeline(file.createReadStream({ start: bytesRead }), response).catch(
      (error: unknown) => {
        if (errorCode(error) !== 'ERR_STREAM_PREMATURE_CLOSE')
          log.warn(`renderer file could not be sent: ${errorCode(error)}`);
      },
    );
  } catch (error) {
    log.warn(`renderer file could not be read: ${errorCode(error)}`);
    if (!response.headersSent) sendJson(response, 500, failure('internal'));
    else response.destroy();
  } finally {
    if (!streaming) await file.close().catch(() => {});
  }
}
