import { createInterface } from 'node:readline';
import { AppError, isAppError } from '../../src-shared/errors';
import type { KeyProtector } from '../core/host';
import { passphraseKeyProtector, rawKeyProtector } from '../core/vault/key-protectors';
import { assertPassphraseStrength } from '../core/vault/passphrase-policy';

/** Typed passphrases that fall short of the minimum are asked again this many times in all. */
const PROMPT_ATTEMPTS = 3;

/**
 * Headless key source: SWITCHBOARD_VAULT_KEY (raw key) wins, else SWITCHBOARD_VAULT_PASSPHRASE,
 * else a passphrase typed at the terminal. With no terminal and no variable, a clear refusal.
 * Every passphrase meets the one minimum (8 characters, not only spaces).
 */
export async function keyProtectorFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<KeyProtector> {
  if (env.SWITCHBOARD_VAULT_KEY) return rawKeyProtector(env.SWITCHBOARD_VAULT_KEY);
  const fromEnv = env.SWITCHBOARD_VAULT_PASSPHRASE;
  if (fromEnv) {
    assertPassphraseStrength(fromEnv, 'SWITCHBOARD_VAULT_PASSPHRASE');
    return passphraseKeyProtector(fromEnv);
  }
  if (!input.isTTY) {
    throw new AppError(
      'vault_key_unavailable',
      'Serve mode needs a vault passphrase: set SWITCHBOARD_VAULT_PASSPHRASE (or SWITCHBOARD_VAULT_KEY), or run it in a terminal to type one.',
    );
  }
  for (let attempt = 1; ; attempt++) {
    const typed = await promptHidden('Vault passphrase: ', input, output);
    try {
      assertPassphraseStrength(typed, 'The typed passphrase');
      return passphraseKeyProtector(typed);
    } catch (error) {
      if (!isAppError(error) || attempt >= PROMPT_ATTEMPTS) throw error;
      output.write(`${error.message}\n`);
    }
  }
}

function promptHidden(
  question: string,
  input: NodeJS.ReadStream,
  output: NodeJS.WritableStream,
): Promise<string> {
  return new Promise((resolveAnswer) => {
    const rl = createInterface({ input, output, terminal: true });
    // Echo nothing while the passphrase is typed.
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (text) => {
      if (text.startsWith(question)) write.call(rl, question);
    };
    rl.question(question, (answer) => {
      rl.close();
      output.write('\n');
      resolveAnswer(answer);
    });
  });
}
