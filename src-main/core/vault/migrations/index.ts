import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-pending-connections';
import { migration0003 } from './0003-refresh-state';
import { migration0004 } from './0004-tool-keys';
import { migration0005 } from './0005-signing-secrets';
import type { Migration } from './migration';

/**
 * Numbered, append-only migrations, one file each. Never edit a released one: add the next
 * number in a new file and list it here. The runner (runner.ts) applies them in this order.
 */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
