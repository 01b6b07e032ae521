import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/app';
import { failure } from '../core/dispatch';
import type { Logger } from '../core/logger';
import {
  bearerOf,
  isAllowedOrigin,
  isLoopbackHost,
  LOOPBACK_ADDRESS,
  sendJson,
  startLoopbackServer,
} from '../core/loopback-http';
import { handleChannelCall, handleEventStream, MAX_EVENT_STREAMS } from './api-routes';
import { createSessionStore, type SessionStore } from './sessions';
import { serveStatic } from './static-files';

export interface ServeServerOptions {
  core: Pick<Core, 'dispatch' | 'subscribe'>;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port: number;
  log: Logger;
}

export interface ServeServer {
  port: number;
  /** The first link to open: a one-use secret in the fragment, which browsers never send. */
  pageUrl: string;
  /** Mints a fresh one-use link; an earlier link that was not used yet stops working. */
  newPageUrl(): string;
  close(): Promise<void>;
}

const NO_SESSION =
  'This page has no Switchboard session: open the link serve mode printed (a session belongs to the tab that opened it, and tabs it opens). Each link works once; send serve mode SIGUSR1 to print a new one.';
const LINK_SPENT =
  'This link was used already or replaced (each printed link works once); send serve mode SIGUSR1 to print a new one.';

/**
 * `POST /api/session`: the printed link's secret as bearer buys one session token, once. The token
 * comes back in the JSON body (no cookie): the page keeps it in sessionStorage and sends it as
 * `Authorization: Bearer` on every call, which no page of another origin can do for it.
 */
function exchangeLink(request: IncomingMessage, response: ServerResponse, sessions: SessionStore) {
  if (request.method !== 'POST') {
    sendJson(response, 405, failure('method_not_allowed'), { Allow: 'POST' });
    return;
  }
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
    sendJson(response, 400, failure('invalid_input', 'Send the request as application/json.'));
    return;
  }
  const bearer = bearerOf(request);
  const token = bearer === null ? null : sessions.exchange(bearer);
  if (token === null) {
    sendJson(response, 401, failure('unauthorized', LINK_SPENT), { 'WWW-Authenticate': 'Bearer' });
    return;
  }
  sendJson(response, 200, { ok: true, value: { session: token } });
}

/** Serve mode's HTTP side: the built renderer plus the IPC contract, on 127.0.0.1 only. */
export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  const { core, rendererDir, log } = options;
  const openStreams = new Set<() => void>();
  let port = options.port;
  let sessions: SessionStore | null = null;

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
      await serveStatic(request, response, rendererDir, path, log);
      return;
    }
    // A page on another 127.0.0.1 port is same-site: only our own page, or no browser, may call.
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') {
      sendJson(response, 403, failure('forbidden_origin'));
      return;
    }
    if (!sessions) throw new Error('serve server answered before it listened');
    if (path === '/api/session') {
      exchangeLink(request, response, sessions);
      return;
    }
    // Only the header counts: a cookie would reach every port on 127.0.0.1 (see sessions.ts).
    if (!sessions.isSession(bearerOf(request))) {
      sendJson(response, 401, failure('unauthorized', NO_SESSION), {
        'WWW-Authenticate': 'Bearer',
      });
      return;
    }
    const channel = path.slice('/api/'.length);
    if (channel === 'events') {
      if (request.method !== 'GET') {
        sendJson(response, 405, failure('method_not_allowed'), { Allow: 'GET' });
        return;
      }
      if (openStreams.size >= MAX_EVENT_STREAMS) {
        sendJson(response, 503, failure('too_many_streams'), { 'Retry-After': '5' });
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
  const store = createSessionStore();
  sessions = store;
  const newPageUrl = () => `http://${LOOPBACK_ADDRESS}:${port}/#key=${store.newLinkSecret()}`;
  return {
    port,
    pageUrl: newPageUrl(),
    newPageUrl,
    close: async () => {
      for (const close of openStreams) close();
      await server.close();
    },
  };
}
