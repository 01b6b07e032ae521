import { readFileSync, statSync } from 'node:fs';
import { CliError, EXIT } from './exit-codes';

/**
 * The tool key, from SWITCHBOARD_TOOL_KEY or a file named by --key-file — never from an
 * argument, which every process on the machine can read in the process list.
 */
export function readToolKey(
  env: NodeJS.ProcessEnv,
  keyFile: string | undefined,
  warn: (line: string) => void,
): string {
  if (keyFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(keyFile, 'utf8');
    } catch {
      throw new CliError(EXIT.keyInvalid, `The key file ${keyFile} cannot be read.`);
    }
    if (process.platform !== 'win32' && (statSync(keyFile).mode & 0o077) !== 0)
      warn(`Warning: ${keyFile} can be read by other users; chmod 600 it.`);
    const key = text.trim();
    if (!key) throw new CliError(EXIT.keyInvalid, `The key file ${keyFile} is empty.`);
    return key;
  }
  const key = env.SWITCHBOARD_TOOL_KEY?.trim();
  if (!key)
    throw new CliError(
      EXIT.keyInvalid,
      'No tool key: set SWITCHBOARD_TOOL_KEY or pass --key-file (make a key in Settings → Tools).',
    );
  return key;
}
