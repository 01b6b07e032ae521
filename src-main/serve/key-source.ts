import { createInterface } from 'node:readline';
import { AppError, isAppError } from '../../src-shared/errors';
import type { KeyProtector } from '../core/host';
import { passphraseKeyProtector, rawKeyProtector } from '../core/vault/key-protectors';
import {
  assertPassphraseStrength,
  MIN_PASSPHRASE_CHARACTERS,
} from '../core/vault/passphrase-policy';

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
  /** No vault exists yet: a typed passphrase creates it, so it is asked twice. */
  { newVault = false }: { newVault?: boolean } = {},
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
  if (newVault)
    output.write(
      `Creating a new vault. Choose a passphrase of at least ${MIN_PASSPHRASE_CHARACTERS} characters, not only spaces. Nobody can recover it: if you forget it, you connect your accounts again.\n`,
    );
  for (let attempt = 1; ; attempt++) {
    const typed = await promptHidden('Vault passphrase: ', input, output);
    try {
      assertPassphraseStrength(typed, 'The typed passphrase');
      if (newVault && (await promptHidden('Vault passphrase again: ', input, output)) !== typed)
        throw new AppError('passphrase_mismatch');
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
