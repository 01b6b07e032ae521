import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../../src-shared/errors';
import type { Logger } from '../logger';
import { LOOPBACK_ADDRESS, startLoopbackServer, type LoopbackServer } from '../loopback-http';
import { sha256Hex } from '../sha256';
import { CALLBACK_HEADERS, renderCallbackPage, type CallbackPage } from './callback-page';

/** Longest callback URL accepted; real ones are a few hundred characters. */
export const MAX_CALLBACK_URL = 4096;

/**
 * The listener's own connection budget, apart from every other server's: the browser sends one
 * redirect (plus perhaps a favicon and a preconnect), so 16 is plenty; a flood beyond it sheds
 * its own silent and half-sent sockets, never the redirect that carries a code (X's lives 30 s).
 */
export const CALLBACK_MAX_CONNECTIONS = 16;

export interface CallbackListenerOptions {
  /** 0 picks a free port (Google, TikTok); a fixed port where the redirect is registered. */
  port: number;
  /** Names the setting that holds a fixed port, for the "port in use" error. */
  portSetting: string;
  /** Exact callback path (`/callback`, or `/callback/` for TikTok). */
  path: string;
  /** The sign-in's single-use state. */
  state: string;
  /**
   * Expect `<port>.<state>` instead: a relay forwards the browser to the port named there
   * (platforms/relay.ts). The listener's port is known only once it listens.
   */
  portPrefixedState?: boolean;
  /**
   * Runs inside the request handler for the one callback whose state matches — so the code is
   * exchanged while it is fresh (X codes live 30 s) — and returns the page to show.
   */
  onCallback(params: URLSearchParams): Promise<CallbackPage>;
  /** Stray requests (wrong state, path, method, host): answered, counted, otherwise ignored. */
  onStray?(reason: StrayReason): void;
  log: Logger;
}

export type StrayReason = 'method' | 'host' | 'path' | 'too_long' | 'state' | 'replay';

export interface CallbackListener {
  port: number;
  redirectUri: string;
  /** The exact state this listener accepts (the authorize URL must carry it). */
  state: string;
  /** Stops listening; a callback being handled finishes its page, then the server closes. */
  close(): Promise<void>;
}

const sameState = (given: string, expected: string) =>
  // Digests have equal length whatever was sent, so the comparison is constant-time.
  timingSafeEqual(Buffer.from(sha256Hex(given), 'hex'), Buffer.from(sha256Hex(expected), 'hex'));

function answer(response: ServerResponse, page: CallbackPage, extra: Record<string, string> = {}) {
  const body = renderCallbackPage(page);
  response.writeHead(page.status, {
    ...CALLBACK_HEADERS,
    ...extra,
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

const STRAY_PAGES: Record<StrayReason, CallbackPage> = {
  method: {
    status: 405,
    ok: false,
    title: 'Not here',
    message: 'This address only takes the sign-in redirect.',
  },
  host: {
    status: 403,
    ok: false,
    title: 'Not here',
    message: 'Use the address Switchboard gave the platform.',
  },
  path: {
    status: 404,
    ok: false,
    title: 'Not here',
    message: 'Nothing is here. Finish the sign-in in the tab the platform opened.',
  },
  too_long: {
    status: 414,
    ok: false,
    title: 'Not here',
    message: 'That address is too long to be a sign-in redirect.',
  },
  state: {
    status: 400,
    ok: false,
    title: 'This sign-in link is not the one Switchboard is waiting for',
    message:
      'Switchboard ignored it. If you started a sign-in, finish it in the tab the platform opened, or start it again from the app.',
  },
  replay: {
    status: 409,
    ok: false,
    title: 'This sign-in was already used',
    message: 'Switchboard already received this sign-in. Go back to the app.',
  },
};

/**
 * The one-shot loopback redirect target of RFC 8252: 127.0.0.1 only, exact path, GET only, Host
 * checked, single-use state compared in constant time. A request that fails any check gets an
 * error page and is otherwise ignored — any local process could send one, so it must not end
 * the sign-in. The first valid callback is handled, its page written, and the listener closes.
 */
export async function startCallbackListener(
  options: CallbackListenerOptions,
): Promise<CallbackListener> {
  let consumed = false;
  let answering = false;
  let port = options.port;
  let expectedState = options.state;
  let server: LoopbackServer | null = null;

  const stray = (response: ServerResponse, reason: StrayReason) => {
    options.onStray?.(reason);
    answer(response, STRAY_PAGES[reason], reason === 'method' ? { Allow: 'GET' } : {});
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const target = request.url ?? '/';
    if (target.length > MAX_CALLBACK_URL) return stray(response, 'too_long');
    if (request.method !== 'GET') return stray(response, 'method');
    if (request.headers.host !== `${LOOPBACK_ADDRESS}:${port}`) return stray(response, 'host');
    const url = new URL(target, `http://${LOOPBACK_ADDRESS}:${port}`);
    if (url.pathname !== options.path) return stray(response, 'path');
    const state = url.searchParams.get('state');
    if (!state || !sameState(state, expectedState)) return stray(response, 'state');
    if (consumed) return stray(response, 'replay');
    consumed = true;
    answering = true;
    const page = await options.onCallback(url.searchParams);
    // One shot: stop accepting before the page goes out, so nothing after it can reach us.
    server?.stopAccepting();
    answer(response, page, { Connection: 'close' });
    // One shot: once the page is on its way, nothing else is listened for.
    response.on('finish', () => void server?.close());
  };

  try {
    server = await startLoopbackServer('oauth callback', options.port, handle, options.log, {
      maxConnections: CALLBACK_MAX_CONNECTIONS,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new AppError(
        'oauth_port_in_use',
        `Port ${options.port} is taken by another program, so the sign-in cannot come back to Switchboard. Close that program or change ${options.portSetting} in Settings → Platforms (and the redirect URI registered with the platform).`,
      );
    }
    throw error;
  }
  port = server.port;
  if (options.portPrefixedState) expectedState = `${port}.${options.state}`;
  const listening = server;
  return {
    port,
    redirectUri: `http://${LOOPBACK_ADDRESS}:${port}${options.path}`,
    state: expectedState,
    // While the one callback is being answered, its own `finish` closes the server: closing now
    // would cut off the page the creator is waiting for.
    close: () => (answering ? Promise.resolve() : listening.close()),
  };
}
