import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { DEFAULT_SETTINGS } from '../../src-shared/settings';
import { capturingLogger } from '../../test/support/test-host';
import { createDispatch, type Handlers } from './dispatch';

const info = {
  productName: 'Switchboard',
  version: '1.0.0',
  commit: 'abc',
  mode: 'serve' as const,
  dataDir: '/data',
};

/** Only the channels these tests call; the rest are never reached. */
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app.info': () => info,
    'settings.get': () => DEFAULT_SETTINGS,
    'settings.update': () => DEFAULT_SETTINGS,
    ...overrides,
  } as Handlers;
}

describe('dispatch', () => {
  it('refuses an answer outside the contract instead of passing it on', async () => {
    const log = capturingLogger();
    const dispatch = createDispatch(
      handlers({ 'app.info': () => ({ ...info, accessToken: 'ya29.secret' }) as never }),
      log,
    );
    const result = await dispatch('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_output' } });
    expect(JSON.stringify(result)).not.toContain('ya29.secret');
  });

  it('passes an AppError code and sentence through unchanged', async () => {
    const dispatch = createDispatch(
      handlers({
        'settings.update': () => {
          throw new AppError('settings_invalid', 'Port 80 needs administrator rights.');
        },
      }),
      capturingLogger(),
    );
    expect(await dispatch('settings.update', { metricsPort: 80 })).toEqual({
      ok: false,
      error: { code: 'settings_invalid', message: 'Port 80 needs administrator rights.' },
    });
  });

  it('hides an unexpected error behind `internal`, and logs it without the secret it carried', async () => {
    const log = capturingLogger();
    const dispatch = createDispatch(
      handlers({
        'settings.get': () => {
          throw new Error('GET /refresh?access_token=IGQVJ-secret-token failed');
        },
      }),
      log,
    );
    const result = await dispatch('settings.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('IGQVJ');
    expect(log.lines.join('\n')).toContain('settings.get failed');
    expect(log.lines.join('\n')).not.toContain('IGQVJ');
  });

  it('names the failing field of an invalid input', async () => {
    const dispatch = createDispatch(handlers(), capturingLogger());
    const result = await dispatch('settings.update', { notificationsEnabled: 'yes' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(result.ok === false && result.error.message).toContain('notificationsEnabled');
  });
});
