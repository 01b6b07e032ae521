import type { ErrorCode } from '../../../src-shared/errors';

/** What the failed-sign-in card offers next: the action that fixes the error, if one does. */
export type ConnectFix = 'settings' | 'retry' | 'none';

const SETTINGS: readonly ErrorCode[] = [
  'platform_not_configured',
  'platform_bad_credentials',
  'oauth_port_in_use',
  'platform_origins_invalid',
];

/** Errors a plain retry cannot change: the message itself says what to do. */
const NOTHING_TO_RETRY: readonly ErrorCode[] = [
  'tier_limit_reached',
  'account_not_eligible',
  'account_suspended',
  'oauth_connect_in_progress',
  'vault_locked',
];

export function fixFor(code: ErrorCode): ConnectFix {
  if (SETTINGS.includes(code)) return 'settings';
  if (NOTHING_TO_RETRY.includes(code)) return 'none';
  return 'retry';
}
