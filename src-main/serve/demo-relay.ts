import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { BuildCredentials } from '../core/platforms/build-credentials';
import type { Logger } from '../core/logger';
import type { RelayEnv } from '../../relay/src/config';
import { createRateLimiter } from '../../relay/src/rate-limit';
import { createRelay } from '../../relay/src/relay';
import { DEMO_CLIENTS, type FakePlatforms } from '../demo/fake-platforms';

/** The providers whose secrets a published build leaves on the relay (platforms/relay.ts). */
const RELAYED = ['instagram', 'facebook', 'tiktok'] as const;

export interface DemoRelay {
  /** Its URL, which the demo's "build" names (a relay on this machine is plain http). */
  url: string;
  /** What the demo core is given: the relayed apps' client ids, and the relay. */
  buildCredentials: BuildCredentials;
  close(): Promise<void>;
}

/**
 * Demo mode's relay: the relay's own request handler (relay/src), run under Node between the app
 * and the simulated Meta and TikTok, holding the demo apps' secrets — so `npm run demo` signs in
 * the way a published build does, and the app never sees those secrets.
 */
export async function startDemoRelay(fakes: FakePlatforms, log: Logger): Promise<DemoRelay> {
  const bindings: RelayEnv = { RELAY_PLATFORM_ORIGINS: JSON.stringify(fakes.origins) };
  for (const provider of RELAYED) {
    const name = provider.toUpperCase() as Uppercase<(typeof RELAYED)[number]>;
    bindings[`RELAY_${name}_CLIENT_ID`] = DEMO_CLIENTS[provider].clientId;
    bindings[`RELAY_${name}_CLIENT_SECRET`] = DEMO_CLIENTS[provider].clientSecret ?? '';
  }
  const app = createRelay({
    bindings,
    // Everything here comes from this machine: one client, with room for a long demo session.
    clientOf: () => 'demo',
    limiter: createRateLimiter({ burst: 600, perSecond: 10, maxClients: 4 }),
    // The relay's line names route, provider, grant, status and time: never a code or token.
    log: (line) => log.info(`relay ${JSON.stringify(line)}`),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const provider of ['instagram', 'facebook'] as const)
    fakes[provider].registerRedirect(`${url}/callback/${provider}`);
  return {
    url,
    buildCredentials: {
      relay: url,
      apps: Object.fromEntries(
        RELAYED.map((provider) => [provider, { clientId: DEMO_CLIENTS[provider].clientId }]),
      ),
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

/** The demo environment's credentials without the relayed providers' (their secrets stay on the relay). */
export function withoutRelayed(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([name]) =>
        !RELAYED.some((provider) => name.startsWith(`SWITCHBOARD_${provider.toUpperCase()}_`)),
    ),
  );
}
