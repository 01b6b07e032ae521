import type { AppInfo } from '../../../src-shared/ipc-contract';

/** Where tools reach the local API, or why they cannot: it runs on the health/metrics server. */
export function toolApiStatus(info: AppInfo): { baseUrl: string | null; text: string } {
  const server = info.metricsServer;
  if (server?.state === 'on' && server.port !== null) {
    const baseUrl = `http://127.0.0.1:${server.port}/v1/`;
    return { baseUrl, text: `Tools reach Switchboard at ${baseUrl} with a key made here.` };
  }
  if (server?.state === 'failed')
    return {
      baseUrl: null,
      text: `The local API is off because the health and metrics server did not start: ${server.reason ?? 'its port could not be used.'}`,
    };
  return {
    baseUrl: null,
    text: 'The local API is off because the health and metrics server is turned off above; turn it on to let tools use their keys.',
  };
}
