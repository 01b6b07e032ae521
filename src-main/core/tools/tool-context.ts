import type { ServerResponse } from 'node:http';
import type { AccountSummary } from '../../../src-shared/account';
import { AppError, isAppError, type ErrorCode } from '../../../src-shared/errors';
import type { ProviderId } from '../../../src-shared/platforms';
import { failure } from '../dispatch';
import type { Logger } from '../logger';
import { sendJson } from '../loopback-http';
import type { OriginTable } from '../net/origin-table';
import type { PlatformAdapter } from '../platforms/platform-adapter';
import type { TokenKeeper } from '../refresh/token-keeper';
import type { AccountBrief } from '../vault/accounts-repo';
import type { VaultGate } from '../vault/vault-gate';
import type { AuditAction } from '../vault/types';
import type { ToolUsage } from './proxy-usage';
import type { ToolIdentity, ToolKeysRepo } from './tool-keys-repo';

/** What the /v1 API is built on; the keeper is the one single-flight refresh every token user shares. */
export interface ToolsApiDeps {
  keys: () => ToolKeysRepo;
  vault: VaultGate;
  keeper: TokenKeeper;
  origins: OriginTable;
  /** Each platform's error classifier: whether a proxied 401 is about the token. */
  adapters: Record<ProviderId, Pick<PlatformAdapter, 'classify'>>;
  usage: ToolUsage;
  log: Logger;
  now: () => number;
  /** How long the platform may take to start answering (default 60 s). */
  upstreamTimeoutMs?: number;
  /** Counts calls for /metrics (`switchboard_tool_requests_total`). */
  count?: (tool: string, kind: 'accounts' | 'token' | 'proxy', outcome: string) => void;
}

/** Account states only the creator can end: a token cannot be handed out until they act. */
export const NEEDS_CREATOR = new Set<AccountSummary['status']>([
  'needs_reauth',
  'account_problem',
  'vault_error',
]);

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  proxy_path_invalid: 400,
  tool_key_invalid: 401,
  tool_forbidden: 403,
  forbidden_origin: 403,
  proxy_path_forbidden: 403,
  account_not_found: 404,
  not_found: 404,
  payload_too_large: 413,
  platform_rate_limited: 429,
  posting_cap_reached: 429,
  tool_key_busy: 429,
  vault_locked: 503,
  vault_busy: 503,
  refresh_not_saved: 503,
  proxy_upstream_timeout: 504,
  proxy_answer_too_large: 502,
  proxy_answer_encoding: 502,
};

/** Problems of the account itself: 409, with its status and the reason, for the creator to fix. */
const CREATOR_CODES = new Set<ErrorCode>([
  'account_needs_reauth',
  'rotation_lost',
  'vault_tampered',
  'account_suspended',
  'account_not_eligible',
  'oauth_scope_missing',
  'token_rejected',
]);

/** Answers an error with its stable code; unexpected ones are logged and answered `internal`. */
export function sendError(
  response: ServerResponse,
  error: unknown,
  log: Logger,
  account?: AccountBrief | null,
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (!isAppError(error)) {
    log.error('tool API call failed', error);
    return sendJson(response, 500, failure('internal'));
  }
  const status = CREATOR_CODES.has(error.code)
    ? 409
    : (STATUS_OF[error.code] ?? (error.code.startsWith('platform_') ? 502 : 500));
  const body: Record<string, unknown> = failure(error.code, error.message);
  if (status === 409 && account) {
    body.status = account.status;
    body.reason = account.statusReason;
  }
  const headers: Record<string, string> = {};
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="switchboard"';
  // Another request of this key usually ends within a second or two.
  if (error.code === 'tool_key_busy') headers['Retry-After'] = '1';
  sendJson(response, status, body, headers);
}

/** The account, when this key may use it with `right`; 403 before 404 so ids do not leak. */
export function accountFor(
  deps: ToolsApiDeps,
  tool: ToolIdentity,
  accountId: string,
  right: 'token' | 'proxy',
): AccountBrief {
  if (!tool.rights.includes(right) || (tool.accountIds && !tool.accountIds.includes(accountId)))
    throw new AppError('tool_forbidden');
  // The brief, not the summary: a summary's extras (usage, forecast) cost three queries a call.
  const account = deps.vault.require().accounts.brief(accountId);
  if (!account) throw new AppError('account_not_found');
  return account;
}

/** The account needs its creator: 409 with status and reason, before any platform call. */
export function refuseIfNeedsCreator(account: AccountBrief): void {
  if (!NEEDS_CREATOR.has(account.status)) return;
  throw new AppError(
    account.status === 'vault_error'
      ? 'vault_tampered'
      : account.status === 'account_problem'
        ? 'account_suspended'
        : 'account_needs_reauth',
    account.statusReason ?? undefined,
  );
}

/** One line in the account's audit trail: which tool, what, how it went — never a token. */
export function auditTool(
  deps: ToolsApiDeps,
  account: AccountBrief,
  action: Extract<AuditAction, 'tool_token' | 'tool_request'>,
  outcome: 'ok' | 'failed',
  detail: string,
): void {
  try {
    deps.vault.require().audit.record({
      accountId: account.id,
      platform: account.platform,
      action,
      outcome,
      detail,
    });
  } catch (error) {
    deps.log.warn(`audit entry for a tool call not written: ${(error as Error).message}`);
  }
}
