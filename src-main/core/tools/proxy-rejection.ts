import type { Logger } from '../logger';
import type { PlatformAdapter } from '../platforms/platform-adapter';
import type { TokenKeeper } from '../refresh/token-keeper';
import type { TokenSecrets } from '../vault/types';
import { peekBody, type PlainAnswer } from './proxy-answer';

/**
 * A proxied 401 leads to at most one refresh per account in this long. A platform that keeps
 * refusing (or a tool that keeps asking for what it may not have) must not spin the refresh
 * token: each rotation is an audit row, an fsync and a chance to lose a rotating token.
 */
export const REJECTION_REFRESH_COOLDOWN_MS = 5 * 60_000;
/** A 401's body is read up to this size to learn why (platforms send a few hundred bytes). */
export const REJECTION_BODY_BYTES = 64 * 1024;

type Headers = Record<string, string | string[] | undefined>;

function fetchHeaders(headers: Headers): globalThis.Headers {
  const out = new globalThis.Headers();
  for (const [name, value] of Object.entries(headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      try {
        out.append(name, one);
      } catch {
        // A value fetch's Headers refuses cannot matter to the classification.
      }
    }
  }
  return out;
}

/**
 * Whether a platform's 401 is about the token itself (expired, revoked) rather than a scope or
 * permission the creator did not grant. The adapter's own classifier decides, the same one the
 * refresher and the checks use: TikTok `access_token_invalid` vs `scope_not_authorized`, Graph
 * 190 vs 10/200–299, Google `authError` vs `insufficientPermissions`/PERMISSION_DENIED, X 401.
 */
export function isAboutToken(
  adapter: Pick<PlatformAdapter, 'classify'>,
  answer: { status: number; headers: Headers },
  head: Buffer,
  complete: boolean,
  path: string,
): boolean {
  const text = head.toString('utf8');
  let body: unknown = text;
  if (complete) {
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the classifiers fall back to the status.
    }
  }
  const failure = { endpoint: 'api' as const, status: answer.status, body, path };
  return (
    adapter.classify({ ...failure, headers: fetchHeaders(answer.headers) }).kind === 'needs_reauth'
  );
}

export interface RejectionGate {
  /**
   * Secrets to send the call again with after the platform refused `rejected`, or null when the
   * refusal is to be answered as it is. One refresh per account per cooldown; a call refused
   * with the token that refresh replaced gets the renewed one instead of starting another.
   */
  renew(accountId: string, rejected: string, reason: string): Promise<TokenSecrets | null>;
}

export function createRejectionGate(deps: {
  keeper: TokenKeeper;
  now: () => number;
  cooldownMs?: number;
}): RejectionGate {
  const cooldown = deps.cooldownMs ?? REJECTION_REFRESH_COOLDOWN_MS;
  const refreshedAt = new Map<string, number>();
  return {
    async renew(accountId, rejected, reason) {
      const now = deps.now();
      const at = refreshedAt.get(accountId);
      if (at !== undefined && now - at < cooldown) {
        // No new refresh; a token renewed since (or being renewed: the keeper joins that flight)
        // is still worth one more try.
        const current = await deps.keeper.ensureFresh(accountId, 0, reason);
        return current.accessToken === rejected ? null : current;
      }
      refreshedAt.set(accountId, now);
      return deps.keeper.afterRejection(accountId, rejected, reason);
    },
  };
}

/** What the proxy does next after a 401: send again with other secrets, or forward the answer. */
export type AfterRefusal = { retryWith: TokenSecrets } | { answer: PlainAnswer };

/**
 * A 401 for a token that looked valid: refresh (through the gate) only when the platform says
 * the token is bad, and send again only when the body can be replayed; otherwise the tool gets
 * the platform's answer, intact, and a later call uses whatever token the refresh left.
 */
export async function afterRefusal(input: {
  adapter: Pick<PlatformAdapter, 'classify'>;
  gate: RejectionGate;
  log: Logger;
  accountId: string;
  reason: string;
  path: string;
  rejected: string;
  replayable: boolean;
  answer: PlainAnswer;
}): Promise<AfterRefusal> {
  const { answer, gate, accountId, rejected, reason } = input;
  const peeked = await peekBody(answer.body, REJECTION_BODY_BYTES);
  const forward = (): AfterRefusal => ({ answer: { ...answer, body: peeked.replay() } });
  if (!isAboutToken(input.adapter, answer, peeked.head, peeked.complete, input.path))
    return forward();
  if (!input.replayable) {
    // The body is gone: the tool sends it again, with a token renewed in the meantime.
    void gate
      .renew(accountId, rejected, reason)
      .catch((error: unknown) =>
        input.log.warn(`refresh after a proxied 401 failed: ${(error as Error).message}`),
      );
    return forward();
  }
  let renewed: TokenSecrets | null;
  try {
    renewed = await gate.renew(accountId, rejected, reason);
  } catch (error) {
    peeked.stop();
    throw error;
  }
  if (!renewed || renewed.accessToken === rejected) return forward();
  peeked.stop();
  return { retryWith: renewed };
}
