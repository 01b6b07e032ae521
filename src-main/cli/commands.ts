import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { constants as os } from 'node:os';
import { summaryLine, URGENCY } from '../../src-shared/account-summary';
import type { AccountStatus } from '../../src-shared/account';
import { describe, resolveAccount } from './account-name';
import { refusal, type ApiAccount, type ApiClient } from './api-client';
import { CliError, EXIT } from './exit-codes';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export async function tokenCommand(
  api: ApiClient,
  io: CliIo,
  name: string,
  options: { minValidity: number; json: boolean },
): Promise<number> {
  const account = resolveAccount(await api.accounts(), name);
  const token = await api.token(account.id, options.minValidity);
  io.stdout.write(
    options.json
      ? `${JSON.stringify({ accessToken: token.accessToken, expiresAt: token.expiresAt, scopes: token.scopes })}\n`
      : `${token.accessToken}\n`,
  );
  return EXIT.ok;
}

/** Runs a command with fresh tokens in its environment; its exit status becomes ours. */
export async function execCommand(
  api: ApiClient,
  io: CliIo,
  pairs: { account: string; env: string }[],
  command: string[],
  minValidity: number,
): Promise<number> {
  if (command.length === 0)
    throw new CliError(
      EXIT.usage,
      'Name the command to run after --, e.g. switchboard exec --account x -- ./post.sh',
    );
  const accounts = await api.accounts();
  const env: NodeJS.ProcessEnv = { ...io.env };
  // The key stays with us: the child gets tokens, not the right to mint more.
  delete env.SWITCHBOARD_TOOL_KEY;
  for (const pair of pairs) {
    const account = resolveAccount(accounts, pair.account);
    env[pair.env] = (await api.token(account.id, minValidity)).accessToken;
  }
  const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => {
    const handler = forward(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  try {
    return await new Promise<number>((resolve, reject) => {
      child.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'ENOENT' || error.code === 'EACCES'
            ? new CliError(
                EXIT.commandNotFound,
                `Cannot run "${command[0]}": ${error.code === 'ENOENT' ? 'no such command' : 'permission denied'}.`,
              )
            : error,
        ),
      );
      // A child killed by a signal exits as a shell reports it: 128 + the signal's number.
      child.on('exit', (code, signal) =>
        resolve(signal ? 128 + (os.signals[signal] ?? 0) : (code ?? 1)),
      );
    });
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

/** One call through the proxy, the answer streamed to stdout (like `gh api`). */
export async function apiCommand(
  api: ApiClient,
  io: CliIo,
  name: string,
  path: string,
  options: { method?: string; headers: string[]; data?: string },
  base: string,
): Promise<number> {
  const account = resolveAccount(await api.accounts(), name);
  const headers: Record<string, string> = {};
  for (const header of options.headers) {
    const at = header.indexOf(':');
    if (at <= 0) throw new CliError(EXIT.usage, `-H takes 'Name: value', not "${header}".`);
    headers[header.slice(0, at).trim().toLowerCase()] = header.slice(at + 1).trim();
  }
  const body = options.data === undefined ? undefined : dataBody(options.data, io);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const method = (options.method ?? (body === undefined ? 'GET' : 'POST')).toUpperCase();
  const target = `/v1/proxy/${encodeURIComponent(account.id)}/${path.replace(/^\//, '')}`;
  const answer = await api.request(target, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  if (!answer.ok) {
    const error = await refusal(answer, base, true);
    // A platform's own refusal still goes to stdout, as gh api does: the caller may want its body.
    if (error.exitCode === EXIT.platformError && answer.body) await pipe(answer.body, io.stdout);
    throw error;
  }
  if (answer.body) await pipe(answer.body, io.stdout);
  return EXIT.ok;
}

function dataBody(data: string, io: CliIo): BodyInit {
  if (data === '-') return Readable.toWeb(io.stdin as Readable) as ReadableStream;
  if (!data.startsWith('@')) return data;
  const file = data.slice(1);
  if (!existsSync(file) || !statSync(file).isFile())
    throw new CliError(EXIT.usage, `--data @${file}: no such file.`);
  return Readable.toWeb(createReadStream(file)) as ReadableStream;
}

async function pipe(body: ReadableStream<Uint8Array>, out: NodeJS.WritableStream): Promise<void> {
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
  }
}

export async function accountsCommand(api: ApiClient, io: CliIo, json: boolean): Promise<number> {
  const accounts = await api.accounts();
  if (json) {
    io.stdout.write(`${JSON.stringify(accounts.map(publicFields))}\n`);
    return EXIT.ok;
  }
  const rows = [
    ['ID', 'PLATFORM', 'HANDLE', 'LABEL', 'STATUS', 'SIGN IN AGAIN BY'],
    ...accounts.map((a) => [
      a.id,
      a.platform,
      a.handle ? `@${a.handle.replace(/^@/, '')}` : '-',
      a.label ?? '-',
      a.status,
      a.reauthBy?.slice(0, 10) ?? '-',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows)
    io.stdout.write(
      `${row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd()}\n`,
    );
  return EXIT.ok;
}

/** The tray's one-line summary; exit 1 when an account needs the creator (cron and CI friendly). */
export async function statusCommand(api: ApiClient, io: CliIo, json: boolean): Promise<number> {
  const accounts = await api.accounts();
  const needYou = accounts.filter((a) => URGENCY[a.status as AccountStatus] === 'you');
  // The summary reads only each status, which /v1/accounts carries.
  const summary = summaryLine(accounts as unknown as Parameters<typeof summaryLine>[0]);
  if (json) {
    io.stdout.write(
      `${JSON.stringify({ summary, accounts: accounts.length, needYou: needYou.map(publicFields) })}\n`,
    );
  } else {
    io.stdout.write(`${summary}\n`);
    for (const account of needYou)
      io.stdout.write(`  ${describe(account)}: ${account.statusReason ?? account.status}\n`);
  }
  return needYou.length > 0 ? EXIT.needsAttention : EXIT.ok;
}

function publicFields(a: ApiAccount) {
  return {
    id: a.id,
    platform: a.platform,
    handle: a.handle,
    label: a.label,
    status: a.status,
    statusReason: a.statusReason,
    accessExpiresAt: a.accessExpiresAt,
    reauthBy: a.reauthBy,
  };
}
