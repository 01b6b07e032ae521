import { createHash, randomBytes } from 'node:crypto';

export const randomToken = (prefix: string, bytes = 24) =>
  `${prefix}${randomBytes(bytes).toString('base64url')}`;

/** One code the consent screen handed out, bound to what the token request must repeat. */
export interface CodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  userId: string;
  granted: string[];
  declined: string[];
  challenge: string | null;
  challengeMethod: string | null;
  expiresAt: number;
  used: boolean;
  extra: Record<string, string>;
}

export type CodeProblem = 'unknown' | 'used' | 'expired';

export class CodeStore {
  private readonly records = new Map<string, CodeRecord>();
  issued = 0;

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number,
  ) {}

  issue(fields: Omit<CodeRecord, 'code' | 'expiresAt' | 'used'>, code: string): string {
    this.records.set(code, { ...fields, code, expiresAt: this.now() + this.ttlMs, used: false });
    this.issued += 1;
    return code;
  }

  /** Spends the code: whatever happens next, it never works again. */
  take(code: string): { record: CodeRecord } | { problem: CodeProblem } {
    const record = this.records.get(code);
    if (!record) return { problem: 'unknown' };
    if (record.used) return { problem: 'used' };
    record.used = true;
    if (this.now() >= record.expiresAt) return { problem: 'expired' };
    return { record };
  }

  /** Codes issued and neither used nor expired. */
  get outstanding(): number {
    const now = this.now();
    return [...this.records.values()].filter((record) => !record.used && now < record.expiresAt)
      .length;
  }
}

/** RFC 7636 S256, with TikTok desktop's hex digest as the other encoding. */
export function pkceMatches(
  challenge: string,
  verifier: string,
  encoding: 'base64url' | 'hex' = 'base64url',
): boolean {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  return createHash('sha256').update(verifier).digest(encoding) === challenge;
}

/** One consent: every token minted from it belongs to this family. */
export interface Grant {
  id: number;
  clientId: string;
  userId: string;
  scopes: string[];
  declined: string[];
  consentedAt: number;
  revoked: boolean;
}

export interface TokenRecord {
  token: string;
  kind: 'access' | 'refresh';
  grant: Grant;
  issuedAt: number;
  expiresAt: number | null;
  /** A rotated refresh token, or an Instagram token replaced by its refresh. */
  spent: boolean;
  revoked: boolean;
  lastUsedAt: number;
  /** Platform-specific flavour: `short` / `long` for Meta tokens. */
  variant?: string;
}

export class TokenStore {
  readonly grants: Grant[] = [];
  private readonly records = new Map<string, TokenRecord>();

  constructor(private readonly now: () => number) {}

  newGrant(clientId: string, userId: string, scopes: string[], declined: string[] = []): Grant {
    const grant = {
      id: this.grants.length + 1,
      clientId,
      userId,
      scopes,
      declined,
      consentedAt: this.now(),
      revoked: false,
    };
    this.grants.push(grant);
    return grant;
  }

  issue(
    grant: Grant,
    kind: TokenRecord['kind'],
    ttlSeconds: number | null,
    prefix: string,
    variant?: string,
  ): TokenRecord {
    const now = this.now();
    const record: TokenRecord = {
      token: randomToken(prefix),
      kind,
      grant,
      issuedAt: now,
      expiresAt: ttlSeconds === null ? null : now + ttlSeconds * 1000,
      spent: false,
      revoked: false,
      lastUsedAt: now,
      ...(variant ? { variant } : {}),
    };
    this.records.set(record.token, record);
    return record;
  }

  /** Every record, for the demo's state file (fake-token-file.ts). */
  allRecords(): TokenRecord[] {
    return [...this.records.values()];
  }

  /** Puts back a record the demo's state file kept. */
  restore(record: TokenRecord): void {
    this.records.set(record.token, record);
  }

  find(token: string | null | undefined): TokenRecord | undefined {
    return token ? this.records.get(token) : undefined;
  }

  expired(record: TokenRecord): boolean {
    return record.expiresAt !== null && this.now() >= record.expiresAt;
  }

  /** The record when the token is usable now: right kind, unexpired, unspent, unrevoked. */
  live(token: string | null | undefined, kind: TokenRecord['kind']): TokenRecord | undefined {
    const record = this.find(token);
    if (!record || record.kind !== kind || record.spent || this.dead(record)) return undefined;
    return this.expired(record) ? undefined : record;
  }

  dead(record: TokenRecord): boolean {
    return record.revoked || record.grant.revoked;
  }

  revokeGrant(grant: Grant): void {
    grant.revoked = true;
  }

  /** Meta's `DELETE /{user-id}/permissions`: every grant of this user to this app. */
  revokeUser(clientId: string, userId: string): void {
    for (const grant of this.grants)
      if (grant.clientId === clientId && grant.userId === userId) grant.revoked = true;
  }

  isAccessTokenValid(token: string): boolean {
    return this.live(token, 'access') !== undefined;
  }

  isRefreshTokenValid(token: string): boolean {
    return this.live(token, 'refresh') !== undefined;
  }

  /** Every token ever issued, of any kind (leak tests search the app's outputs for them). */
  get issuedTokens(): string[] {
    return [...this.records.keys()];
  }

  get issuedRefreshTokens(): string[] {
    return [...this.records.values()]
      .filter((record) => record.kind === 'refresh')
      .map((record) => record.token);
  }

  /** Tokens dead by revocation (their own or their family's), not by expiry or rotation. */
  get revokedTokens(): string[] {
    return [...this.records.values()]
      .filter((record) => this.dead(record))
      .map((record) => record.token);
  }

  /** Whether the whole family (grant) of this token was revoked. */
  familyRevoked(token: string): boolean {
    return this.find(token)?.grant.revoked ?? false;
  }

  /** Live tokens of a grant (tests check that revocation killed all of them). */
  liveTokensOf(grant: Grant): string[] {
    return [...this.records.values()]
      .filter((record) => record.grant === grant && this.live(record.token, record.kind))
      .map((record) => record.token);
  }
}
