import { useEffect } from 'react';
import { ACCOUNT_STATUSES, type AccountStatus } from '../../../src-shared/account';
import { worst, type CheckResult, type CheckStatus } from '../../../src-shared/health';
import { isPlatformId, PLATFORMS } from '../../../src-shared/platforms';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TechnicalDetails } from '../../components/TechnicalDetails';
import { keyKeeperWords } from '../vault/key-words';
import { STATUS_TEXT } from '../../components/StatusPill';
import { useAbout } from '../about/use-about';
import { metricsStatus } from '../about/metrics-status';
import { MetricsServerStatus } from '../about/MetricsServerStatus';
import { relativeTime } from '../../time-words';
import { useHealth } from './use-health';

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

/**
 * A platform's reachability in words: any answer at all (even "401, who are you?") proves the
 * host is there, so the raw status or socket error belongs in the technical details only.
 */
function reachabilityWords(check: CheckResult): string {
  const value = check.observedValue;
  const took = typeof value === 'number' ? ` in ${(value * 1000).toFixed(0)} ms` : '';
  if (check.status === 'pass') return `Its servers answered${took}.`;
  if (/no answer within/.test(check.output ?? '')) return 'Its servers did not answer in time.';
  return check.output === 'No answer yet.'
    ? 'Not asked yet.'
    : 'Its servers could not be reached from this computer.';
}

/** The raw detail a check recorded, for the "Technical details" disclosure; null if none. */
function technical(key: string, check: CheckResult): string | null {
  return key.endsWith(':reachability') && check.output && check.output !== 'No answer yet.'
    ? check.output
    : null;
}

/** Every row says something, in words: the check's own sentence, else what it measured. */
function detail(key: string, check: CheckResult, mode: string | undefined): string {
  if (key.endsWith(':reachability')) return reachabilityWords(check);
  if (check.output) return check.output;
  const value = check.observedValue;
  if (key === 'keystore:available')
    return `The vault key is kept by ${keyKeeperWords(check.componentId ?? '', mode)}.`;
  if (key === 'accounts:status' && value && typeof value === 'object') {
    const parts = Object.entries(value as Record<string, number>).map(([status, count]) =>
      isAccountStatus(status)
        ? `${count} ${STATUS_TEXT[status].toLowerCase()}`
        : `${count} ${status}`,
    );
    return parts.length > 0 ? parts.join(', ') : 'No accounts connected yet.';
  }
  if (key === 'scheduler:lag')
    return check.nextRefreshAt
      ? `On time; next renewal ${relativeTime(check.nextRefreshAt, Date.now())}.`
      : 'On time; nothing to renew yet.';
  if (typeof value === 'number' && check.observedUnit === 's') {
    return `Answered in ${(value * 1000).toFixed(1)} ms.`;
  }
  return check.status === 'pass' ? 'Working.' : 'No details given.';
}

const isAccountStatus = (status: string): status is AccountStatus =>
  (ACCOUNT_STATUSES as readonly string[]).includes(status);

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
              <span className="muted">{detail(key, check, info?.mode)}</span>
              {technical(key, check) ? (
                <TechnicalDetails>{technical(key, check)}</TechnicalDetails>
              ) : null}
            </li>
          ) : null,
        )}
        <li className="check">
          {metrics?.tone === 'off' ? (
            <span className="status-pill">Off</span>
          ) : (
            <span className={`status-pill check-${metricsCheck}`}>{CHECK_WORDS[metricsCheck]}</span>
          )}
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
