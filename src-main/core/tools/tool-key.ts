import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { TOOL_KEY_PREFIX } from '../../../src-shared/tools';

/** 32 random bytes: guessing is hopeless, so a fast unsalted SHA-256 is a sound stored form. */
const KEY_BYTES = 32;
const KEY_PATTERN = /^sbk_[A-Za-z0-9_-]{43}$/;

/** A fresh tool key: `sbk_` and 43 base64url characters. */
export function generateToolKey(): string {
  return TOOL_KEY_PREFIX + randomBytes(KEY_BYTES).toString('base64url');
}

/** The only form of a key Switchboard keeps: hex SHA-256 (one-shot: a third of createHash's cost). */
export function hashToolKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** The part of a key Settings may show to tell keys apart (8 of 256 bits: useless to a guesser). */
export function toolKeyHint(key: string): string {
  return `${key.slice(0, TOOL_KEY_PREFIX.length + 6)}…`;
}

/** Whether the text has a tool key's shape (refused early without touching the vault). */
export function looksLikeToolKey(text: string): boolean {
  return KEY_PATTERN.test(text);
}

/** Constant-time comparison of two hex digests of equal length. */
export function sameDigest(aHex: string, bHex: string): boolean {
  const a = Buffer.from(aHex, 'hex');
  const b = Buffer.from(bHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
