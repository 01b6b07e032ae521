import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORM_DESCRIPTORS, PLATFORM_ORIGINS } from '../../src-main/core/platforms/descriptors';
import { PLATFORM_IDS } from '../../src-shared/platforms';

/** Where nothing listens: connection refused, like a laptop offline. */
export const NOWHERE = 'http://127.0.0.1:9';

/**
 * An origin-table file sending every platform origin nowhere, for child processes (serve mode
 * in e2e tests) that must never reach a real platform, not even for a reachability probe.
 * `avatars`: a local server (any demo platform) that answers the avatar CDN origins instead.
 */
export function offlineOriginsFile(avatars?: string): string {
  const cdns = new Set(PLATFORM_IDS.flatMap((id) => PLATFORM_DESCRIPTORS[id].avatars.origins));
  const target = (origin: string) => (avatars && cdns.has(origin) ? avatars : NOWHERE);
  const file = join(
    tmpdir(),
    `switchboard-offline-origins-${process.pid}${avatars ? '-avatars' : ''}.json`,
  );
  writeFileSync(
    file,
    JSON.stringify(Object.fromEntries(PLATFORM_ORIGINS.map((origin) => [origin, target(origin)]))),
  );
  return file;
}
