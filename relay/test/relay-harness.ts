import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Miniflare } from 'miniflare';
// @ts-expect-error -- a plain ES module script without types
import { buildRelay } from '../../scripts/build-relay.mjs';

/** The relay's bundle, loaded into the real Workers runtime (workerd) by miniflare. */
export interface RelayUnderTest {
  url: string;
  /** Every line the worker printed (its log), in order. */
  logs: string[];
  fetch(path: string, init?: RequestInit & { client?: string }): Promise<Response>;
  close(): Promise<void>;
}

export const RELAY_APPS = {
  RELAY_INSTAGRAM_CLIENT_ID: 'ig-publisher-app',
  RELAY_INSTAGRAM_CLIENT_SECRET: 'ig-relay-secret-7f3a9c',
  RELAY_FACEBOOK_CLIENT_ID: 'fb-publisher-app',
  RELAY_FACEBOOK_CLIENT_SECRET: 'fb-relay-secret-51d0e2',
  RELAY_TIKTOK_CLIENT_ID: 'tt-publisher-key',
  RELAY_TIKTOK_CLIENT_SECRET: 'tt-relay-secret-c84b17',
};

export async function startRelay(bindings: Record<string, string>): Promise<RelayUnderTest> {
  const outdir = mkdtempSync(join(tmpdir(), 'relay-build-'));
  const { worker } = (await buildRelay(outdir)) as { worker: string };
  const logs: string[] = [];
  const collect = (stream: Readable) =>
    stream.on('data', (chunk: Buffer) =>
      logs.push(...chunk.toString().split('\n').filter(Boolean)),
    );
  const mf = new Miniflare({
    modules: true,
    // The script itself, not its path: workerd refuses paths outside its starting folder.
    script: readFileSync(worker, 'utf8'),
    bindings,
    host: '127.0.0.1',
    port: 0,
    compatibilityDate: '2026-04-26',
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      collect(stdout);
      collect(stderr);
    },
  });
  const url = (await mf.ready).origin;
  return {
    url,
    logs,
    fetch: (path, init = {}) =>
      fetch(`${url}${path}`, {
        redirect: 'manual',
        ...init,
        headers: { 'cf-connecting-ip': init.client ?? '198.51.100.7', ...init.headers },
      }),
    async close() {
      await mf.dispose();
      rmSync(outdir, { recursive: true, force: true });
    },
  };
}

export interface SeenRequest {
  method: string;
  url: string;
  body: string;
}

/** A stand-in platform on 127.0.0.1 that records each request and answers as scripted. */
export async function startUpstream(
  answer: (seen: SeenRequest, res: ServerResponse) => void = (_seen, res) =>
    json(res, 200, { access_token: 'act-from-platform', expires_in: 3600 }),
): Promise<{ origin: string; seen: SeenRequest[]; server: Server; close(): Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', body };
      seen.push(request);
      answer(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    seen,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Every platform origin the relay may call, pointed at one stand-in. */
export function originsTo(standIn: string): string {
  return JSON.stringify({
    'https://api.instagram.com': standIn,
    'https://graph.instagram.com': standIn,
    'https://graph.facebook.com': standIn,
    'https://open.tiktokapis.com': standIn,
  });
}

export const form = (
  fields: Record<string, string>,
  client = '198.51.100.7',
): RequestInit & {
  client: string;
} => ({
  method: 'POST',
  client,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
