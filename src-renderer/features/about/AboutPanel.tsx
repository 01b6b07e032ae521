import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAbout } from './use-about';
import { MetricsServerStatus } from './MetricsServerStatus';

const MODE_NAMES = { desktop: 'Desktop app', serve: 'Serve mode', demo: 'Demo' } as const;

export function AboutPanel() {
  const { info, error, load } = useAbout();
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <ErrorNotice message={error.message} code={error.code} />;
  if (!info) return <p className="muted">Loading…</p>;
  return (
    <dl className="facts" aria-label="About Switchboard">
      <dt>Product</dt>
      <dd data-testid="about-product">{info.productName}</dd>
      <dt>Version</dt>
      <dd data-testid="about-version">{info.version}</dd>
      <dt>Build</dt>
      <dd data-testid="about-commit">{info.commit}</dd>
      <dt>Running as</dt>
      <dd data-testid="about-mode">{MODE_NAMES[info.mode]}</dd>
      <dt>Data folder</dt>
      <dd data-testid="about-data-dir">{info.dataDir}</dd>
      <dt>Metrics</dt>
      <dd>
        <MetricsServerStatus testId="about-metrics" />
      </dd>
    </dl>
  );
}
