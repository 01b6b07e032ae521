import { describe, expect, it } from 'vitest';
import { classifyRelayRefusal, parseRelayUrl, redirectsThroughRelay } from './relay';

const failure = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  endpoint: 'token' as const,
  status,
  headers: new Headers(headers),
  body,
  path: '/token/tiktok',
});
const refusal = (code: string) => ({ ok: false, error: { code, message: 'x' } });

describe('the desktop’s view of the relay', () => {
  it('takes an https origin, or plain http only on 127.0.0.1', () => {
    expect(parseRelayUrl('https://relay.example')).toBe('https://relay.example');
    expect(parseRelayUrl('https://relay.example/')).toBe('https://relay.example');
    expect(parseRelayUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    for (const bad of [
      'http://relay.example',
      'http://localhost:8787',
      'https://relay.example/base',
      'https://relay.example/?x=1',
      'https://user:pw@relay.example',
      'javascript:alert(1)',
      'relay.example',
    ])
      expect(parseRelayUrl(bad)).toBeNull();
  });

  it('only Meta redirects through the relay; TikTok keeps its loopback redirect', () => {
    const relay = 'https://relay.example';
    expect(redirectsThroughRelay('instagram', relay)).toBe(true);
    expect(redirectsThroughRelay('facebook', relay)).toBe(true);
    expect(redirectsThroughRelay('tiktok', relay)).toBe(false);
    expect(redirectsThroughRelay('youtube', relay)).toBe(false);
    expect(redirectsThroughRelay('instagram', null)).toBe(false);
  });

  it('reads the relay’s own refusals, and leaves the platform’s answers to the adapter', () => {
    const now = 1_000_000;
    const mismatch = classifyRelayRefusal(failure(403, refusal('client_mismatch')), now);
    expect(mismatch).toMatchObject({
      code: 'platform_bad_credentials',
      kind: 'bad_configuration',
      // The relay's code is for the log and Technical details, not the sentence.
      platformCode: 'relay:client_mismatch',
    });
    expect(mismatch?.message).not.toContain('client_mismatch');
    expect(classifyRelayRefusal(failure(502, refusal('upstream_unreachable')), now)).toMatchObject({
      code: 'platform_unreachable',
      kind: 'retry',
    });
    expect(
      classifyRelayRefusal(failure(429, refusal('rate_limited'), { 'retry-after': '30' }), now),
    ).toMatchObject({ kind: 'rate_limited', resetAt: now + 30_000 });
    // TikTok's and Meta's own error shapes are not the relay's.
    expect(
      classifyRelayRefusal(failure(401, { error: { code: 'access_token_invalid' } }), now),
    ).toBeNull();
    expect(classifyRelayRefusal(failure(400, { error: 'invalid_grant' }), now)).toBeNull();
    expect(classifyRelayRefusal(failure(400, { error: { code: 190 } }), now)).toBeNull();
  });
});
