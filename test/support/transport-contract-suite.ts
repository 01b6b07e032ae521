import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../src-shared/ipc-contract';
import { DEFAULT_SETTINGS } from '../../src-shared/settings';
import { createCore, type Core } from '../../src-main/core/app';
import { capturingLogger, recordingHost, tempDir } from './test-host';

/** A transport's client side as the contract suite drives it. */
export interface TransportClient {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Resolves with the next event the transport delivers. */
  nextEvent(): Promise<{ event: string; payload: unknown }>;
  close(): Promise<void>;
}

export interface TransportFixture {
  core: Core;
  settingsWrites(): number;
}

/**
 * The same contract behaviour, asserted against each transport's server side: whatever carries
 * the call, the answers, errors and events must be identical.
 */
export function describeTransportContract(
  name: string,
  connect: (core: Core) => Promise<TransportClient>,
): void {
  describe(`IPC contract over ${name}`, () => {
    let client: TransportClient;
    let fixture: TransportFixture;
    let dir: ReturnType<typeof tempDir>;

    beforeEach(async () => {
      dir = tempDir();
      const { host, settings } = recordingHost();
      const core = await createCore({ dataDir: dir.path, metricsPort: 0 }, host, {
        log: capturingLogger(),
        version: { productName: 'Switchboard', version: '9.8.7', commit: 'abc123def456' },
      });
      fixture = { core, settingsWrites: () => settings.writes };
      client = await connect(core);
    });
    afterEach(async () => {
      await client.close();
      await fixture.core.close();
      dir.remove();
    });

    it('answers app.info with product, version, commit, mode, data folder and metrics URL', async () => {
      const result = await client.invoke('app.info', {});
      expect(result).toEqual({
        ok: true,
        value: {
          productName: 'Switchboard',
          version: '9.8.7',
          commit: 'abc123def456',
          mode: 'serve',
          dataDir: dir.path,
          metricsUrl: `http://127.0.0.1:${fixture.core.healthServer!.port}/metrics`,
          metricsServer: { state: 'on', port: fixture.core.healthServer!.port, reason: null },
        },
      });
    });

    it('updates a setting, persists it and announces it as an event', async () => {
      const event = client.nextEvent();
      const result = await client.invoke('settings.update', { metricsPort: 9100 });
      expect(result).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, metricsPort: 9100 } });
      expect(await event).toEqual({
        event: 'settings.changed',
        payload: { ...DEFAULT_SETTINGS, metricsPort: 9100 },
      });
      expect(fixture.settingsWrites()).toBe(1);
      expect(await client.invoke('settings.get', {})).toMatchObject({
        ok: true,
        value: { metricsPort: 9100 },
      });
    });

    it('refuses an input that fails its schema before the handler runs', async () => {
      const result = await client.invoke('settings.update', { metricsPort: 70000 });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(result.ok === false && result.error.message).toMatch(/metricsPort/);
      expect(fixture.settingsWrites()).toBe(0);
    });

    it('refuses unknown fields rather than ignoring them', async () => {
      const result = await client.invoke('settings.update', { metricsPort: 9100, admin: true });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(fixture.settingsWrites()).toBe(0);
    });

    it('refuses an unknown channel with a stable code', async () => {
      const result = await client.invoke('accounts.dropAll', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    });

    it('refuses inherited object keys as channel names', async () => {
      const result = await client.invoke('constructor', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    });
  });
}
