// `npm run relay:dev -- --port <n>`: the relay in the real Workers runtime (workerd, through
// miniflare) on 127.0.0.1. Client ids and secrets come from RELAY_<P>_CLIENT_ID / _SECRET;
// RELAY_PLATFORM_ORIGINS names a JSON file of stand-in origins (tests and demos only).
import { readFileSync } from 'node:fs';
import { Miniflare } from 'miniflare';
import { buildRelay } from './build-relay.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--port');
const port = at >= 0 ? Number(args[at + 1]) : 8787;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('--port takes a number from 0 to 65535 (0 = any free port).');
  process.exit(2);
}

const bindings = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => name.startsWith('RELAY_') && name !== 'RELAY_PLATFORM_ORIGINS',
  ),
);
if (process.env.RELAY_PLATFORM_ORIGINS)
  bindings.RELAY_PLATFORM_ORIGINS = readFileSync(process.env.RELAY_PLATFORM_ORIGINS, 'utf8');

const { worker } = await buildRelay();
const relay = new Miniflare({
  modules: true,
  scriptPath: worker,
  bindings,
  host: '127.0.0.1',
  port,
  compatibilityDate: '2026-04-26',
});
const url = await relay.ready;
console.log(`Relay listening at http://127.0.0.1:${url.port}`);
const stop = () => relay.dispose().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
