import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../src-shared/account';
import { createTestCore } from '../../src-main/core/app';
import { AVATAR_MAX_BYTES, AVATAR_RETRY_MS } from '../../src-main/core/avatars/avatar-cache';
import { createOriginTable } from '../../src-main/core/net/origin-table';
import { avatarPng } from '../../src-main/demo/fake-avatars';
import { fakeClock } from '../../src-main/demo/fake-users';
import { capturingLogger, recordingHost, tempDir } from '../support/test-host';
import { profile, tokenSet, cheapPassphraseProtector } from '../support/vault-fixtures';

// Avatars through the whole core: contract → vault → avatar cache → platform HTTP → origin table
// → a real HTTP server on 127.0.0.1 standing in for the CDNs, with real files in the data folder.

interface Seen {
  path: string;
  authorization: string | undefined;
  cookie: string | undefined;
}

const PNG_A = avatarPng('AA', '#e4572e');
const PNG_B = avatarPng('BB', '#17bebb');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const seen: Seen[] = [];
let server: Server;
let base = '';

const answers: Record<string, (reply: ServerResponse) => void> = {
  '/a.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_A),
  '/b.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_B),
  '/big.png': (res) =>
    res
      .writeHead(200, { 'content-type': 'image/png', 'content-length': String(600 * 1024) })
      .end(Buffer.concat([PNG_A, Buffer.alloc(600 * 1024 - PNG_A.length)])),
  // No Content-Length: the cap must hold while reading, not only on the header.
  '/big-chunked.png': (res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.write(PNG_A);
    for (let i = 0; i < 10; i += 1) res.write(Buffer.alloc(64 * 1024));
    res.end();
  },
  // At the cap and one byte over, streamed without a length (the read must count exactly).
  '/exact.png': (res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(Buffer.concat([PNG_A, Buffer.alloc(AVATAR_MAX_BYTES - PNG_A.length)]));
  },
  '/one-over.png': (res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(Buffer.concat([PNG_A, Buffer.alloc(AVATAR_MAX_BYTES + 1 - PNG_A.length)]));
  },
  '/svg.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(SVG),
  '/page.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end('<html></html>'),
  '/gone.png': (res) => res.writeHead(404).end('not found'),
  '/hop.png': (res) => res.writeHead(302, { location: 'https://pbs.twimg.com/b.png' }).end(),
  '/away.png': (res) => res.writeHead(302, { location: 'https://evil.example/a.png' }).end(),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    seen.push({ path, authorization: req.headers.authorization, cookie: req.headers.cookie });
    (answers[path] ?? ((r) => r.writeHead(404).end()))(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function startCore(dataDir: string, clock = fakeClock()) {
  const { host } = recordingHost();
  const log = capturingLogger();
  // evil.example is mapped too: were it ever fetched, the stand-in would see the request.
  const origins = createOriginTable({
    'https://pbs.twimg.com': base,
    'https://evil.example': base,
  });
  const core = await createTestCore(
    { dataDir, metricsPort: 0, origins },
    { ...host, keyProtector: cheapPassphraseProtector('a long passphrase') },
    { log, now: clock.now },
  );
  return { core, log, clock };
}

async function avatar(core: Awaited<ReturnType<typeof startCore>>['core'], accountId: string) {
  const result = await core.dispatch('accounts.avatar', { accountId });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { dataUrl: string | null }).dataUrl;
}

const dataUrlOf = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
const files = (dataDir: string) =>
  existsSync(join(dataDir, 'avatars')) ? readdirSync(join(dataDir, 'avatars')) : [];

function connect(core: Awaited<ReturnType<typeof startCore>>['core'], avatarUrl: string | null) {
  const tokens = tokenSet('avatar');
  const account = core.vault
    .require()
    .accounts.saveConnection(profile('x', '1460000000000000009', { avatarUrl }), tokens);
  return { account, tokens };
}

describe('avatars', () => {
  it('are fetched once without a credential, kept in the data folder and reused after a restart', async () => {
    const dir = tempDir();
    const first = await startCore(dir.path);
    const { account, tokens } = connect(first.core, 'https://pbs.twimg.com/a.png');
    seen.length = 0;
    expect(await avatar(first.core, account.id)).toBe(dataUrlOf(PNG_A));
    expect(await avatar(first.core, account.id)).toBe(dataUrlOf(PNG_A));
    expect(seen.map((request) => request.path)).toEqual(['/a.png']);
    expect(seen[0]!.authorization).toBeUndefined();
    expect(seen[0]!.cookie).toBeUndefined();
    expect(files(dir.path)).toEqual([
      expect.stringMatching(new RegExp(`^${account.id}-[0-9a-f]{16}\\.png$`)),
    ]);

    // What reaches the renderer: a key and a data: URL; no CDN URL, no token.
    const listed = await first.core.dispatch('accounts.list', {});
    const text = JSON.stringify(listed);
    expect(listed.ok && (listed.value as AccountSummary[])[0]!.avatarKey).toMatch(/^[0-9a-f]{16}$/);
    for (const secret of [tokens.accessToken, tokens.refreshToken, 'pbs.twimg.com', 'avatarUrl'])
      expect(text).not.toContain(secret);
    await first.core.close();

    const second = await startCore(dir.path);
    seen.length = 0;
    expect(await avatar(second.core, account.id)).toBe(dataUrlOf(PNG_A));
    expect(seen).toEqual([]);
    await second.core.close();
    dir.remove();
  });

  it('fetch again when the platform gives a new picture, follow a CDN redirect, and drop the old file', async () => {
    const dir = tempDir();
    const { core } = await startCore(dir.path);
    const { account } = connect(core, 'https://pbs.twimg.com/a.png');
    expect(await avatar(core, account.id)).toBe(dataUrlOf(PNG_A));
    const before = files(dir.path);
    connect(core, 'https://pbs.twimg.com/hop.png');
    seen.length = 0;
    expect(await avatar(core, account.id)).toBe(dataUrlOf(PNG_B));
    expect(seen.map((request) => request.path)).toEqual(['/hop.png', '/b.png']);
    const after = files(dir.path);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
    await core.close();
    dir.remove();
  });

  it.each([
    ['larger than 512 KiB (declared)', 'https://pbs.twimg.com/big.png', ['/big.png']],
    [
      'larger than 512 KiB (streamed)',
      'https://pbs.twimg.com/big-chunked.png',
      ['/big-chunked.png'],
    ],
    ['one byte over 512 KiB', 'https://pbs.twimg.com/one-over.png', ['/one-over.png']],
    ['an SVG labelled image/png', 'https://pbs.twimg.com/svg.png', ['/svg.png']],
    ['an HTML page', 'https://pbs.twimg.com/page.png', ['/page.png']],
    ['a 404', 'https://pbs.twimg.com/gone.png', ['/gone.png']],
    ['redirected to a host that is not the CDN', 'https://pbs.twimg.com/away.png', ['/away.png']],
    ['on a host that is not an avatar CDN', 'https://evil.example/a.png', []],
    ['on plain http', 'http://pbs.twimg.com/a.png', []],
    ['on another port', 'https://pbs.twimg.com:8443/a.png', []],
  ])('are refused when %s: the placeholder stays, nothing is kept', async (_, url, contacted) => {
    const dir = tempDir();
    const { core, log } = await startCore(dir.path);
    const { account } = connect(core, url);
    seen.length = 0;
    expect(await avatar(core, account.id)).toBeNull();
    expect(seen.map((request) => request.path)).toEqual(contacted);
    expect(files(dir.path)).toEqual([]);
    // The log names the host at most, never the URL (a CDN's signature rides in it).
    expect(log.lines.join('\n')).not.toContain(url);
    await core.close();
    dir.remove();
  });

  it('keep a picture of exactly 512 KiB', async () => {
    const dir = tempDir();
    const { core } = await startCore(dir.path);
    const { account } = connect(core, 'https://pbs.twimg.com/exact.png');
    expect(await avatar(core, account.id)).toMatch(/^data:image\/png;base64,/);
    expect(files(dir.path)).toHaveLength(1);
    await core.close();
    dir.remove();
  });

  it('after a failure, wait before asking the CDN again, and keep the picture already kept', async () => {
    const dir = tempDir();
    const { core, clock } = await startCore(dir.path);
    const { account } = connect(core, 'https://pbs.twimg.com/a.png');
    await avatar(core, account.id);
    connect(core, 'https://pbs.twimg.com/gone.png');
    seen.length = 0;
    expect(await avatar(core, account.id)).toBe(dataUrlOf(PNG_A));
    expect(await avatar(core, account.id)).toBe(dataUrlOf(PNG_A));
    expect(seen).toHaveLength(1);
    clock.advance(AVATAR_RETRY_MS - 1);
    await avatar(core, account.id);
    expect(seen).toHaveLength(1);
    clock.advance(1);
    await avatar(core, account.id);
    expect(seen).toHaveLength(2);
    await core.close();
    dir.remove();
  });

  it('are deleted with their account, and an account without one shows the placeholder', async () => {
    const dir = tempDir();
    const { core } = await startCore(dir.path);
    const { account } = connect(core, 'https://pbs.twimg.com/a.png');
    const other = core.vault
      .require()
      .accounts.saveConnection(profile('youtube', 'UC1', { avatarUrl: null }), tokenSet('o'));
    expect(await avatar(core, other.id)).toBeNull();
    await avatar(core, account.id);
    expect(files(dir.path)).toHaveLength(1);
    const removed = await core.dispatch('accounts.disconnect', { accountId: account.id });
    expect(removed.ok).toBe(true);
    expect(files(dir.path)).toEqual([]);
    const gone = await core.dispatch('accounts.avatar', { accountId: account.id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'account_not_found' } });
    await core.close();
    dir.remove();
  });
});
