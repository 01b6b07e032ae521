import { describe, expect, it } from 'vitest';
import { createSettingsStore } from './features/settings/settings-store';
import { fakeIpc } from '../test/support/fake-ipc';
import { singleFlight } from './single-flight';

describe('singleFlight', () => {
  it('joins calls made while one runs, and starts afresh once it settles, even after a failure', async () => {
    let runs = 0;
    let fail = true;
    const load = singleFlight(async () => {
      runs += 1;
      await Promise.resolve();
      if (fail) throw new Error('refused');
    });
    const first = load();
    expect(load()).toBe(first);
    await expect(first).rejects.toThrow('refused');
    expect(runs).toBe(1);
    fail = false;
    await Promise.all([load(), load(), load()]);
    expect(runs).toBe(2);
  });

  it('keeps the settings store to one settings.get when the shell and Overview ask together', async () => {
    const ipc = fakeIpc({ 'settings.get': () => undefined });
    const store = createSettingsStore(ipc);
    await Promise.all([store.getState().load(), store.getState().load()]);
    expect(ipc.calls.map((call) => call.channel)).toEqual(['settings.get']);
    expect(store.getState().error).not.toBeNull();
  });
});
