import { CopyButton } from '../../components/CopyButton';
import { useAbout } from './use-about';
import { metricsStatus } from './metrics-status';

/** The metrics server's real state in one line, with its URL to open or copy when it runs. */
export function MetricsServerStatus({ testId }: { testId: string }) {
  const info = useAbout((state) => state.info);
  if (!info) return <span className="muted">Checking…</span>;
  const status = metricsStatus(info);
  return (
    <span className={`metrics-status metrics-${status.tone}`} data-testid={testId}>
      {status.url ? (
        <>
          Running at{' '}
          <a href={status.url} target="_blank" rel="noopener noreferrer">
            {status.url}
          </a>{' '}
          <CopyButton text={status.url} label="the metrics URL" />
        </>
      ) : (
        status.text
      )}
    </span>
  );
}
