import { useEffect } from 'react';
import type { CheckResult, CheckStatus } from '../../../src-shared/health';
import { isPlatformId, PLATFORMS } from '../../../src-shared/platforms';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useHealth } from './health-store';

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
  return (
    <section aria-label="Health checks">
      <p className={`overall overall-${document.status}`} data-testid="health-overall">
        {OVERALL[document.status]}
      </p>
      <ul className="check-list">
        {Object.entries(document.checks).map(([key, [check]]) =>
          check ? (
            <li key={key} className="check">
              <span className={`status-pill check-${check.status}`}>{check.status}</span>
              <strong>{label(key)}</strong>
              <span className="muted">{detail(check)}</span>
            </li>
          ) : null,
        )}
      </ul>
      <p className="muted small">
        Checked at {new Date(document.time).toLocaleTimeString()}; refreshed every minute.
      </p>
    </section>
  );
}
