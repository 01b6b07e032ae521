import { parseArgs } from 'node:util';
import { apiBase, createApiClient } from './api-client';
import {
  accountsCommand,
  apiCommand,
  execCommand,
  statusCommand,
  tokenCommand,
  type CliIo,
} from './commands';
import { CliError, EXIT } from './exit-codes';
import { HELP } from './help';
import { readToolKey } from './tool-key';
import { DEFAULT_MIN_VALIDITY_SECONDS, MAX_MIN_VALIDITY_SECONDS } from '../../src-shared/tools';

const DEFAULT_ENV = 'SWITCHBOARD_ACCESS_TOKEN';

/** The `switchboard` command: parses, runs one command, and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`switchboard: ${error.message}\n`);
      return error.exitCode;
    }
    // Node's own argument errors are about usage; anything else is a bug worth one plain line.
    const code = (error as { code?: string }).code ?? '';
    io.stderr.write(
      `switchboard: ${code.startsWith('ERR_PARSE_ARGS') ? (error as Error).message : 'something went wrong inside the command.'}\n`,
    );
    return code.startsWith('ERR_PARSE_ARGS') ? EXIT.usage : EXIT.platformError;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(HELP.main!);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (!(command in HELP) || command === 'main')
    throw new CliError(EXIT.usage, `"${command}" is not a command; run switchboard --help.`);
  const split = rest.indexOf('--');
  const own = command === 'exec' && split >= 0 ? rest.slice(0, split) : rest;
  if (own.includes('--help') || own.includes('-h')) {
    io.stdout.write(HELP[command]!);
    return EXIT.ok;
  }
  const { values, positionals, tokens } = parseArgs({
    args: own,
    allowPositionals: true,
    tokens: true,
    options: {
      'key-file': { type: 'string' },
      json: { type: 'boolean' },
      'min-validity': { type: 'string' },
      account: { type: 'string', multiple: true },
      env: { type: 'string', multiple: true },
      method: { type: 'string', short: 'X' },
      header: { type: 'string', short: 'H', multiple: true },
      data: { type: 'string' },
    },
  });
  const key = readToolKey(io.env, values['key-file'], (line) => io.stderr.write(`${line}\n`));
  const base = apiBase(io.env);
  const api = createApiClient(base, key);
  const json = values.json ?? false;
  const minValidity = minValidityOf(values['min-validity']);
  const needs = (count: number, usage: string) => {
    if (positionals.length !== count) throw new CliError(EXIT.usage, `Usage: ${usage}`);
  };
  switch (command) {
    case 'token':
      needs(1, 'switchboard token <account> [--min-validity SECONDS] [--json]');
      return tokenCommand(api, io, positionals[0]!, { minValidity, json });
    case 'exec':
      needs(0, 'switchboard exec --account <account> [--env NAME] -- <command> [args…]');
      return execCommand(
        api,
        io,
        execPairs(tokens),
        split >= 0 ? rest.slice(split + 1) : [],
        minValidity,
      );
    case 'api':
      needs(
        2,
        "switchboard api <account> <path> [-X METHOD] [-H 'Name: value'] [--data @file|-|text]",
      );
      return apiCommand(
        api,
        io,
        positionals[0]!,
        positionals[1]!,
        { method: values.method, headers: values.header ?? [], data: values.data },
        base,
      );
    case 'accounts':
      needs(0, 'switchboard accounts [--json]');
      return accountsCommand(api, io, json);
    default:
      needs(0, 'switchboard status [--json]');
      return statusCommand(api, io, json);
  }
}

function minValidityOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MIN_VALIDITY_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_MIN_VALIDITY_SECONDS)
    throw new CliError(
      EXIT.usage,
      `--min-validity takes whole seconds from 0 to ${MAX_MIN_VALIDITY_SECONDS}.`,
    );
  return seconds;
}

/** `--account a [--env A] --account b --env B`: each --env names the variable of the account before it. */
function execPairs(
  tokens: ReturnType<typeof parseArgs>['tokens'] = [],
): { account: string; env: string }[] {
  const pairs: { account: string; env: string | null }[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.name === 'account') pairs.push({ account: token.value!, env: null });
    else if (token.name === 'env') {
      const last = pairs.at(-1);
      if (!last || last.env !== null)
        throw new CliError(EXIT.usage, 'Each --env follows the --account it names a variable for.');
      last.env = token.value!;
    }
  }
  if (pairs.length === 0) throw new CliError(EXIT.usage, 'exec needs --account <account>.');
  const names = new Set<string>();
  return pairs.map((pair, index) => {
    const env = pair.env ?? (index === 0 ? DEFAULT_ENV : null);
    if (!env) throw new CliError(EXIT.usage, `Give --account ${pair.account} its own --env NAME.`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(env))
      throw new CliError(EXIT.usage, `--env ${env} is not a variable name.`);
    if (names.has(env)) throw new CliError(EXIT.usage, `--env ${env} is given twice.`);
    names.add(env);
    return { account: pair.account, env };
  });
}
