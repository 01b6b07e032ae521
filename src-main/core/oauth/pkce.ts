import { createHash } from 'node:crypto';
import * as oauth from 'oauth4webapi';

// RFC 7636 §4.1: 43–128 characters of the unreserved set.
const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

/** A fresh PKCE verifier (43 characters of base64url, 256 bits of entropy). */
export function generateCodeVerifier(): string {
  return oauth.generateRandomCodeVerifier();
}

/** A fresh single-use `state` value (256 bits of entropy, 43 characters). */
export function generateState(): string {
  return oauth.generateRandomState();
}

export function isValidCodeVerifier(verifier: string): boolean {
  return VERIFIER_PATTERN.test(verifier);
}

function assertVerifier(verifier: string): void {
  // A malformed verifier would only surface later as a platform's opaque invalid_grant.
  if (!isValidCodeVerifier(verifier)) {
    throw new TypeError('A PKCE code verifier must be 43–128 characters of [A-Za-z0-9-._~].');
  }
}

/** The RFC 7636 S256 challenge: BASE64URL(SHA-256(verifier)). */
export async function s256Challenge(verifier: string): Promise<string> {
  assertVerifier(verifier);
  return oauth.calculatePKCECodeChallenge(verifier);
}

/**
 * TikTok Login Kit for Desktop's challenge: the lowercase HEX SHA-256 of the verifier, still
 * sent with `code_challenge_method=S256` (PLATFORMS.md; base64url is refused there).
 */
export function hexS256Challenge(verifier: string): string {
  assertVerifier(verifier);
  return createHash('sha256').update(verifier, 'ascii').digest('hex');
}
