import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { request } from 'undici';

/** Parsed JSON as tests read it: loosely, since each platform has its own shapes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseJson = any;

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: LooseJson;
}

/** One plain HTTP exchange with a fake, as an adapter would make it (no redirects followed). */
export async function rawRequest(
  url: string | URL,
  options: {
    method?: string;
    form?: Record<string, string>;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  } = {},
): Promise<RawAnswer> {
  const headers = { ...options.headers };
  if (options.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const answer = await request(url, {
    method: (options.method ?? (options.form ? 'POST' : 'GET')) as 'GET',
    headers,
    body: options.form ? new URLSearchParams(options.form).toString() : undefined,
    signal: options.signal,
  });
  const text = await answer.body.text();
  let json: LooseJson;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: answer.statusCode, headers: answer.headers, text, json };
}

/** A PKCE verifier with both challenge encodings (S256 base64url and TikTok desktop's hex). */
export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  const digest = createHash('sha256').update(verifier);
  const hash = digest.digest();
  return { verifier, s256: hash.toString('base64url'), hex: hash.toString('hex') };
}

export const basicAuth = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** A stand-in for the app's loopback listener: records each callback and says "done". */
export async function startLoopbackCatcher(path = '/callback') {
  const received: URLSearchParams[] = [];
  const server = createServer((incoming, response) => {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== path) {
      response.writeHead(404).end('not the callback path');
      return;
    }
    received.push(url.searchParams);
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<p>Done. Go back to the app.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    uri: `http://127.0.0.1:${port}${path}`,
    received,
    last(): URLSearchParams {
      const params = received.at(-1);
      if (!params) throw new Error('No callback arrived.');
      return params;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
