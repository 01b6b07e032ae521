import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { passphraseKeyProtector, rawKeyProtector } from './key-protectors';
import { seal } from './sealed-box';
import { deriveKey, LEGACY_SCRYPT_COST, SCRYPT_COST, type ScryptCost } from './scrypt-kdf';

const PASSPHRASE = 'correct horse battery staple';

/** A version-1 wrap made by hand at any cost, to prove the stored cost is the one used. */
async function handMadeWrap(passphrase: string, dataKey: Buffer, cost: ScryptCost) {
  const salt = randomBytes(16);
  const header = Buffer.concat([
    Buffer.from('sbkw'),
    Buffer.from([1, cost.log2N, cost.r, cost.p]),
    salt,
  ]);
  const key = await deriveKey(passphrase, salt, cost);
  return Buffer.concat([
    header,
    seal(key, dataKey, `switchboard:key-wrap:v2|${header.toString('hex')}`),
  ]);
}

describe('passphrase key protector', () => {
  it('wraps and unwraps the data key; the wrap hides it and carries scrypt N=2^17, r=8, p=1', async () => {
    const dataKey = randomBytes(32);
    const protector = passphraseKeyProtector(PASSPHRASE);
    const wrapped = await protector.wrap(dataKey);
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(wrapped.subarray(0, 4).toString()).toBe('sbkw');
    expect([...wrapped.subarray(4, 8)]).toEqual([1, 17, 8, 1]);
    expect(await protector.unwrap(wrapped)).toEqual(dataKey);
    expect(protector.isOutdated(wrapped)).toBe(false);
  });

  it('wraps at an injected cost (stored with the wrap), and the default protector opens it with the stored cost', async () => {
    const dataKey = randomBytes(32);
    const cheap = passphraseKeyProtector(PASSPHRASE, { log2N: 11, r: 8, p: 1 });
    const wrapped = await cheap.wrap(dataKey);
    expect([...wrapped.subarray(4, 8)]).toEqual([1, 11, 8, 1]);
    expect(await passphraseKeyProtector(PASSPHRASE).unwrap(wrapped)).toEqual(dataKey);
    // Weaker than the product's cost: an app opening it re-wraps at today's cost.
    expect(passphraseKeyProtector(PASSPHRASE).isOutdated(wrapped)).toBe(true);
  });

  it('the product default never drops below OWASP’s N=2^17, r=8, p=1', () => {
    expect(2 ** SCRYPT_COST.log2N * SCRYPT_COST.r * SCRYPT_COST.p).toBeGreaterThanOrEqual(
      2 ** 17 * 8,
    );
    expect(SCRYPT_COST.log2N).toBeGreaterThanOrEqual(17);
  });

  it('opens a version-0 wrap (no header, N=2^15) and calls it outdated', async () => {
    const dataKey = randomBytes(32);
    const salt = randomBytes(16);
    const legacyKey = await deriveKey(PASSPHRASE, salt, LEGACY_SCRYPT_COST);
    const v0 = Buffer.concat([salt, seal(legacyKey, dataKey, 'switchboard:key-wrap:v1')]);
    const protector = passphraseKeyProtector(PASSPHRASE);
    expect(await protector.unwrap(v0)).toEqual(dataKey);
    expect(protector.isOutdated(v0)).toBe(true);
  });

  it('derives with the cost stored in the wrap, not with today’s', async () => {
    const dataKey = randomBytes(32);
    const cheap = await handMadeWrap(PASSPHRASE, dataKey, { log2N: 12, r: 8, p: 1 });
    const protector = passphraseKeyProtector(PASSPHRASE);
    expect(await protector.unwrap(cheap)).toEqual(dataKey);
    expect(protector.isOutdated(cheap)).toBe(true);
  });

  it('refuses a stored cost out of bounds before deriving, and a newer format as newer', async () => {
    const wrapped = await handMadeWrap(PASSPHRASE, randomBytes(32), { log2N: 12, r: 8, p: 1 });
    const protector = passphraseKeyProtector(PASSPHRASE);
    const huge = Buffer.from(wrapped);
    huge[5] = 40; // N = 2^40 would ask for terabytes
    await expect(protector.unwrap(huge)).rejects.toMatchObject({ code: 'vault_unreadable' });
    const newer = Buffer.from(wrapped);
    newer[4] = 2;
    await expect(protector.unwrap(newer)).rejects.toMatchObject({ code: 'vault_newer_schema' });
    // Another protector's wrap is simply not this passphrase's.
    const raw = await rawKeyProtector(randomBytes(32).toString('hex')).wrap(randomBytes(32));
    await expect(protector.unwrap(raw)).rejects.toMatchObject({ code: 'vault_wrong_key' });
  });

  it('a wrong passphrase is refused with vault_wrong_key', async () => {
    const wrapped = await handMadeWrap('the right passphrase', randomBytes(32), {
      log2N: 12,
      r: 8,
      p: 1,
    });
    await expect(
      passphraseKeyProtector('the wrong passphrase').unwrap(wrapped),
    ).rejects.toMatchObject({ code: 'vault_wrong_key' });
  });

  it('refuses passphrases under 8 characters or only white space, with passphrase_too_weak', () => {
    for (const weak of ['', 'x', ' ', '        ', '\t\n \u00a0 \t\n', '1234567', 'ñandú12']) {
      expect(() => passphraseKeyProtector(weak), JSON.stringify(weak)).toThrow(
        expect.objectContaining({
          code: 'passphrase_too_weak',
          message: expect.stringContaining('at least 8 characters'),
        }),
      );
    }
    for (const fine of ['12345678', '  spaced out  ', 'ñandú123', '🔑🔑🔑🔑🔑🔑🔑🔑']) {
      expect(() => passphraseKeyProtector(fine), fine).not.toThrow();
    }
  });
});

describe('raw key protector', () => {
  it('accepts hex or base64, refuses other lengths, and refuses a different key', async () => {
    const key = randomBytes(32);
    const dataKey = randomBytes(32);
    const wrapped = await rawKeyProtector(key.toString('hex')).wrap(dataKey);
    expect(await rawKeyProtector(key.toString('base64')).unwrap(wrapped)).toEqual(dataKey);
    expect(() => rawKeyProtector('abcd')).toThrow(
      expect.objectContaining({ code: 'vault_wrong_key' }),
    );
    await expect(
      rawKeyProtector(randomBytes(32).toString('hex')).unwrap(wrapped),
    ).rejects.toMatchObject({
      code: 'vault_wrong_key',
    });
  });
});
