/**
 * `GET /callback/{provider}`: the https redirect URI registered at the platform. The browser
 * arrives with `code` and `state` (or the platform's error) and is sent on to the desktop's
 * loopback listener. The target is built here, never read from the request: the host is always
 * 127.0.0.1 and the path always /callback; only the port comes from the request, as the digits
 * the desktop put before the first dot of `state`.
 */
export const LOOPBACK_PATH = '/callback';
/** Longer than any state the desktop makes (port, dot, 43 base64url characters). */
export const MAX_STATE_LENGTH = 512;
const STATE = /^([1-9]\d{3,4})\.[A-Za-z0-9._~-]+$/;
const FIRST_UNPRIVILEGED_PORT = 1024;
const LAST_PORT = 65_535;

export type CallbackResult =
  | { ok: true; location: string }
  | { ok: false; code: 'state_missing' | 'state_too_long' | 'state_invalid' | 'port_invalid' };

/** Where to send the browser, or why not. The platform's query goes on unchanged. */
export function callbackTarget(url: URL): CallbackResult {
  const states = url.searchParams.getAll('state');
  if (states.length !== 1 || !states[0]) return { ok: false, code: 'state_missing' };
  const state = states[0];
  if (state.length > MAX_STATE_LENGTH) return { ok: false, code: 'state_too_long' };
  const match = STATE.exec(state);
  if (!match) return { ok: false, code: 'state_invalid' };
  const port = Number(match[1]);
  if (port < FIRST_UNPRIVILEGED_PORT || port > LAST_PORT)
    return { ok: false, code: 'port_invalid' };
  return { ok: true, location: `http://127.0.0.1:${port}${LOOPBACK_PATH}${url.search}` };
}

const SENTENCES: Record<Exclude<CallbackResult, { ok: true }>['code'], string> = {
  state_missing: 'This sign-in link carries no state, so it cannot be returned to Switchboard.',
  state_too_long: 'This sign-in link carries a state longer than Switchboard ever makes.',
  state_invalid: 'This sign-in link was not started by Switchboard.',
  port_invalid: 'This sign-in link names a port Switchboard never listens on.',
};

/** A small page for a browser that arrived with a link the relay will not forward. */
export function refusalPage(code: keyof typeof SENTENCES): string {
  return `<!doctype html><meta charset="utf-8"><title>Switchboard sign-in</title><h1>Sign-in not forwarded</h1><p>${SENTENCES[code]} Start the sign-in again from Switchboard.</p><p><code>${code}</code></p>`;
}
