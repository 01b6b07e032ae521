import { Hono, type Context } from 'hono';
import { callbackTarget, refusalPage } from './callback';
import { RelayConfigError, relayConfig, type RelayEnv } from './config';
import { isRelayProvider, RELAY_PROVIDERS } from './providers';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { relayToken } from './token';

/** One log line per request: what happened, never a code, token, secret or query. */
export interface RelayLogLine {
  route: 'callback' | 'token' | 'health' | 'other';
  provider: string | null;
  grant: string | null;
  status: number;
  ms: number;
}

export interface RelayOptions {
  /** Who is asking, for the per-client rate limit (the Workers edge or the socket says). */
  clientOf(c: Context): string;
  log?(line: RelayLogLine): void;
  limiter?: RateLimiter;
  fetcher?: typeof fetch;
  /** Fixed bindings (self-hosted under Node); on Workers each request brings its own. */
  bindings?: RelayEnv;
}

/** Token calls a client may burst, and regain per second: a sign-in makes two or three. */
export const RATE_BURST = 30;
export const RATE_PER_SECOND = 0.5;

const NO_STORE = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

/** The relay: one Web-standard request handler, the same on Workers and under Node. */
export function createRelay(options: RelayOptions): Hono<{ Bindings: RelayEnv }> {
  const limiter =
    options.limiter ??
    createRateLimiter({ burst: RATE_BURST, perSecond: RATE_PER_SECOND, maxClients: 10_000 });
  const log = options.log ?? ((line: RelayLogLine) => console.log(JSON.stringify(line)));
  const app = new Hono<{ Bindings: RelayEnv }>();
  const envOf = (c: Context<{ Bindings: RelayEnv }>): RelayEnv => options.bindings ?? c.env ?? {};

  app.use(async (c, next) => {
    const started = Date.now();
    await next();
    const route = c.req.path.split('/')[1];
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    log({
      route: route === 'callback' || route === 'token' || route === 'health' ? route : 'other',
      provider: c.req.param('provider') ?? c.req.path.split('/')[2] ?? null,
      grant: (c.get('grant' as never) as string | undefined) ?? null,
      status: c.res.status,
      ms: Date.now() - started,
    });
  });

  app.use(async (c, next) => {
    const client = options.clientOf(c);
    if (!limiter.take(client)) {
      c.header('retry-after', String(limiter.retryAfter(client)));
      return c.json(
        {
          ok: false,
          error: { code: 'rate_limited', message: 'Too many requests; wait a moment.' },
        },
        429,
      );
    }
    await next();
  });

  app.get('/health', (c) => {
    const clients = relayConfig(envOf(c)).clients;
    const providers = Object.fromEntries(RELAY_PROVIDERS.map((p) => [p, p in clients]));
    return c.json({ status: 'pass', providers });
  });

  app.get('/callback/:provider', (c) => {
    if (!isRelayProvider(c.req.param('provider')))
      return c.html(refusalPage('state_invalid'), 404, NO_STORE);
    const target = callbackTarget(new URL(c.req.url));
    if (!target.ok) return c.html(refusalPage(target.code), 400, NO_STORE);
    return c.redirect(target.location, 303);
  });

  app.post('/token/:provider', async (c) => {
    const answer = await relayToken(c.req.param('provider'), c.req.raw, envOf(c), options.fetcher);
    c.set('grant' as never, answer.grant as never);
    return c.body(answer.body, answer.status as 200, { 'content-type': answer.contentType });
  });

  app.notFound((c) =>
    c.json({ ok: false, error: { code: 'not_found', message: 'No such relay route.' } }, 404),
  );

  // A stack or a binding's value never reaches the answer; the log line says only the status.
  app.onError((error, c) => {
    const code = error instanceof RelayConfigError ? 'relay_misconfigured' : 'relay_error';
    return c.json({ ok: false, error: { code, message: 'The relay could not do that.' } }, 500);
  });

  return app;
}
