// The refresh service over a real vault and the five fakes, all on one fake clock: accounts are
// connected for real (consent, code exchange), then stored the way the connect flow stores them.
import type { ProviderId } from '../../src-shared/platforms';
import { createLogger } from '../../src-main/core/logger';
import {
  createTransitionBus,
  type AccountTransition,
} from '../../src-main/core/refresh/account-transitions';
import {
  createRefreshService,
  type RefreshServiceDeps,
} from '../../src-main/core/refresh/refresh-service';
import { createStatusWriter } from '../../src-main/core/refresh/status-writer';
import type { RefreshOutcome } from '../../src-main/core/health/metrics';
import type { Vault } from '../../src-main/core/vault/vault';
import { PLATFORM_OF, credentials, startHarness } from './platform-harness';
import { tempDir } from './test-host';
import { openTestVault, profile } from './vault-fixtures';
import type { Tier } from '../../src-shared/tiers';

export async function startRefreshHarness(
  options: Partial<RefreshServiceDeps> = {},
  plan: Tier = 'free',
  storage: { memory?: boolean } = {},
) {
  const platforms = await startHarness();
  const dir = tempDir('switchboard-refresh-', storage);
  // Opened as the app opens it: the re-auth forecast is in the summaries.
  const vault: Vault = await openTestVault(dir.path, undefined, platforms.clock.now, plan);
  const bus = createTransitionBus();
  const transitions: AccountTransition[] = [];
  bus.subscribe((transition) => transitions.push(transition));
  const refreshes: { platform: string; outcome: RefreshOutcome }[] = [];
  let changed = 0;
  const log = createLogger(() => {});
  const status = createStatusWriter({
    bus,
    now: platforms.clock.now,
    log,
    onChanged: () => (changed += 1),
  });
  let gate: { require(): Vault } = { require: () => vault };
  const service = createRefreshService({
    vault: { require: () => gate.require() },
    adapters: platforms.registry,
    credentials: { resolve: credentials },
    metrics: { recordRefresh: (platform, outcome) => refreshes.push({ platform, outcome }) },
    status,
    log,
    now: platforms.clock.now,
    random: () => 0.5,
    marginMs: () => 5 * 60_000,
    ...options,
  });
  let users = 0;

  /** A real sign-in at the fake, stored as the connect flow would; returns the account id. */
  async function addAccount(provider: ProviderId): Promise<string> {
    const { tokens } = await platforms.connect(provider);
    users += 1;
    const extra = provider === 'facebook' ? { pageId: `page-${users}` } : {};
    return vault.accounts.saveConnection(
      profile(PLATFORM_OF[provider], `${provider}-user-${users}`, extra),
      tokens,
    ).id;
  }

  /** Token requests the fake of `provider` has seen (refreshes and exchanges). */
  const tokenCalls = (provider: ProviderId, path: RegExp) =>
    platforms.fakes[provider].requests.filter((request) => path.test(request.path)).length;

  return {
    ...platforms,
    vault,
    bus,
    status,
    service,
    transitions,
    refreshes,
    changed: () => changed,
    addAccount,
    tokenCalls,
    /** Swap what `vault.require()` answers (a locked vault, a failing one). */
    setGate(next: { require(): Vault }) {
      gate = next;
    },
    async close() {
      await service.settled();
      vault.close();
      await platforms.close();
      dir.remove();
    },
  };
}

export type RefreshHarness = Awaited<ReturnType<typeof startRefreshHarness>>;

export const TOKEN_PATHS: Record<ProviderId, RegExp> = {
  youtube: /^\/token$/,
  instagram: /^\/refresh_access_token$/,
  facebook: /oauth\/access_token$/,
  tiktok: /^\/v2\/oauth\/token\/$/,
  x: /^\/2\/oauth2\/token$/,
};
