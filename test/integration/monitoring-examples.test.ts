import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_STATUSES, type AccountSummary } from '../../src-shared/account';
import { DEFAULT_METRICS_PORT } from '../../src-shared/settings';
import { startConnectHarness, type ConnectHarness } from '../support/connect-harness';
import { httpRequest } from '../support/http-client';

const read = (name: string) =>
  readFileSync(new URL(`../../resources/monitoring/${name}`, import.meta.url), 'utf8');
const DEADLINE = 'switchboard_reauth_deadline_timestamp_seconds';

describe('example Prometheus and Grafana files, against a live scrape', () => {
  let h: ConnectHarness;
  let accounts: AccountSummary[];
  let scrape: string;

  beforeAll(async () => {
    // The real core and its real health server, with an account on every platform.
    h = await startConnectHarness();
    for (const provider of ['youtube', 'facebook', 'tiktok', 'x'] as const)
      expect((await h.connect(provider)).session.stage).toBe('connected');
    // One refresh and one health evaluation, so their counters and gauges carry samples.
    const listed = await h.call<AccountSummary[]>('accounts.list');
    const x = listed.find((account) => account.platform === 'x')!;
    await h.core.keepAlive.keeper.ensureFresh(x.id, 86_400, 'monitoring test');
    accounts = await h.call<AccountSummary[]>('accounts.list');
    await h.core.health.detailed();
    const port = h.core.healthServer!.port;
    const response = await httpRequest(port, {
      path: '/metrics',
      headers: { Host: `127.0.0.1:${port}` },
    });
    expect(response.status).toBe(200);
    scrape = response.body;
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it('every metric the dashboard and the alert rules name has samples in the scrape', () => {
    const sampled = new Set(
      scrape
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((line) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)![0]),
    );
    const used = new Set(
      [read('grafana-dashboard.json'), read('switchboard-alerts.yml')].flatMap((text) =>
        [...text.matchAll(/switchboard_[a-z_]+/g)].map(([name]) => name),
      ),
    );
    expect(used).toContain(DEADLINE);
    expect(used).toContain('switchboard_account_info');
    for (const name of used) expect(sampled, name).toContain(name);
    expect(read('prometheus.yml')).toContain(`targets: ['127.0.0.1:${DEFAULT_METRICS_PORT}']`);
  });

  it('carries each account’s re-auth deadline (the forecast the app shows) and its names to join on', () => {
    const withEnd = accounts.filter((account) => account.reauthBy !== null);
    expect(withEnd.length).toBeGreaterThan(0);
    for (const account of withEnd)
      expect(scrape).toContain(
        `${DEADLINE}{platform="${account.platform}",account="${account.id}"} ${Date.parse(account.reauthBy!) / 1000}\n`,
      );
    for (const account of accounts)
      expect(scrape).toContain(
        `switchboard_account_info{account="${account.id}",platform="${account.platform}",handle="${account.handle ?? ''}",label="${account.label ?? account.displayName}"} 1\n`,
      );
  });

  it('labels platform requests by route, never by object id', () => {
    const endpoints = [...scrape.matchAll(/endpoint="([^"]*)"/g)].map(([, endpoint]) => endpoint!);
    expect(endpoints.length).toBeGreaterThan(0);
    for (const endpoint of endpoints) expect(endpoint).not.toMatch(/\d{5,}/);
  });

  it('the "Running version" panel shows the version label, not the value 1', () => {
    const panel = JSON.parse(read('grafana-dashboard.json')).panels.find(
      (candidate: { title: string }) => candidate.title === 'Running version',
    );
    expect(panel.options.textMode).toBe('name');
    expect(panel.targets[0].legendFormat).toContain('{{version}}');
    expect(scrape).toMatch(/^switchboard_build_info\{version="[^"]+",commit="[^"]+"\} 1$/m);
  });

  it('alerts on what the creator must act on, not on routine token expiry', () => {
    const rules = read('switchboard-alerts.yml');
    // The 5-minute refresh margin renews tokens near expiry: an expiry alert fires on healthy days.
    expect(rules).not.toContain('switchboard_token_expiry_timestamp_seconds');
    expect(rules).toMatch(new RegExp(`${DEADLINE} - time\\(\\) < 7 \\* 86400`));
    expect(rules).toContain('alert: SwitchboardNeedsReauth');
    expect(rules).toContain('alert: SwitchboardRefreshFailing');
  });

  it('match only account statuses that exist (a renamed status would silence the rule)', () => {
    const matched = [...read('switchboard-alerts.yml').matchAll(/status=~"([^"]+)"/g)].flatMap(
      ([, alternatives]) => alternatives!.split('|'),
    );
    expect(matched.length).toBeGreaterThan(0);
    for (const status of matched) expect(ACCOUNT_STATUSES, status).toContain(status);
  });
});
