import type { ConnectSession } from '../../../src-shared/connect';
import type { ProviderId } from '../../../src-shared/platforms';
import type { RateLimitSnapshot } from '../platforms/platform-adapter';

/** Connecting accounts (connect-service.ts): what the handlers, the core and the tests use. */
export interface ConnectService {
  /** Starts a sign-in: listener up, browser opened; the outcome arrives as progress events. */
  start(provider: ProviderId, accountId?: string): Promise<ConnectSession>;
  cancel(connectId: string): Promise<ConnectSession>;
  /** The creator's Page choice for a sign-in waiting on one (Instagram through Facebook). */
  choosePage(connectId: string, pageId: string): Promise<ConnectSession>;
  /** Keeps a platform's rate-limit facts for the sign-in running on that platform, if any. */
  noteRateLimit(snapshot: RateLimitSnapshot): void;
  /** The sign-ins still running. */
  list(): ConnectSession[];
  /** Resolves when the sign-in ends, however it ends (for tests and the shutdown). */
  settled(connectId: string): Promise<ConnectSession>;
  /** Revokes and removes tokens of sign-ins a crash left behind; returns how many. */
  recoverPending(): Promise<number>;
  /** Cancels every running sign-in. */
  close(): Promise<void>;
}
