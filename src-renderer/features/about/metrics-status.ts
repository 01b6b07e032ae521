import type { AppInfo } from '../../../src-shared/ipc-contract';

export interface MetricsStatus {
  tone: 'ok' | 'off' | 'bad';
  /** One sentence every screen shows the same way. */
  text: string;
  url: string | null;
}

/** What the metrics server is really doing, from app.info; About, Settings and Health agree. */
export function metricsStatus(info: AppInfo): MetricsStatus {
  const server = info.metricsServer;
  if (server?.state === 'failed')
    return {
      tone: 'bad',
      text: `Not running: ${server.reason ?? `port ${server.port ?? '?'} could not be used.`}`,
      url: null,
    };
  if (info.metricsUrl)
    return { tone: 'ok', text: `Running at ${info.metricsUrl}`, url: info.metricsUrl };
  return { tone: 'off', text: 'Off: turned off in Settings.', url: null };
}
