import type { ConnectSession } from '../../../src-shared/connect';
import type { ProviderId } from '../../../src-shared/platforms';
import type { EventBus } from '../event-bus';
import type { Metrics } from '../health/metrics';
import type { Host } from '../host';
import type { Logger } from '../logger';
import type { CredentialsResolver } from '../platforms/credentials';
import type { AdapterRegistry, RateLimitSnapshot } from '../platforms/platform-adapter';
import type { SettingsService } from '../settings';
import type { VaultGate } from '../vault/vault-gate';

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

/** What the connect flow is built from (app-services.ts). */
export interface ConnectServiceOptions {
  vault: VaultGate;
  adapters: AdapterRegistry;
  credentials: CredentialsResolver;
  settings: SettingsService;
  host: Pick<Host, 'openExternal'>;
  events: EventBus;
  metrics: Metrics;
  log: Logger;
  now: () => number;
  timeoutMs?: number;
}
