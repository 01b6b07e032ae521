import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELAY_APPS, startRelay, type RelayUnderTest } from './relay-harness';

// The callback in the real Workers runtime: the browser is only ever sent to 127.0.0.1.
let relay: RelayUnderTest;
beforeAll(async () => {
  relay = await startRelay(RELAY_APPS);
}, 30_000);
afterAll(() => relay?.close());

const CODE = 'AQD-code-from-meta-93ac';

describe('GET /callback/{provider}', () => {
  it('forwards code and state to the loopback listener with the query unchanged', async () => {
    const query = `?code=${CODE}&state=7481.Zm9vYmFy_-~.x`;
    const answer = await relay.fetch(`/callback/instagram${query}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(`http://127.0.0.1:7481/callback${query}`);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it("forwards the platform's error as it came", async () => {
    const query = '?error=access_denied&error_reason=user_denied&state=7482.abc';
    const answer = await relay.fetch(`/callback/facebook${query}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(`http://127.0.0.1:7482/callback${query}`);
  });

  it.each([
    ['no state', '?code=x', 'state_missing'],
    ['two states', '?code=x&state=7481.a&state=7482.b', 'state_missing'],
    ['another host', '?code=x&state=evil.example.abc', 'state_invalid'],
    ['a host and port', '?code=x&state=evil.example:7481.abc', 'state_invalid'],
    ['a non-numeric port', '?code=x&state=port.abc', 'state_invalid'],
    ['a privileged port', '?code=x&state=443.abc', 'state_invalid'],
    ['port 1023', '?code=x&state=1023.abc', 'port_invalid'],
    ['a port above 65535', '?code=x&state=65536.abc', 'port_invalid'],
    ['a zero-padded port', '?code=x&state=07481.abc', 'state_invalid'],
    ['a path', '?code=x&state=7481.abc/../../admin', 'state_invalid'],
    ['a javascript: target', '?code=x&state=javascript:alert(1)', 'state_invalid'],
    ['a protocol-relative target', '?code=x&state=//evil.example/7481.abc', 'state_invalid'],
    ['an over-long state', `?code=x&state=7481.${'a'.repeat(508)}`, 'state_too_long'],
  ])('refuses %s with a page, and sends the browser nowhere', async (_what, query, code) => {
    const answer = await relay.fetch(`/callback/instagram${query}`);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('location')).toBeNull();
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(await answer.text()).toContain(code);
  });

  it('takes a state of exactly the limit and ignores a redirect target in the query', async () => {
    const state = `7481.${'a'.repeat(507)}`;
    expect(state).toHaveLength(512);
    const answer = await relay.fetch(
      `/callback/instagram?redirect_uri=https://evil.example/&code=x&state=${state}`,
    );
    expect(answer.status).toBe(303);
    expect(new URL(answer.headers.get('location')!).origin).toBe('http://127.0.0.1:7481');
  });

  it('serves only the providers it knows', async () => {
    const answer = await relay.fetch('/callback/youtube?code=x&state=7481.abc');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('location')).toBeNull();
  });

  it('never writes the code into its log', async () => {
    await relay.fetch(`/callback/instagram?code=${CODE}-logged&state=7481.abc`);
    await expect.poll(() => relay.logs.some((line) => line.includes('"callback"'))).toBe(true);
    expect(relay.logs.join('\n')).not.toContain(CODE);
  });
});
