import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORM_ORIGINS } from '../../src-main/core/platforms/descriptors';

/** Where nothing listens: connection refused, like a laptop offline. */
export const NOWHERE = 'http://127.0.0.1:9';

/**
 * An origin-table file sending every platform origin nowhere, for child processes (serve mode
 * in e2e tests) that must never reach a real platform, not even for a reachability probe.
 */
export function offlineOriginsFile(): string {
  const file = join(tmpdir(), `switchboard-offline-origins-${process.pid}.json`);
  writeFileSync(
    file,
    JSON.stringify(Object.fromEntries(PLATFORM_ORIGINS.map((origin) => [origin, NOWHERE]))),
  );
  return file;
}
