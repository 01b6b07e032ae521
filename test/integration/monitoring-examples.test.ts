import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_STATUSES } from '../../src-shared/account';
import { DEFAULT_METRICS_PORT } from '../../src-shared/settings';
import { createTestCore } from '../../src-main/core/app';
import { capturingLogger, recordingHost, tempDir } from '../support/test-host';

const read = (name: string) =>
  readFileSync(new URL(`../../resources/monitoring/${name}`, import.meta.url), 'utf8');

describe('example Prometheus and Grafana files', () => {
  it('use only metric names Switchboard exports', async () => {
    const dir = tempDir();
    const core = await createTestCore({ dataDir: dir.path, metricsPort: 0 }, recordingHost().host, {
      log: capturingLogger(),
    });
    const exported = new Set(
      [...(await core.metrics.render()).matchAll(/^# TYPE (\S+) (\w+)$/gm)].flatMap(
        ([, name, type]) =>
          type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name!],
      ),
    );
    await core.close();
    dir.remove();
    const dashboard = JSON.parse(read('grafana-dashboard.json'));
    const used = new Set(
      [read('grafana-dashboard.json'), read('switchboard-alerts.yml')].flatMap((text) =>
        [...text.matchAll(/switchboard_[a-z_]+/g)].map(([name]) => name),
      ),
    );
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect(exported, name).toContain(name);
    expect(dashboard.panels.length).toBeGreaterThan(5);
    expect(read('prometheus.yml')).toContain(`targets: ['127.0.0.1:${DEFAULT_METRICS_PORT}']`);
  });

  it('match only account statuses that exist (a renamed status would silence the rule)', () => {
    const matched = [...read('switchboard-alerts.yml').matchAll(/status=~"([^"]+)"/g)].flatMap(
      ([, alternatives]) => alternatives!.split('|'),
    );
    expect(matched.length).toBeGreaterThan(0);
    for (const status of matched) expect(ACCOUNT_STATUSES, status).toContain(status);
  });
});
