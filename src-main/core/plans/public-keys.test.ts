import { describe, expect, it } from 'vitest';
import { testPublicKeyRaw } from '../../../test/support/test-licences';
import { builtInLicenceKeys, builtInPlansUrl, keyRingOf } from './public-keys';

describe('the public keys a build trusts', () => {
  it('a development build trusts no key and names no shop: every install is on the Free plan', () => {
    expect(builtInLicenceKeys().size).toBe(0);
    expect(builtInPlansUrl()).toBeNull();
  });

  it('takes raw 32-byte Ed25519 public keys by id, and refuses anything else loudly', () => {
    expect([...keyRingOf({ 'pub-1': testPublicKeyRaw() }).keys()]).toEqual(['pub-1']);
    expect(() => keyRingOf({ bad: testPublicKeyRaw().slice(0, -2) })).toThrow(/32 bytes/);
    expect(() => keyRingOf({ bad: `${testPublicKeyRaw()}==` })).toThrow(/32 bytes/);
  });
});
