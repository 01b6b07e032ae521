import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { passphraseKeyProtector, rawKeyProtector } from './key-protectors';

describe('key protectors', () => {
  it('a passphrase wraps and unwraps the data key, and the wrapped form hides it', async () => {
    const dataKey = randomBytes(32);
    const protector = passphraseKeyProtector('correct horse battery staple');
    const wrapped = await protector.wrap(dataKey);
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(await protector.unwrap(wrapped)).toEqual(dataKey);
  });

  it('a wrong passphrase is refused with vault_wrong_key', async () => {
    const wrapped = await passphraseKeyProtector('right').wrap(randomBytes(32));
    await expect(passphraseKeyProtector('wrong').unwrap(wrapped)).rejects.toMatchObject({
      code: 'vault_wrong_key',
    });
  });

  it('a raw key accepts hex or base64, refuses other lengths, and refuses a different key', async () => {
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
