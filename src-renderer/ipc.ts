import {
  channels,
  events,
  isEventName,
  ResultSchema,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
  type Result,
  type SwitchboardBridge,
} from '../src-shared/ipc-contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in serve mode. */
    switchboard?: SwitchboardBridge;
  }
}

import { IpcError } from './ipc-error';

export { asIpcError, IpcError } from './ipc-error';

/** Where this tab keeps its serve-mode session token. */
const SESSION_KEY = 'switchboard.session';

/**
 * Serve mode: the printed link carries a one-use secret in its fragment. Browsers keep that URL
 * in their history, so the page spends it at once for a session token. The token lives in
 * sessionStorage, which belongs to this exact origin (port included) and this tab: reloads keep
 * it and a tab this page opens gets a copy, but no page on another 127.0.0.1 port can read it
 * (a cookie would be sent to all of them). A brand new tab has none and needs a fresh link.
 */
async function startServeSession(): Promise<string | null> {
  // Earlier versions kept the link secret itself here.
  sessionStorage.removeItem('switchboard.key');
  const match = /(?:^#|&)key=([^&]+)/.exec(window.location.hash);
  const kept = sessionStorage.getItem(SESSION_KEY);
  if (!match?.[1]) return kept;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  try {
    const response = await fetch('/api/session', {
      method: 'POST',
      headers: { Authorization: `Bearer ${match[1]}`, 'Content-Type': 'application/json' },
      body: '{}',
      credentials: 'omit',
    });
    const answer = (await response.json()) as { ok: boolean; value?: { session?: unknown } };
    const token = answer.ok ? answer.value?.session : undefined;
    if (typeof token !== 'string') return kept;
    sessionStorage.setItem(SESSION_KEY, token);
    return token;
  } catch {
    // Unreachable server: the calls below report it.
    return kept;
  }
}

/** Request options carrying the tab's session token; cookies are never a credential here. */
function withSession(token: string | null, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return { ...init, headers, credentials: 'omit' };
}

/**
 * Whether this page can reach main: `online`, `offline` (the server stopped answering), or
 * `unauthorized` (it answers but no longer knows this page, e.g. after a restart).
 */
export type ConnectionState = 'online' | 'offline' | 'unauthorized';

const connectionListeners = new Set<(state: ConnectionState) => void>();
let connection: ConnectionState = 'online';

function setConnection(next: ConnectionState): void {
  if (next === connection) return;
  connection = next;
  for (const listener of connectionListeners) listener(next);
}

export function connectionState(): ConnectionState {
  return connection;
}

/** Hears every change of the connection state; returns the unsubscribe function. */
export function onConnectionChange(listener: (state: ConnectionState) => void): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

/** Wakes the event stream's reconnect wait, so a Retry button tries at once. */
let wakeStream: (() => void) | null = null;

/** Tries to reach main now instead of at the next automatic attempt. */
export function retryConnection(): void {
  wakeStream?.();
}

function parseSseBlock(block: string): { event: string; data: string } | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  return data.length > 0 ? { event, data: data.join('\n') } : null;
}

/**
 * The serve-mode transport: POST /api/<channel> and server-sent events, each carrying the session
 * token as a header. The events are read with a streaming fetch, not EventSource, because
 * EventSource cannot send headers (and a token in its URL would land in logs and history).
 */
function httpBridge(session: Promise<string | null>): SwitchboardBridge {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let stream: AbortController | null = null;

  /** The stream being read now; the browser going offline ends it at once. */
  let attempt: AbortController | null = null;
  window.addEventListener('offline', () => {
    setConnection('offline');
    attempt?.abort();
  });
  window.addEventListener('online', () => retryConnection());

  const connect = async (controller: AbortController) => {
    const token = await session;
    while (!controller.signal.aborted) {
      try {
        attempt = new AbortController();
        const stop = attempt;
        controller.signal.addEventListener('abort', () => stop.abort(), { once: true });
        const response = await fetch('/api/events', withSession(token, { signal: attempt.signal }));
        if (response.status === 401) setConnection('unauthorized');
        if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);
        setConnection('online');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = parseSseBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (message)
              for (const listener of listeners) listener(message.event, JSON.parse(message.data));
          }
        }
      } catch {
        // Dropped or refused: wait and reconnect unless the last listener left.
      }
      if (controller.signal.aborted) break;
      // A stream that ends is a server that went away (its keepalive never ends it otherwise).
      if (connection === 'online') setConnection('offline');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        wakeStream = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeStream = null;
    }
  };

  return {
    async invoke(channel, input) {
      const token = await session;
      let response: Response;
      try {
        response = await fetch(
          `/api/${encodeURIComponent(channel)}`,
          withSession(token, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(input ?? {}),
          }),
        );
      } catch (error) {
        setConnection('offline');
        throw error;
      }
      if (response.status === 401) setConnection('unauthorized');
      return ResultSchema.parse(await response.json()) as Result<unknown>;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!stream) {
        stream = new AbortController();
        void connect(stream);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stream) {
          stream.abort();
          stream = null;
        }
      };
    },
  };
}

/** Whichever transport exists: Electron's preload bridge, else serve mode's HTTP. Chosen at
 * load so the secret leaves the address bar, and is spent, before anything else runs. */
const bridge: SwitchboardBridge = window.switchboard ?? httpBridge(startServeSession());

/** Calls a contract channel; resolves with its checked output or throws IpcError. */
export async function invoke<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await bridge.invoke(channel, input);
  if (!result.ok) throw new IpcError(result.error.code, result.error.message);
  return channels[channel].output.parse(result.value) as ChannelOutput<C>;
}

/** Listens to one contract event; returns the unsubscribe function. */
export function on<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return bridge.subscribe((name, payload) => {
    if (!isEventName(name) || name !== event) return;
    const checked = events[event].safeParse(payload);
    if (checked.success) listener(checked.data as EventPayload<E>);
  });
}

/** What a store needs from main: calls and events. Stores take it as a parameter, so their logic
 * runs in unit tests against a fake, without a page. */
export interface Ipc {
  invoke: typeof invoke;
  on: typeof on;
}

/** The real transport, for the stores the app uses. */
export const ipc: Ipc = { invoke, on };
