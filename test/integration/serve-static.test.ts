import { execFileSync, spawn } from 'node:child_process';
import type * as Fs from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_CONNECTIONS } from '../../src-main/core/loopback-http';
import { bundleChild, exitOf } from '../support/child-script';
import { httpRequest, overConnectionCap } from '../support/http-client';
import { eventSource, rendererFolder, serve } from '../support/serve-fixture';

// A rebuild or upgrade removing a file at the worst moment: after the request found it, before
// the server opened it. Only the file named vanishing.js is affected.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const open: typeof real.open = async (path, ...rest) => {
    if (String(path).endsWith('vanishing.js')) await real.rm(path, { force: true });
    return real.open(path, ...rest);
  };
  return { ...real, open, default: { ...real, open } };
});

// The same race one step earlier: the file is seen (existsSync), then gone before its stat.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof Fs>();
  const statSync = ((path: Fs.PathLike, ...rest: []) => {
    if (String(path).endsWith('stat-race.js')) real.rmSync(path, { force: true });
    return real.statSync(path, ...rest);
  }) as typeof real.statSync;
  return { ...real, statSync, default: { ...real, statSync } };
});

const BIG = Buffer.alloc(1024 * 1024, 'a');
const openFiles = () => readdirSync('/proc/self/fd').length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one GET and hangs up: at once, or as soon as the first bytes of the answer arrive. */
function abandon(port: number, path: string, when: 'at-once' | 'on-first-byte'): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    socket.on('close', () => resolve());
    socket.on('connect', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      if (when === 'at-once') socket.destroy();
    });
    socket.once('data', () => socket.destroy());
  });
}

describe.runIf(process.platform === 'linux')('serve-mode static files under abuse', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  const get = (path: string) =>
    httpRequest(server.port, { path, headers: { Host: `127.0.0.1:${server.port}` } });

  beforeAll(async () => {
    server = await serve(eventSource().core, rendererFolder({ 'assets/big.js': BIG }));
  });
  afterAll(async () => {
    await server.close();
  });

  it('5,000 requests opened and abandoned leave the open files at their baseline', async () => {
    expect((await get('/')).status).toBe(200);
    expect((await get('/assets/big.js')).body.length).toBe(BIG.length);
    await sleep(50);
    const baseline = openFiles();
    let peak = baseline;
    for (let batch = 0; batch < 50; batch++) {
      // 100 at a time stays under the connection cap, so every request reaches the handler.
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          i % 2 === 0
            ? abandon(server.port, '/', 'at-once')
            : abandon(server.port, '/assets/big.js', 'on-first-byte'),
        ),
      );
      peak = Math.max(peak, openFiles());
    }
    let after = openFiles();
    for (let i = 0; i < 200 && after > baseline; i++) {
      await sleep(25);
      after = openFiles();
    }
    console.info(`open files: baseline ${baseline}, peak ${peak}, after ${after}`);
    expect(after).toBeLessThanOrEqual(baseline);
    expect((await get('/')).status).toBe(200);
  }, 60_000);

  it('an unreadable renderer file is a 500, and the server keeps serving', async () => {
    // Reading /proc/self/mem at offset 0 fails with EIO: a file that opens but cannot be read.
    symlinkSync('/proc/self/mem', join(server.rendererDir, 'assets', 'broken.js'));
    const before = openFiles();
    const answer = await get('/assets/broken.js');
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body).error.code).toBe('internal');
    expect(server.log.lines.join('\n')).toMatch(/renderer file could not be read: EIO/);
    expect(openFiles()).toBeLessThanOrEqual(before);
    expect((await get('/')).status).toBe(200);
  });

  it('a renderer file that vanishes between being found and being opened is a 404', async () => {
    writeFileSync(join(server.rendererDir, 'assets', 'vanishing.js'), 'console.log(3)');
    const answer = await get('/assets/vanishing.js');
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body).error.code).toBe('not_found');
    expect((await get('/')).status).toBe(200);
  });

  it('a renderer file that vanishes between being seen and its stat is a 404, logged on one line without its path', async () => {
    writeFileSync(join(server.rendererDir, 'assets', 'stat-race.js'), 'console.log(4)');
    const before = server.log.lines.length;
    const answer = await get('/assets/stat-race.js');
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body).error.code).toBe('not_found');
    const logged = server.log.lines.slice(before).join('\n');
    expect(logged).not.toContain(server.rendererDir);
    expect(logged).not.toMatch(/\n\s+at /);
    expect((await get('/')).status).toBe(200);
  });

  it('a renderer folder churning under requests answers the file or 404, never a crash', async () => {
    const file = join(server.rendererDir, 'assets', 'churn.js');
    const statuses = new Set<number>();
    for (let round = 0; round < 100; round++) {
      writeFileSync(file, 'console.log(2)');
      const answer = get('/assets/churn.js');
      // Gone while the request is on its way in: a rebuild emptying the folder.
      setImmediate(() => rmSync(file, { force: true }));
      statuses.add((await answer).status);
    }
    expect([...statuses].every((status) => status === 200 || status === 404)).toBe(true);
    unlinkSync(join(server.rendererDir, 'index.html'));
    expect((await get('/')).status).toBe(404);
    expect((await get('/settings')).status).toBe(404);
  });

  it(`with ${MAX_CONNECTIONS} silent connections open, still answers the next one`, async () => {
    const probe = await overConnectionCap(server.port, MAX_CONNECTIONS);
    expect(probe.outcome).toBe('answered');
    await probe.release();
    expect((await get('/assets/app.js')).status).toBe(200);
  });
});

describe.runIf(process.platform === 'linux')('serve mode at a low open-file limit', () => {
  it('survives 300 concurrent static requests with 64 open files allowed', async () => {
    const script = await bundleChild(new URL('../support/serve-static-child.ts', import.meta.url));
    const dir = rendererFolder({ 'assets/big.js': BIG });
    const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /ready (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      child.on('exit', (code) => reject(new Error(`child exited with ${code}:\n${output}`)));
    });
    try {
      // Lowered once started: loading the modules alone opens more files than that at once.
      execFileSync('prlimit', [`--pid=${child.pid}`, '--nofile=64:64']);
      const outcomes = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          i % 3 === 0
            ? abandon(port, '/assets/big.js', 'on-first-byte').then(() => 'abandoned')
            : httpRequest(port, {
                path: i % 3 === 1 ? '/' : '/assets/big.js',
                headers: { Host: `127.0.0.1:${port}` },
              }).then(
                (answer) => answer.status,
                () => 'dropped',
              ),
        ),
      );
      expect(outcomes.every((o) => [200, 500, 'abandoned', 'dropped'].includes(o))).toBe(true);
      expect(child.exitCode).toBeNull();
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        status = await httpRequest(port, {
          path: '/',
          headers: { Host: `127.0.0.1:${port}` },
        }).then(
          (answer) => answer.status,
          () => 0,
        );
        if (status !== 200) await sleep(20);
      }
      expect(status).toBe(200);
      expect(child.exitCode, output).toBeNull();
    } finally {
      child.kill('SIGKILL');
      await exitOf(child);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

// After an upgrade a cached index.html would name assets that no longer exist (a blank page);
// the assets themselves carry a content hash in their names, so they may be kept for ever.
describe('serve-mode static caching', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  const get = (path: string) =>
    httpRequest(server.port, { path, headers: { Host: `127.0.0.1:${server.port}` } });

  beforeAll(async () => {
    server = await serve(eventSource().core);
  });
  afterAll(async () => {
    await server.close();
  });

  it('never caches index.html, under any route', async () => {
    for (const path of ['/', '/index.html', '/settings']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.body, path).toContain('<title>Switchboard</title>');
      expect(answer.headers['cache-control'], path).toBe('no-store');
    }
  });

  it('keeps /assets for a year, immutable', async () => {
    const answer = await get('/assets/app.js');
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
