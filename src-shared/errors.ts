/**
 * Stable error codes shared by main and renderer. A code never changes meaning once released;
 * the message beside it is a sentence a creator can act on.
 */
export const ERROR_CODES = [
  // transport and contract
  'unknown_channel',
  'invalid_input',
  'invalid_output',
  'unauthorized',
  'forbidden_host',
  'forbidden_origin',
  'forbidden_sender',
  'payload_too_large',
  'method_not_allowed',
  'not_found',
  'internal',
  'connection_lost',
  'too_many_streams',
  // settings
  'settings_invalid',
  'settings_unreadable',
  // vault
  'vault_locked',
  'vault_already_open',
  'vault_busy',
  'vault_wrong_key',
  'vault_newer_schema',
  'vault_unreadable',
  'vault_disk_full',
  'vault_tampered',
  'vault_key_unavailable',
  'vault_insecure_keystore',
  'backup_wrong_passphrase',
  'backup_damaged',
  'backup_too_large',
  'account_not_found',
  'tokens_changed',
  'tier_limit_reached',
  'licence_invalid',
  'licence_expired',
  'passphrase_too_weak',
  'passphrase_mismatch',
  'passphrase_current_wrong',
  // connecting accounts and talking to platforms
  'platform_origins_invalid',
  'platform_not_configured',
  'platform_bad_credentials',
  'platform_unreachable',
  'platform_rate_limited',
  'platform_error',
  'platform_bad_response',
  'oauth_port_in_use',
  'oauth_denied',
  'oauth_timeout',
  'oauth_cancelled',
  'oauth_connect_in_progress',
  'oauth_code_rejected',
  'oauth_scope_missing',
  'connect_not_found',
  'account_not_eligible',
  'account_suspended',
  'no_linked_instagram',
  'reconnect_wrong_account',
  'token_rejected',
  'permission_denied',
  // keeping accounts alive
  'account_needs_reauth',
  'rotation_lost',
  'refresh_not_saved',
  // the local tool API and proxy
  'tool_key_invalid',
  'command_unavailable',
  'command_install_conflict',
  'tool_key_not_found',
  'tool_key_limit_reached',
  'tool_name_taken',
  'tool_forbidden',
  'posting_cap_reached',
  'proxy_path_invalid',
  'proxy_upstream_failed',
  'proxy_upstream_timeout',
  'proxy_path_forbidden',
  'proxy_answer_too_large',
  'proxy_answer_encoding',
  'tool_key_busy',
  'settings_port_conflict',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  unknown_channel: 'Switchboard does not know that request; update the app and try again.',
  invalid_input: 'The request was not in the expected shape.',
  invalid_output: 'Switchboard produced an answer it could not vouch for; please report this.',
  unauthorized: 'This page is not authorised; open Switchboard from the link it printed.',
  forbidden_host: 'Requests must address Switchboard by 127.0.0.1 or localhost.',
  forbidden_origin: 'Requests from other web sites are refused.',
  forbidden_sender: 'Only Switchboard’s own window may talk to it.',
  payload_too_large: 'The request is too large.',
  method_not_allowed: 'That method is not allowed here.',
  not_found: 'Nothing is here.',
  internal: 'Something went wrong inside Switchboard; the details are in its log.',
  connection_lost: 'Switchboard is not answering; check that it is still running, then reload.',
  too_many_streams: 'Too many Switchboard pages are open at once; close a few tabs, then reload.',
  settings_invalid: 'That setting is not valid.',
  settings_unreadable:
    'The settings file could not be read or set aside; check the data folder and its permissions.',
  vault_locked: 'The vault is locked; unlock it with your passphrase.',
  vault_already_open: 'The vault is already unlocked; no passphrase is needed.',
  vault_busy: 'Another Switchboard is using this data folder; close it or choose another folder.',
  vault_wrong_key:
    'The vault could not be opened with this key or passphrase; nothing was changed.',
  vault_newer_schema:
    'This data folder was written by a newer Switchboard; update the app to open it. Nothing was changed.',
  vault_unreadable: 'The vault file could not be read; check the data folder and its permissions.',
  vault_disk_full: 'The disk is full; free some space. Nothing was lost.',
  vault_tampered:
    'A stored secret failed its integrity check; reconnect this account. Other accounts are unaffected.',
  vault_key_unavailable:
    'The system key store is not available, so the vault key cannot be unlocked.',
  vault_insecure_keystore:
    'This system has no secure key store; choose a vault passphrase instead of storing the key in plain text.',
  backup_wrong_passphrase: 'That passphrase does not open this backup; nothing was changed.',
  backup_damaged: 'The backup file is damaged or not a Switchboard backup; nothing was changed.',
  backup_too_large:
    'The backup holds more data than Switchboard restores (256 MiB unpacked); it was not read and nothing was changed.',
  account_not_found: 'That account is no longer connected.',
  tokens_changed: 'Another refresh stored newer tokens first; nothing was overwritten.',
  tier_limit_reached:
    'Your plan’s limit for this platform is reached; upgrade or disconnect an account.',
  licence_invalid:
    'That is not a valid Switchboard licence key; copy it again in full from the email it came in.',
  licence_expired: 'That licence key has expired; renew it where you bought it.',
  passphrase_too_weak: 'Choose a passphrase of at least 8 characters, not only spaces.',
  passphrase_mismatch: 'The two passphrases differ; type the same one twice.',
  passphrase_current_wrong: 'That is not the current vault passphrase; nothing was changed.',
  platform_origins_invalid:
    'The platform origin table is not valid; fix the file named by SWITCHBOARD_PLATFORM_ORIGINS or --platform-origins.',
  platform_not_configured:
    'This platform has no developer-app credentials yet; add them in Settings → Platforms.',
  platform_bad_credentials:
    'The platform refused this app’s client id or secret; check them in Settings → Platforms.',
  platform_unreachable: 'The platform could not be reached; check your connection and try again.',
  platform_rate_limited: 'The platform asked Switchboard to slow down; try again later.',
  platform_error: 'The platform answered with an error; try again in a few minutes.',
  platform_bad_response: 'The platform sent an answer Switchboard could not read; try again.',
  oauth_port_in_use:
    'The sign-in port is taken by another program; choose another port in Settings → Platforms.',
  oauth_denied: 'You declined the sign-in in the browser; nothing was connected.',
  oauth_timeout: 'The sign-in was not finished in time; start it again.',
  oauth_cancelled: 'The sign-in was cancelled; nothing was connected.',
  oauth_connect_in_progress:
    'A sign-in for this platform is already waiting in your browser; finish or cancel it first.',
  oauth_code_rejected:
    'The platform refused the sign-in code (it may have expired); start the sign-in again.',
  oauth_scope_missing:
    'Some permissions Switchboard needs were not granted; connect again and allow all of them.',
  connect_not_found: 'That sign-in is no longer running.',
  account_not_eligible: 'This account cannot be connected on this platform.',
  account_suspended: 'The platform reports this account as suspended or restricted.',
  no_linked_instagram:
    'None of your Facebook Pages has a linked Instagram professional account; link one in Instagram settings, then connect again.',
  token_rejected:
    'The platform no longer accepts this account’s access token; Switchboard will refresh it or ask you to reconnect.',
  permission_denied:
    'The platform refused this action for this account; check the permissions you granted.',
  account_needs_reauth:
    'The platform no longer accepts this account’s sign-in; reconnect it in Switchboard.',
  rotation_lost:
    'The platform stopped accepting this sign-in after a renewal was interrupted; reconnect this account.',
  refresh_not_saved:
    'A renewed token could not be saved (disk full or vault locked); Switchboard keeps it in memory and retries. Free disk space or unlock the vault.',
  reconnect_wrong_account:
    'You signed in as a different account than the one being reconnected; sign in as that account, or connect this one separately.',
  command_unavailable:
    'This copy of Switchboard carries no switchboard command to install; from a checkout, use npm run cli.',
  command_install_conflict:
    'A switchboard command that Switchboard did not install is already there; remove it first, or keep using it.',
  tool_key_invalid:
    'The tool key is missing, wrong or revoked; send a key from Settings → Tools as `Authorization: Bearer <key>`.',
  tool_key_not_found: 'That tool key no longer exists.',
  tool_key_limit_reached:
    'There are already 50 live tool keys; revoke the ones no tool uses any more, then create this one.',
  tool_name_taken:
    'A live tool key already has this name; choose another name, or revoke that key first.',
  tool_forbidden:
    'This tool key may not do that for this account; create a key with that account and right in Settings → Tools.',
  posting_cap_reached:
    'This account reached its daily posting limit; Switchboard held the post back before it reached the platform. Try again tomorrow or raise the limit in Settings.',
  proxy_path_invalid:
    'The proxy path must be a plain platform API path such as /v1/proxy/<account>/2/users/me (no .., encoded slashes or other hosts).',
  proxy_upstream_failed: 'The platform could not be reached through the proxy; try again.',
  proxy_upstream_timeout: 'The platform did not answer in time through the proxy; try again.',
  proxy_path_forbidden:
    "The proxy does not reach the platform's own token endpoints (minting, refreshing, exchanging or revoking tokens); ask for an access token with POST /v1/accounts/<account>/token on a key that has that right.",
  proxy_answer_too_large:
    'The platform’s answer to this post was larger than the proxy reads (256 KiB), so it was not forwarded. The post may have been published and was counted: check the account before sending it again.',
  proxy_answer_encoding:
    'The platform answered in a content encoding the proxy cannot read, so it could not check the answer for your token and did not forward it; try again.',
  tool_key_busy:
    'This tool key already has as many requests in flight as Switchboard allows one key; wait for one to finish and try again.',
  settings_port_conflict:
    'That port is already used by another part of Switchboard; choose a different one for each.',
};

/** An error that may cross to the renderer: a stable code and a safe sentence, never a secret. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string = DEFAULT_MESSAGES[code], options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

export function defaultMessage(code: ErrorCode): string {
  return DEFAULT_MESSAGES[code];
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
