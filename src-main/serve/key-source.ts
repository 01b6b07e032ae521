import { createInterface } from 'node:readline';
import { AppError } from '../../src-shared/errors';
import type { KeyProtector } from '../core/host';
import { passphraseKeyProtector, rawKeyProtector } from '../core/vault/key-protectors';

/**
 * Headless key source: SWITCHBOARD_VAULT_KEY (raw key), else SWITCHBOARD_VAULT_PASSPHRASE,
 * else a passphrase typed at the terminal. With no terminal and no variable, a clear refusal.
 */
export async function keyProtectorFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  input: NodeJS.ReadStream = process.stdin,
): Promise<KeyProtector> {
  if (env.SWITCHBOARD_VAULT_KEY) return rawKeyProtector(env.SWITCHBOARD_VAULT_KEY);
  if (env.SWITCHBOARD_VAULT_PASSPHRASE)
    return passphraseKeyProtector(env.SWITCHBOARD_VAULT_PASSPHRASE);
  if (!input.isTTY) {
    throw new AppError(
      'vault_key_unavailable',
      'Serve mode needs a vault passphrase: set SWITCHBOARD_VAULT_PASSPHRASE (or SWITCHBOARD_VAULT_KEY), or run it in a terminal to type one.',
    );
  }
  return passphraseKeyProtector(await promptHidden('Vault passphrase: ', input));
}

function promptHidden(question: string, input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolveAnswer) => {
    const rl = createInterface({ input, output: process.stderr, terminal: true });
    // Echo nothing while the passphrase is typed.
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (text) => {
      if (text.startsWith(question)) write.call(rl, question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolveAnswer(answer);
    });
  });
}
