import { randomUUID } from 'node:crypto';
import type { AccountSummary } from '../../../src-shared/account';
import type { ConnectSession, ConnectStage } from '../../../src-shared/connect';
import type { ErrorBody } from '../../../src-shared/ipc-contract';
import type { ProviderId } from '../../../src-shared/platforms';
import type {
  ClientCredentials,
  ConnectAttempt,
  PageChoice,
  RateLimitSnapshot,
} from '../platforms/platform-adapter';
import type { TokenSet } from '../vault/types';
import type { CallbackListener } from './loopback-listener';

const FINAL: readonly ConnectStage[] = ['connected', 'failed', 'cancelled'];

/** One running sign-in, with everything only main may hold (verifier, client secret, tokens). */
export class ConnectRun {
  readonly connectId = randomUUID();
  stage: ConnectStage = 'waiting_for_browser';
  authorizeUrl = '';
  pages: PageChoice[] | null = null;
  account: AccountSummary | null = null;
  error: ErrorBody | null = null;
  listener: CallbackListener | null = null;
  timer: NodeJS.Timeout | null = null;
  /** Tokens stored as pending, until they become an account or are revoked. */
  pending: { id: string; tokens: TokenSet } | null = null;
  cancelRequested = false;
  /** Rate-limit facts the platform sent during this sign-in, stored once the account exists. */
  readonly rateLimits: RateLimitSnapshot[] = [];
  readonly settled: Promise<ConnectSession>;
  private resolveSettled!: (session: ConnectSession) => void;

  constructor(
    readonly provider: ProviderId,
    readonly attempt: ConnectAttempt,
    readonly client: ClientCredentials,
    readonly expiresAt: number,
    /** The account being reconnected, if any. */
    readonly reconnectAccountId: string | null,
  ) {
    this.settled = new Promise((resolve) => (this.resolveSettled = resolve));
  }

  get finished(): boolean {
    return FINAL.includes(this.stage);
  }

  /** Moves to a final stage once; later calls change nothing. */
  finish(stage: 'connected' | 'failed' | 'cancelled', error: ErrorBody | null = null): boolean {
    if (this.finished) return false;
    this.stage = stage;
    this.error = error;
    this.pages = null;
    if (this.timer) clearTimeout(this.timer);
    this.resolveSettled(this.view());
    return true;
  }

  /** The token-free view the renderer gets. */
  view(): ConnectSession {
    return {
      connectId: this.connectId,
      provider: this.provider,
      accountId: this.reconnectAccountId,
      stage: this.stage,
      authorizeUrl: this.authorizeUrl,
      pages: this.pages,
      account: this.account,
      error: this.error,
      expiresAt: new Date(this.expiresAt).toISOString(),
    };
  }
}

/** Finished sign-ins kept for `settled()` and late cancels; older ones are forgotten. */
const FINISHED_KEPT = 20;

export function forgetOldRuns(runs: Map<string, ConnectRun>): void {
  const finished = [...runs.values()].filter((run) => run.finished);
  for (const run of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT)))
    runs.delete(run.connectId);
}
