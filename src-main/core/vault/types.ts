import type { AccountStatus } from '../../../src-shared/account';
import type { PlatformId } from '../../../src-shared/platforms';

/** What a connect learned about the account (never a secret). */
export interface ConnectedProfile {
  platform: PlatformId;
  platformUserId: string;
  displayName: string;
  handle: string | null;
  avatarUrl: string | null;
  followers: number | null;
  accountType: string | null;
  channelId: string | null;
  pageId: string | null;
}

/** Tokens as a platform answered them; times are epoch milliseconds. */
export interface TokenSet {
  accessToken: string;
  /** Absent or empty when the platform did not send one: the stored one is kept. */
  refreshToken?: string | null;
  scopes: readonly string[];
  issuedAt: number;
  accessExpiresAt: number | null;
  refreshExpiresAt?: number | null;
}

/** The secrets of one account, for the refresh and OAuth code only. */
export interface TokenSecrets {
  accountId: string;
  platform: PlatformId;
  accessToken: string;
  refreshToken: string | null;
  scopes: string[];
  issuedAt: number;
  accessExpiresAt: number | null;
  refreshExpiresAt: number | null;
  /** Bumped by every stored rotation; lets a refresher notice someone else rotated first. */
  generation: number;
}

/** A workspace. Its plan is not stored here: it is derived from the verified licence. */
export interface Tenant {
  id: string;
  name: string;
}

export interface DueToken {
  accountId: string;
  platform: PlatformId;
  accessExpiresAt: number;
}

export const AUDIT_ACTIONS = [
  'connect',
  'refresh',
  'rotate',
  'check',
  'revoke',
  'disconnect',
  'error',
  'key_rotation',
  'import',
  'transition',
  'tool_token',
  'tool_request',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: number;
  accountId: string | null;
  platform: PlatformId | null;
  action: AuditAction;
  outcome: 'ok' | 'failed';
  /** Plain words, never a secret. */
  detail: string | null;
  at: number;
}

export interface AccountRow {
  id: string;
  tenant_id: string;
  platform: PlatformId;
  platform_user_id: string;
  label: string | null;
  display_name: string;
  handle: string | null;
  avatar_url: string | null;
  followers: number | null;
  account_type: string | null;
  channel_id: string | null;
  page_id: string | null;
  status: AccountStatus;
  status_reason: string | null;
  created_at: number;
  updated_at: number;
  last_refresh_at: number | null;
  last_check_at: number | null;
  next_refresh_at: number | null;
  last_error: string | null;
  failed_attempts: number;
}
