import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { rawKeyProtector } from '../../src-main/core/vault/key-protectors';
import { keyProtectorFromEnvironment } from '../../src-main/serve/key-source';

/** A terminal stand-in: answers each passphrase prompt with the next of `answers`. */
function fakeTerminal(answers: string[]) {
  const input = Object.assign(new PassThrough(), { isTTY: true, isRaw: false });
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
    if (/Vault passphrase( again)?: /.test(chunk.toString())) {
      const next = answers.shift();
      if (next !== undefined) setImmediate(() => input.write(`${next}\r`));
    }
  });
  return {
    input: input as unknown as NodeJS.ReadStream,
    output,
    printed: () => printed,
  };
}

const noTerminal = Object.assign(new PassThrough(), {
  isTTY: false,
}) as unknown as NodeJS.ReadStream;

describe('serve mode key source', () => {
  it('takes SWITCHBOARD_VAULT_KEY as 64 hex digits or as base64: both wrap with the same key', async () => {
    const key = randomBytes(32);
    const dataKey = randomBytes(32);
    const fromHex = await keyProtectorFromEnvironment(
      { SWITCHBOARD_VAULT_KEY: key.toString('hex') },
      noTerminal,
    );
    const fromBase64 = await keyProtectorFromEnvironment(
      { SWITCHBOARD_VAULT_KEY: ` ${key.toString('base64')}\n` },
      noTerminal,
    );
    expect([fromHex.kind, fromBase64.kind]).toEqual(['raw-key', 'raw-key']);
    expect(await fromBase64.unwrap(await fromHex.wrap(dataKey))).toEqual(dataKey);
    expect(
      await rawKeyProtector(key.toString('hex')).unwrap(await fromBase64.wrap(dataKey)),
    ).toEqual(dataKey);
  });

  it('refuses a SWITCHBOARD_VAULT_KEY of the wrong length, saying what it must be', async () => {
    for (const wrong of [
      'abcd',
      randomBytes(16).toString('hex'),
      randomBytes(31).toString('base64'),
      randomBytes(33).toString('base64'),
    ]) {
      await expect(
        keyProtectorFromEnvironment({ SWITCHBOARD_VAULT_KEY: wrong }, noTerminal),
      ).rejects.toMatchObject({
        code: 'vault_wrong_key',
        message: expect.stringContaining('32 bytes, as 64 hex digits or base64'),
      });
    }
  });

  it('SWITCHBOARD_VAULT_KEY wins over SWITCHBOARD_VAULT_PASSPHRASE, even a weak one', async () => {
    const protector = await keyProtectorFromEnvironment(
      {
        SWITCHBOARD_VAULT_KEY: randomBytes(32).toString('hex'),
        SWITCHBOARD_VAULT_PASSPHRASE: 'a perfectly good passphrase',
      },
      noTerminal,
    );
    expect(protector.kind).toBe('raw-key');
    const despiteWeak = await keyProtectorFromEnvironment(
      {
        SWITCHBOARD_VAULT_KEY: randomBytes(32).toString('base64'),
        SWITCHBOARD_VAULT_PASSPHRASE: 'x',
      },
      noTerminal,
    );
    expect(despiteWeak.kind).toBe('raw-key');
  });

  it('refuses SWITCHBOARD_VAULT_PASSPHRASE=x or a single space, naming the variable', async () => {
    for (const weak of ['x', ' ', '1234567', '\t\t\t\t\t\t\t\t']) {
      await expect(
        keyProtectorFromEnvironment({ SWITCHBOARD_VAULT_PASSPHRASE: weak }, noTerminal),
      ).rejects.toMatchObject({
        code: 'passphrase_too_weak',
        message:
          'SWITCHBOARD_VAULT_PASSPHRASE is too weak: use at least 8 characters, not only spaces.',
      });
    }
    const fine = await keyProtectorFromEnvironment(
      { SWITCHBOARD_VAULT_PASSPHRASE: 'eight ch' },
      noTerminal,
    );
    expect(fine.kind).toBe('passphrase');
  });

  it('without a variable or a terminal, says how to give a key', async () => {
    await expect(keyProtectorFromEnvironment({}, noTerminal)).rejects.toMatchObject({
      code: 'vault_key_unavailable',
      message: expect.stringContaining('SWITCHBOARD_VAULT_PASSPHRASE'),
    });
  });

  it('at the terminal, a weak passphrase is explained and asked again; three weak ones are refused', async () => {
    const terminal = fakeTerminal([' ', 'x', 'a good passphrase']);
    const protector = await keyProtectorFromEnvironment({}, terminal.input, terminal.output);
    expect(protector.kind).toBe('passphrase');
    expect(terminal.printed()).toContain('The typed passphrase is too weak');
    expect(terminal.printed()).not.toContain('a good passphrase');

    const stubborn = fakeTerminal(['short', ' ', 'x']);
    await expect(
      keyProtectorFromEnvironment({}, stubborn.input, stubborn.output),
    ).rejects.toMatchObject({ code: 'passphrase_too_weak' });
  });

  it('creating a vault at the terminal: says it cannot be recovered and asks twice', async () => {
    const terminal = fakeTerminal([
      'a good passphrase',
      'a good passphrasf',
      'a good passphrase',
      'a good passphrase',
    ]);
    const protector = await keyProtectorFromEnvironment({}, terminal.input, terminal.output, {
      newVault: true,
    });
    expect(protector.kind).toBe('passphrase');
    expect(terminal.printed()).toContain('Nobody can recover it');
    expect(terminal.printed()).toContain('The two passphrases differ');
    expect(terminal.printed().match(/Vault passphrase again: /g)).toHaveLength(2);
    expect(terminal.printed()).not.toContain('a good passphrase');

    const opening = fakeTerminal(['a good passphrase']);
    await keyProtectorFromEnvironment({}, opening.input, opening.output);
    expect(opening.printed()).not.toContain('again');
  });
});
