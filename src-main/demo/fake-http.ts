import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { gzipped, streamHuge, type HugeAnswerProgress } from './fake-answers';

export type { HugeAnswerProgress } from './fake-answers';

/** One parsed request as a fake platform's routes see it. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The body, when it was sent as a form (the only body OAuth endpoints accept). */
  form: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** `Authorization: Bearer …`, when sent. */
  bearer: string | null;
  /** `Authorization: Basic …`, decoded, when sent. */
  basic: { id: string; secret: string } | null;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Text, or bytes for a compressed answer. */
  body?: string | Buffer;
}

export const jsonReply = (
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
) => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});

export const htmlReply = (status: number, text: string): Reply => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: text,
});

export const redirectReply = (location: string): Reply => ({
  status: 302,
  headers: { location, 'content-type': 'text/html; charset=utf-8' },
  body: '',
});

export type FaultKind =
  | '500'
  | '503'
  | '429'
  | 'hang'
  | 'latency'
  | 'invalid_grant'
  | 'not_json'
  | 'missing_fields'
  | 'reset'
  | 'quota'
  /** The normal answer, gzip-compressed although the client asked for identity (a CDN edge may). */
  | 'gzip'
  /** 200 with a JSON body of `bytes` bytes, streamed as the client reads it. */
  | 'huge';

/** A scripted misbehaviour for requests whose path matches. */
export interface FaultSpec {
  /** Exact pathname, or a pattern tested against the pathname. */
  path: string | RegExp;
  kind: FaultKind;
  /** Only this HTTP method (any when omitted). */
  method?: string;
  /** Delay for `latency`. */
  ms?: number;
  /** How many matching requests it hits (default 1; Infinity for all). */
  times?: number;
  /** For `429`: when the limit lifts, in seconds from the fake's clock (default 60). */
  resetAfterSeconds?: number;
  /** For `huge`: the body's size (default 300 MiB) and where the fake reports its progress. */
  bytes?: number;
  progress?: HugeAnswerProgress;
  /**
   * The request takes effect first (codes spent, tokens rotated), then the answer is replaced or
   * lost — the "unknown outcome" a rotating client must survive. Default: the fault answers instead.
   */
  afterEffect?: boolean;
}

export class FaultList {
  private readonly list: (FaultSpec & { left: number })[] = [];

  add(spec: FaultSpec): void {
    this.list.push({ ...spec, left: spec.times ?? 1 });
  }

  clear(): void {
    this.list.length = 0;
  }

  /** Faults not yet used up. */
  get pending(): number {
    return this.list.filter((fault) => fault.left > 0).length;
  }

  /** The first live fault for this request, counted as used. */
  take(method: string, path: string): FaultSpec | undefined {
    const fault = this.list.find(
      (candidate) =>
        candidate.left > 0 &&
        (!candidate.method || candidate.method.toUpperCase() === method) &&
        (typeof candidate.path === 'string' ? candidate.path === path : candidate.path.test(path)),
    );
    if (fault) fault.left -= 1;
    return fault;
  }
}

/** What tests may inspect about a request: names only, never values (tokens stay out of logs). */
export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  queryKeys: string[];
  bodyKeys: string[];
  /** How the client identified itself: Basic header, secret in body/query, id only, nothing. */
  clientAuth: 'basic' | 'body' | 'public' | 'none';
  bearer: boolean;
  fault?: FaultKind;
}

export interface HttpFakeHooks {
  now(): number;
  route(request: FakeRequest): Reply | undefined | Promise<Reply | undefined>;
  notFound(request: FakeRequest): Reply;
  /** The platform's own answer for an injected fault (shape, status and headers). */
  faultReply(fault: FaultSpec, request: FakeRequest): Reply;
  /** Answers a request from its body stream (uploads), or returns false to route it normally. */
  stream?(incoming: IncomingMessage, response: ServerResponse): Promise<boolean>;
  /** Last touch on every answer (X adds its rate-limit headers here). */
  decorate?(request: FakeRequest, reply: Reply): Reply;
}

export interface HttpFake {
  baseUrl: string;
  port: number;
  requests: RequestLogEntry[];
  faults: FaultList;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

function clientAuthOf(request: FakeRequest): RequestLogEntry['clientAuth'] {
  if (request.basic) return 'basic';
  if (request.form.has('client_secret') || request.query.has('client_secret')) return 'body';
  for (const key of ['client_id', 'client_key'])
    if (request.form.has(key) || request.query.has(key)) return 'public';
  return 'none';
}

function parseAuthorization(header: string | undefined) {
  const bearer = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1] ?? null;
  const basicRaw = /^Basic\s+(.+)$/i.exec(header ?? '')?.[1];
  let basic: FakeRequest['basic'] = null;
  if (basicRaw) {
    const text = Buffer.from(basicRaw, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    // RFC 6749 2.3.1: both halves are form-encoded before Basic encoding.
    const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    if (colon > 0)
      basic = { id: decode(text.slice(0, colon)), secret: decode(text.slice(colon + 1)) };
  }
  return { bearer, basic };
}

async function readBody(incoming: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function write(response: ServerResponse, reply: Reply): void {
  response.writeHead(reply.status, { 'cache-control': 'no-store', ...reply.headers });
  response.end(reply.body ?? '');
}

/** An HTTP server on 127.0.0.1:0 with request log, scripted faults and a quick close. */
export async function startHttpFake(hooks: HttpFakeHooks): Promise<HttpFake> {
  const requests: RequestLogEntry[] = [];
  const faults = new FaultList();
  const hanging = new Set<ServerResponse>();

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    if (hooks.stream && (await hooks.stream(incoming, response))) {
      const { bearer } = parseAuthorization(incoming.headers.authorization);
      requests.push({
        at: hooks.now(),
        method: (incoming.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        queryKeys: [...new Set(url.searchParams.keys())],
        bodyKeys: [],
        clientAuth: 'none',
        bearer: bearer !== null,
      });
      return;
    }
    const raw = await readBody(incoming);
    if (raw === null) return write(response, { status: 413, body: 'Request body too large' });
    const isForm = /application\/x-www-form-urlencoded/i.test(
      incoming.headers['content-type'] ?? '',
    );
    const request: FakeRequest = {
      method: (incoming.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      form: new URLSearchParams(isForm ? raw : ''),
      headers: incoming.headers,
      ...parseAuthorization(incoming.headers.authorization),
    };
    const fault = faults.take(request.method, request.path);
    requests.push({
      at: hooks.now(),
      method: request.method,
      path: request.path,
      queryKeys: [...new Set(request.query.keys())],
      bodyKeys: [...new Set(request.form.keys())],
      clientAuth: clientAuthOf(request),
      bearer: request.bearer !== null,
      ...(fault ? { fault: fault.kind } : {}),
    });
    if (fault?.kind === 'latency') await delay(fault.ms ?? 1000);
    const disrupts = fault && fault.kind !== 'latency' && fault.kind !== 'gzip';
    if (disrupts && !fault.afterEffect) return answerFault(fault, request, response);
    const reply = (await hooks.route(request)) ?? hooks.notFound(request);
    if (disrupts) return answerFault(fault, request, response);
    const decorated = hooks.decorate ? hooks.decorate(request, reply) : reply;
    write(response, fault?.kind === 'gzip' ? gzipped(decorated) : decorated);
  }

  function answerFault(
    fault: FaultSpec,
    request: FakeRequest,
    response: ServerResponse,
  ): void | Promise<void> {
    if (fault.kind === 'huge') return streamHuge(fault, response);
    if (fault.kind === 'hang') {
      hanging.add(response);
      return;
    }
    if (fault.kind === 'reset') {
      response.socket?.destroy();
      return;
    }
    if (fault.kind === 'not_json') {
      // What a captive portal or an overloaded edge answers instead of JSON.
      return write(response, htmlReply(200, '<html><body><h1>Service busy</h1></body></html>'));
    }
    const reply = hooks.faultReply(fault, request);
    write(response, hooks.decorate ? hooks.decorate(request, reply) : reply);
  }

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      if (!response.headersSent)
        write(response, { status: 500, body: `fake failed: ${(error as Error).message}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
