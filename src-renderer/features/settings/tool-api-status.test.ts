import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../src-shared/ipc-contract';
import { toolApiStatus } from './tool-api-status';

const info = (metricsServer: AppInfo['metricsServer']): AppInfo => ({
  productName: 'Switchboard',
  version: '1',
  commit: 'c',
  mode: 'serve',
  dataDir: 'data',
  metricsUrl: null,
  metricsServer,
});

describe('where tools reach the local API', () => {
  it('names the /v1 URL while the health server runs', () => {
    expect(toolApiStatus(info({ state: 'on', port: 9477, reason: null }))).toEqual({
      baseUrl: 'http://127.0.0.1:9477/v1/',
      text: 'Tools reach Switchboard at http://127.0.0.1:9477/v1/ with a key made here.',
    });
  });
  it('says the API is off, and why, when the server is off or failed', () => {
    expect(toolApiStatus(info({ state: 'off', port: null, reason: null })).text).toMatch(
      /^The local API is off because the health and metrics server is turned off/,
    );
    const failed = toolApiStatus(
      info({ state: 'failed', port: 9477, reason: 'Port 9477 is taken.' }),
    );
    expect(failed.baseUrl).toBeNull();
    expect(failed.text).toContain('Port 9477 is taken.');
  });
});
