import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild } from '../support/child-script';
import { startToolsHarness, type ToolsHarness } from '../support/tools-harness';

// The real `switchboard` command, run as a process against the core's local API and the fakes.
let t: ToolsHarness;
let cli: string;
let key: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  cli = await bundleChild(new URL('../../src-main/cli/switchboard.ts', import.meta.url));
  t = await startToolsHarness(['x', 'tiktok']);
  key = (await t.createKey({ name: 'cli' })).key;
  env = {
    PATH: process.env.PATH,
    SWITCHBOARD_API: `http://127.0.0.1:${t.port}`,
    SWITCHBOARD_TOOL_KEY: key,
  };
}, 60_000);
afterAll(() => t?.close());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}, stdin?: string): Promise<Run> {
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...env, ...extraEnv },
    // A hung command is killed rather than left running past its test.
    timeout: 60_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const xAccount = () => t.accounts.x!;
const xRefreshes = () =>
  t.fakes.x.requests.filter((entry) => entry.path === '/2/oauth2/token').length;

describe('switchboard token', () => {
  it('prints exactly the current access token and a newline, by id or platform:@handle', async () => {
    const byId = await run(['token', xAccount()]);
    expect(byId.code).toBe(0);
    expect(byId.stdout).toBe(`${t.secretsOf(xAccount()).accessToken}\n`);
    const handle = t.h.core.vault.require().accounts.get(xAccount())!.handle!;
    const byHandle = await run(['token', `x:@${handle.replace(/^@/, '')}`]);
    expect(byHandle.stdout).toBe(byId.stdout);
    expect(byId.stderr).toBe('');
  });

  it('refreshes first when due: one platform refresh for 20 concurrent calls', async () => {
    const before = t.secretsOf(xAccount()).accessToken;
    t.expireIn(xAccount(), 60_000);
    const refreshes = xRefreshes();
    const runs = await Promise.all(
      Array.from({ length: 20 }, () => run(['token', xAccount(), '--json'])),
    );
    expect(runs.map((r) => r.code)).toEqual(Array(20).fill(0));
    const tokens = new Set(runs.map((r) => JSON.parse(r.stdout).accessToken as string));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).not.toBe(before);
    expect([...tokens][0]).toBe(t.secretsOf(xAccount()).accessToken);
    expect(xRefreshes()).toBe(refreshes + 1);
    expect(Object.keys(JSON.parse(runs[0]!.stdout)).sort()).toEqual([
      'accessToken',
      'expiresAt',
      'scopes',
    ]);
  }, 120_000);
});

describe('switchboard exec', () => {
  it('hands a fresh token to a child that checks it with the platform, and exits with its status', async () => {
    const check = `fetch(process.env.XAPI + '/2/users/me', { headers: { authorization: 'Bearer ' + process.env.X_TOKEN } })
      .then((r) => process.exit(r.status === 200 && !process.env.SWITCHBOARD_TOOL_KEY ? 42 : 9))`;
    const result = await run(
      ['exec', '--account', xAccount(), '--env', 'X_TOKEN', '--', process.execPath, '-e', check],
      { XAPI: t.fakes.origins['https://api.x.com'] },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(42);
  });

  it('passes standard input and output through', async () => {
    const echo = "process.stdin.on('data', (d) => process.stdout.write(String(d).toUpperCase()))";
    const result = await run(
      ['exec', '--account', xAccount(), '--', process.execPath, '-e', echo],
      {},
      'hello',
    );
    expect(result).toMatchObject({ code: 0, stdout: 'HELLO' });
  });

  it('reports a child killed by a signal as 128 + its number, and a missing command as 127', async () => {
    const killed = await run([
      'exec',
      '--account',
      xAccount(),
      '--',
      process.execPath,
      '-e',
      "process.kill(process.pid, 'SIGTERM')",
    ]);
    expect(killed.code).toBe(143);
    const missing = await run(['exec', '--account', xAccount(), '--', 'no-such-command-here']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('no-such-command-here');
  });
});

describe('switchboard api', () => {
  const postsSince = (seen: number) =>
    t.fakes.x.requests
      .slice(seen)
      .filter((request) => request.method === 'POST' && request.path === '/2/tweets');

  it('posts through the proxy, streams the answer, and the post is counted', async () => {
    const before = t.h.core.vault.require().accounts.get(xAccount())!.usage.postsToday;
    const seen = t.fakes.x.requests.length;
    const result = await run([
      'api',
      xAccount(),
      '2/tweets',
      '--data',
      '{"text":"hello from the cli"}',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).data.id).toMatch(/^\d+$/);
    // The app's own checks may reach the fake X meanwhile: look for the post among the new ones.
    expect(postsSince(seen)).toHaveLength(1);
    expect(t.h.core.vault.require().accounts.get(xAccount())!.usage.postsToday).toBe(before + 1);
  });

  it('sends standard input with --data -, and refuses a missing --data file', async () => {
    const seen = t.fakes.x.requests.length;
    const piped = await run(['api', xAccount(), '2/tweets', '--data', '-'], {}, '{"text":"piped"}');
    expect(piped.code).toBe(0);
    expect(postsSince(seen)).toHaveLength(1);
    const missing = await run(['api', xAccount(), '2/tweets', '--data', '@/no/such/file.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });
});

describe('switchboard accounts and status', () => {
  it('lists the accounts, and status exits 1 once one needs the creator', async () => {
    const table = await run(['accounts']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(xAccount());
    expect(table.stdout).toContain(t.accounts.tiktok!);
    expect((await run(['status'])).code).toBe(0);
    t.h.core.vault
      .require()
      .db.prepare(
        `UPDATE accounts SET status = 'needs_reauth', status_reason = 'Sign in again.' WHERE id = ?`,
      )
      .run(t.accounts.tiktok);
    const status = await run(['status']);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('1 needs you');
    expect(status.stdout).toContain('Sign in again.');
    const token = await run(['token', t.accounts.tiktok!]);
    expect(token.code).toBe(6);
    expect(token.stderr).toContain('Sign in again.');
    expect(token.stdout).toBe('');
  });
});

describe('bad input ends with its exit code and a sentence', () => {
  it('no key, a revoked key, an unreadable key file; warns about a world-readable one', async () => {
    const none = await run(['token', xAccount()], { SWITCHBOARD_TOOL_KEY: '' });
    expect(none.code).toBe(4);
    expect(none.stderr).toContain('SWITCHBOARD_TOOL_KEY');
    const revoked = await t.createKey({ name: 'soon revoked' });
    await t.h.call('tools.revoke', { toolId: revoked.tool.id });
    const refused = await run(['token', xAccount()], { SWITCHBOARD_TOOL_KEY: revoked.key });
    expect(refused.code).toBe(4);
    expect(refused.stderr).not.toContain(revoked.key);
    const unreadable = await run(['token', xAccount(), '--key-file', '/no/such/key']);
    expect(unreadable.code).toBe(4);
    const file = join(t.h.dataDir, 'key.txt');
    writeFileSync(file, `${key}\n`);
    chmodSync(file, 0o644);
    const open = await run(['token', xAccount(), '--key-file', file], { SWITCHBOARD_TOOL_KEY: '' });
    expect(open.code).toBe(0);
    expect(open.stderr).toContain('can be read by other users');
  });

  it('an unknown or ambiguous account lists the candidates', async () => {
    const unknown = await run(['token', 'nobody']);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain(xAccount());
    await t.h.call('accounts.rename', { accountId: xAccount(), label: 'Main' });
    await t.h.call('accounts.rename', { accountId: t.accounts.tiktok!, label: 'main' });
    const ambiguous = await run(['token', 'MAIN']);
    expect(ambiguous.code).toBe(5);
    expect(ambiguous.stderr).toContain('matches 2 accounts');
  });

  it('the app not running, or something else at the address, is exit 3', async () => {
    const down = await run(['status'], { SWITCHBOARD_API: 'http://127.0.0.1:1' });
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('not answering');
    const { createServer } = await import('node:http');
    const other = createServer((_req, res) => res.writeHead(404).end('nope'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const port = (other.address() as { port: number }).port;
      const elsewhere = await run(['status'], { SWITCHBOARD_API: `http://127.0.0.1:${port}` });
      expect(elsewhere.code).toBe(3);
    } finally {
      other.close();
    }
  });

  it('an unknown command, and a command after -- that does not exist', async () => {
    expect((await run(['tokens'])).code).toBe(2);
    expect((await run(['exec', '--account', xAccount()])).code).toBe(2);
    const help = await run(['exec', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('SWITCHBOARD_ACCESS_TOKEN');
  });

  it('no token ever reaches stderr', async () => {
    const runs = await Promise.all([
      run(['token', 'nobody']),
      run(['api', xAccount(), '2/does-not-exist']),
      run(['exec', '--account', xAccount(), '--', 'no-such-command-here']),
    ]);
    const token = t.secretsOf(xAccount()).accessToken;
    for (const result of runs) expect(result.stderr).not.toContain(token);
    expect(runs[1]!.code).toBe(7);
  });
});
