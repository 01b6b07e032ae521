import type { TokenSet } from '../vault/types';

/** A parsed token answer. `fields` holds the answer's non-secret extras (TikTok's open_id…). */
export interface TokenGrant {
  tokens: TokenSet;
  grantedScopes: string[] | null;
  fields: Record<string, unknown>;
}

const SECRET_FIELDS = new Set(['access_token', 'refresh_token', 'id_token']);

/** Scopes as platforms list them: space- or comma-separated, or already an array. */
export function parseScopes(value: unknown): string[] | null {
  if (Array.isArray(value))
    return value.filter((s): s is string => typeof s === 'string' && s !== '');
  if (typeof value !== 'string') return null;
  return value.split(/[\s,]+/).filter((s) => s !== '');
}

/** Token answer → TokenSet; lifetimes count from when the request was SENT. */
export function toTokenGrant(
  answer: Record<string, unknown>,
  sentAt: number,
  fallbackScopes: readonly string[],
): TokenGrant {
  const granted = parseScopes(answer.scope);
  const expiresIn = Number(answer.expires_in);
  const refreshExpiresIn = Number(answer.refresh_expires_in);
  const refresh = answer.refresh_token;
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(answer)) {
    if (!SECRET_FIELDS.has(name)) fields[name] = value;
  }
  return {
    tokens: {
      accessToken: String(answer.access_token),
      // An absent or empty refresh token is null, which tells the store to keep the one it has.
      refreshToken: typeof refresh === 'string' && refresh !== '' ? refresh : null,
      scopes: granted ?? [...fallbackScopes],
      issuedAt: sentAt,
      accessExpiresAt:
        answer.expires_in !== undefined && Number.isFinite(expiresIn) && expiresIn > 0
          ? sentAt + expiresIn * 1000
          : null,
      refreshExpiresAt:
        Number.isFinite(refreshExpiresIn) && refreshExpiresIn > 0
          ? sentAt + refreshExpiresIn * 1000
          : null,
    },
    grantedScopes: granted,
    fields,
  };
}
