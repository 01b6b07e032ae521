import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { RelayEnv } from './config';
import { createRelay } from './relay';

/**
 * Self-hosting under Node: `node relay.mjs [--port n] [--host h]`. The environment holds the
 * same RELAY_* values the Worker's bindings would. Behind a reverse proxy the socket address is
 * the proxy's, so the rate limit is then per proxy: put the limit in the proxy instead.
 */
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const port = Number(option('port') ?? process.env.PORT ?? 8787);
const hostname = option('host') ?? '127.0.0.1';
const bindings: RelayEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name.startsWith('RELAY_')),
);

const app = createRelay({
  bindings,
  clientOf: (c) =>
    (c.env as { incoming?: { socket?: { remoteAddress?: string } } }).incoming?.socket
      ?.remoteAddress ?? 'unknown',
});

const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
  console.log(`Relay listening at http://${hostname}:${info.port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
