import { useEffect } from 'react';
import { worst, type CheckResult, type CheckStatus } from '../../../src-shared/health';
import { isPlatformId, PLATFORMS } from '../../../src-shared/platforms';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAbout } from '../about/about-store';
import { metricsStatus } from '../about/metrics-status';
import { MetricsServerStatus } from '../about/MetricsServerStatus';
import { useHealth } from './health-store';

/** A check's state in words; the colour only repeats it. */
const CHECK_WORDS: Record<CheckStatus, string> = {
  pass: 'OK',
  warn: 'Needs attention',
  fail: 'Failing',
};

const OVERALL: Record<CheckStatus, string> = {
  pass: 'Everything is healthy.',
  warn: 'Something needs your attention.',
  fail: 'Switchboard cannot keep your connections alive.',
};

const LABELS: Record<string, string> = {
  'vault:responseTime': 'Token vault',
  'keystore:available': 'Key store',
  'scheduler:lag': 'Automatic refresh',
  'accounts:status': 'Accounts',
};

function label(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const platform = key.split(':')[0] ?? '';
  return `${isPlatformId(platform) ? PLATFORMS[platform].displayName : platform} reachable`;
}

function detail(check: CheckResult): string {
  if (check.output) return check.output;
  if (typeof check.observedValue === 'number' && check.observedUnit === 's') {
    return `${(check.observedValue * 1000).toFixed(1)} ms`;
  }
  return '';
}

export function HealthView() {
  const { document, error, load, follow } = useHealth();
  const info = useAbout((state) => state.info);
  const metrics = info ? metricsStatus(info) : null;
  useEffect(() => {
    void load();
    return follow();
  }, [load, follow]);
  if (!document)
    return error ? (
      <ErrorNotice message={error.message} code={error.code} />
    ) : (
      <p className="muted">Checking…</p>
    );
  const metricsCheck: CheckStatus = metrics?.tone === 'bad' ? 'warn' : 'pass';
  const overall = worst([document.status, metricsCheck]);
  return (
    <section aria-label="Health checks">
      <p className={`overall overall-${overall}`} data-testid="health-overall">
        {metrics?.tone === 'bad' && document.status === 'pass'
          ? 'Your accounts are fine, but the metrics server is not running.'
          : OVERALL[overall]}
      </p>
      <ul className="check-list">
        {Object.entries(document.checks).map(([key, [check]]) =>
          check ? (
            <li key={key} className="check">
              <span className={`status-pill check-${check.status}`}>
                {CHECK_WORDS[check.status]}
              </span>
              <strong>{label(key)}</strong>
              <span className="muted">{detail(check)}</span>
            </li>
          ) : null,
        )}
        <li className="check">
          <span className={`status-pill check-${metricsCheck}`}>{CHECK_WORDS[metricsCheck]}</span>
          <strong>Metrics server</strong>
          <MetricsServerStatus testId="health-metrics" />
        </li>
      </ul>
      <p className="muted small">
        Checked at {new Date(document.time).toLocaleTimeString()}; refreshed every minute.
      </p>
    </section>
  );
}
