import { describe, expect, it } from 'vitest';
import {
  generateCodeVerifier,
  generateState,
  hexS256Challenge,
  isValidCodeVerifier,
  s256Challenge,
} from './pkce';

// RFC 7636 Appendix B.
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE', () => {
  it('computes the RFC 7636 appendix B S256 challenge', async () => {
    expect(await s256Challenge(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
  });

  it('computes TikTok’s hex challenge: the same SHA-256, hex-encoded', () => {
    const hex = hexS256Challenge(RFC_VERIFIER);
    expect(hex).toBe(Buffer.from(RFC_CHALLENGE, 'base64url').toString('hex'));
    expect(hex).toBe('13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3');
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
  });

  it('generates fresh verifiers and states within RFC 7636 and X’s 500-character state limit', () => {
    const verifiers = new Set(Array.from({ length: 20 }, generateCodeVerifier));
    expect(verifiers.size).toBe(20);
    for (const verifier of verifiers) expect(isValidCodeVerifier(verifier)).toBe(true);
    const state = generateState();
    expect(state.length).toBeGreaterThanOrEqual(43);
    expect(state.length).toBeLessThanOrEqual(500);
    expect(generateState()).not.toBe(state);
  });

  it('refuses malformed verifiers instead of letting the platform answer invalid_grant later', async () => {
    expect(isValidCodeVerifier('short')).toBe(false);
    expect(isValidCodeVerifier('a'.repeat(129))).toBe(false);
    expect(isValidCodeVerifier(`${'a'.repeat(43)}!`)).toBe(false);
    await expect(s256Challenge('short')).rejects.toThrow(/43–128/);
    expect(() => hexS256Challenge('short')).toThrow(/43–128/);
  });
});
