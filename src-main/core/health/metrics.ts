import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PlatformId } from '../../../src-shared/platforms';
import type { VersionInfo } from '../version-info';
import { createAccountInfoSeries } from './account-info-series';
import { createAccountSeries } from './account-series';
import { createEndpointLabels } from './endpoint-label';
import { NO_SUMMARY_POLICY, type SummaryPolicy } from '../vault/account-extras';
import type { VaultGate } from '../vault/vault-gate';
import type { Vault } from '../vault/vault';

export type RefreshOutcome =
  | 'success'
  | 'invalid_grant'
  | 'network_error'
  | 'rate_limited'
  | 'server_error'
  | 'vault_error'
  | 'account_problem'
  | 'bad_configuration';
/** Scrapes within this long of a render share its text: a burst of scrapers costs one render. */
export const METRICS_SHARE_MS = 1_000;

export type ConnectOutcome =
  'success' | 'denied' | 'state_mismatch' | 'not_eligible' | 'tier_limit' | 'cancelled' | 'error';

/**
 * Switchboard's Prometheus metrics, on a registry of its own. Labels carry platform ids, outcomes,
 * route shapes and opaque account ids — never a token or email; only `switchboard_account_info`
 * adds each account's handle and label, to join on. Gauges about accounts are read from the
 * vault at scrape time, so they are never stale.
 */
export function createMetrics(options: {
  version: VersionInfo;
  vault: VaultGate;
  now?: () => number;
  /** Settings the re-auth forecast follows (Google Testing mode), as for the account summaries. */
  summaryPolicy?: SummaryPolicy;
}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const now = options.now ?? Date.now;

  new Gauge({
    name: 'switchboard_build_info',
    help: 'Always 1; labels carry the running version and commit.',
    labelNames: ['version', 'commit'],
    registers: [registry],
  }).set({ version: options.version.version, commit: options.version.commit }, 1);

  /** A gauge read from the vault at scrape time (empty while the vault is locked). */
  const vaultGauge = <Row>(
    name: string,
    help: string,
    labelNames: readonly string[],
    rows: (vault: Vault) => Row[],
    sample: (row: Row) => [Record<string, string>, number],
  ) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        const vault = options.vault.current();
        if (!vault) return;
        for (const row of rows(vault)) this.set(...sample(row));
      },
    });

  vaultGauge(
    'switchboard_accounts',
    'Connected accounts by platform and status.',
    ['platform', 'status'],
    (vault) =>
      vault.db
        .prepare('SELECT platform, status, COUNT(*) AS n FROM accounts GROUP BY platform, status')
        .all() as { platform: string; status: string; n: number }[],
    (row) => [{ platform: row.platform, status: row.status }, row.n],
  );
  // Per-account gauges (token expiry, rate limit left) are rendered beside the registry, from
  // one query, so a scrape stays cheap at 10,000 accounts (account-series.ts).
  const accountSeries = createAccountSeries();
  const infoSeries = createAccountInfoSeries();
  const summaryPolicy = options.summaryPolicy ?? NO_SUMMARY_POLICY;
  const renderAll = async (): Promise<string> => {
    const text = await registry.metrics();
    const vault = options.vault.current();
    if (!vault) return text;
    const info = infoSeries.render(vault.db, summaryPolicy);
    return `${text}\n${accountSeries.render(vault.db, now())}\n${info}`;
  };

  const refreshTotal = new Counter({
    name: 'switchboard_token_refresh_total',
    help: 'Token refresh attempts by platform and outcome.',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });
  const refreshDuration = new Histogram({
    name: 'switchboard_token_refresh_duration_seconds',
    help: 'How long token refreshes took, end to end.',
    labelNames: ['platform'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const connectTotal = new Counter({
    name: 'switchboard_oauth_connect_total',
    help: 'Account connect attempts by platform and outcome.',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });
  const platformRequests = new Counter({
    name: 'switchboard_platform_requests_total',
    help: 'Requests to platform APIs by endpoint and status class (2xx, 4xx, 5xx, network).',
    labelNames: ['platform', 'endpoint', 'status_class'],
    registers: [registry],
  });
  // Paths carry object ids (`/v27.0/17841400000000201`): label by route shape, a bounded set.
  const endpointLabel = createEndpointLabels();
  const checkDuration = new Gauge({
    name: 'switchboard_health_check_duration_seconds',
    help: 'How long the last run of each health check took.',
    labelNames: ['check'],
    registers: [registry],
  });

  // Rendering reads the vault for every account; concurrent and rapid scrapes reuse one result.
  let rendered: { text: string; at: number } | null = null;
  let rendering: Promise<string> | null = null;
  const scrape = (): Promise<string> => {
    const age = rendered ? now() - rendered.at : -1;
    if (rendered && age >= 0 && age < METRICS_SHARE_MS) return Promise.resolve(rendered.text);
    rendering ??= renderAll()
      .then((text) => {
        rendered = { text, at: now() };
        return text;
      })
      .finally(() => {
        rendering = null;
      });
    return rendering;
  };

  return {
    registry,
    recordRefresh(platform: PlatformId, outcome: RefreshOutcome, seconds: number): void {
      refreshTotal.inc({ platform, outcome });
      refreshDuration.observe({ platform }, seconds);
    },
    recordConnect(platform: PlatformId, outcome: ConnectOutcome): void {
      connectTotal.inc({ platform, outcome });
    },
    recordPlatformRequest(
      platform: PlatformId,
      endpoint: string,
      status: number | 'network',
    ): void {
      const statusClass = status === 'network' ? 'network' : `${Math.floor(status / 100)}xx`;
      platformRequests.inc({
        platform,
        endpoint: endpointLabel(platform, endpoint),
        status_class: statusClass,
      });
    },
    recordCheckDuration(check: string, seconds: number): void {
      checkDuration.set({ check }, seconds);
    },
    /** A fresh render, for tests and benchmarks; the /metrics route uses `scrape`. */
    render: renderAll,
    /** What `/metrics` answers: a render at most once per METRICS_SHARE_MS, shared by concurrent scrapers. */
    scrape,
    contentType: registry.contentType,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
