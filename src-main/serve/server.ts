import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/app';
import { failure } from '../core/dispatch';
import type { Logger } from '../core/logger';
import {
  hasBearer,
  isAllowedOrigin,
  isLoopbackHost,
  LOOPBACK_ADDRESS,
  sendJson,
  startLoopbackServer,
} from '../core/loopback-http';
import { sha256Hex } from '../core/sha256';
import { RENDERER_HEADERS, resolveAsset } from '../core/static-assets';
import { handleChannelCall, handleEventStream } from './api-routes';

export interface ServeServerOptions {
  core: Pick<Core, 'dispatch' | 'subscribe'>;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port: number;
  /** Per-launch secret the page receives in the URL fragment and sends as a bearer token. */
  secret: string;
  log: Logger;
}

export interface ServeServer {
  port: number;
  /** The URL to open, secret included in the fragment (never sent to the server by browsers). */
  pageUrl: string;
  close(): Promise<void>;
}

/** Serve mode's HTTP side: the built renderer plus the IPC contract, on 127.0.0.1 only. */
export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  const { core, rendererDir, secret, log } = options;
  const openStreams = new Set<() => void>();
  let port = options.port;
  const secretSha256 = sha256Hex(secret);

  const serveStatic = (request: IncomingMessage, response: ServerResponse, path: string) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, failure('method_not_allowed'), { Allow: 'GET, HEAD' });
      return;
    }
    const asset = resolveAsset(rendererDir, path);
    if (!asset) {
      sendJson(response, 404, failure('not_found'));
      return;
    }
    response.writeHead(200, {
      ...RENDERER_HEADERS,
      'Content-Type': asset.contentType,
      'Cache-Control': path.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-store',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(asset.filePath).pipe(response);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (!isLoopbackHost(request.headers.host, port)) {
      sendJson(response, 403, failure('forbidden_host'));
      return;
    }
    if (!isAllowedOrigin(request, port)) {
      sendJson(response, 403, failure('forbidden_origin'));
      return;
    }
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (!path.startsWith('/api/')) {
      serveStatic(request, response, path);
      return;
    }
    if (!hasBearer(request, secretSha256)) {
      sendJson(response, 401, failure('unauthorized'), { 'WWW-Authenticate': 'Bearer' });
      return;
    }
    const channel = path.slice('/api/'.length);
    if (channel === 'events') {
      if (request.method !== 'GET') {
        sendJson(response, 405, failure('method_not_allowed'), { Allow: 'GET' });
        return;
      }
      handleEventStream(response, core.subscribe, (close) => {
        openStreams.add(close);
        return () => openStreams.delete(close);
      });
      return;
    }
    await handleChannelCall(request, response, channel, core.dispatch);
  };

  const server = await startLoopbackServer('serve', options.port, handle, log);
  port = server.port;
  return {
    port,
    pageUrl: `http://${LOOPBACK_ADDRESS}:${port}/#key=${secret}`,
    close: async () => {
      for (const close of openStreams) close();
      await server.close();
    },
  };
}
