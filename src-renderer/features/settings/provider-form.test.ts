import { describe, expect, it } from 'vitest';
import type { ProviderStatus } from '../../../src-shared/connect';
import { DEFAULT_SETTINGS } from '../../../src-shared/settings';
import { EMPTY_DRAFT, planSave } from './provider-form';

const x: ProviderStatus = {
  id: 'x',
  platform: 'x',
  displayName: 'X',
  configured: true,
  source: 'settings',
  clientId: 'client-x',
  hasSecret: true,
  needsSecret: false,
  redirectUri: 'http://127.0.0.1:47483/callback',
  fixedPort: true,
  port: 47483,
  hint: null,
  relayHost: null,
  scopes: ['tweet.read'],
};

describe('saving a provider’s form', () => {
  it('sends nothing when nothing changed', () => {
    expect(planSave(x, DEFAULT_SETTINGS, EMPTY_DRAFT)).toEqual({
      errors: {},
      credentials: null,
      patch: null,
    });
  });

  it('keeps the stored secret unless a new one is typed', () => {
    const plan = planSave(x, DEFAULT_SETTINGS, { ...EMPTY_DRAFT, clientId: ' client-y ' });
    expect(plan.credentials).toEqual({ clientId: ' client-y ' });
    const withSecret = planSave(x, DEFAULT_SETTINGS, { ...EMPTY_DRAFT, secret: 's3cret' });
    expect(withSecret.credentials).toEqual({ clientId: 'client-x', clientSecret: 's3cret' });
  });

  it('refuses an empty client id on its field with the contract’s sentence', () => {
    const plan = planSave(x, DEFAULT_SETTINGS, { ...EMPTY_DRAFT, clientId: '  ' });
    expect(plan.errors.clientId).toBe('Enter the client id.');
    expect(plan.credentials).toBe(null);
  });

  it('checks the port and patches all three ports together', () => {
    expect(planSave(x, DEFAULT_SETTINGS, { ...EMPTY_DRAFT, port: '80' }).errors.port).toBe(
      'Use a port from 1024 to 65535.',
    );
    expect(planSave(x, DEFAULT_SETTINGS, { ...EMPTY_DRAFT, port: 'abc' }).errors.port).toBe(
      'Use a port from 1024 to 65535.',
    );
    expect(planSave(x, DEFAULT_SETTINGS, { ...EMPTY_DRAFT, port: '50000' }).patch).toEqual({
      redirectPorts: { ...DEFAULT_SETTINGS.redirectPorts, x: 50000 },
    });
  });

  it('refuses a port another sign-in or the metrics server uses, before saving', () => {
    const taken = planSave(x, DEFAULT_SETTINGS, {
      ...EMPTY_DRAFT,
      port: String(DEFAULT_SETTINGS.redirectPorts.instagram),
    });
    expect(taken.errors.port).toBe(
      `Port ${DEFAULT_SETTINGS.redirectPorts.instagram} would be both Instagram's sign-in port and X's sign-in port; choose a different port for each.`,
    );
    expect(taken.patch).toBeNull();
    const metrics = planSave(x, DEFAULT_SETTINGS, {
      ...EMPTY_DRAFT,
      port: String(DEFAULT_SETTINGS.metricsPort),
    });
    expect(metrics.errors.port).toMatch(/the metrics port/);
  });

  it('checks the Graph API version', () => {
    const facebook = { ...x, id: 'facebook' as const, platform: 'instagram' as const };
    expect(
      planSave(facebook, DEFAULT_SETTINGS, { ...EMPTY_DRAFT, graphApiVersion: '27' }).errors
        .graphApiVersion,
    ).toBe('Use a version such as v27.0.');
    expect(
      planSave(facebook, DEFAULT_SETTINGS, { ...EMPTY_DRAFT, graphApiVersion: 'v28.0' }).patch,
    ).toEqual({ graphApiVersion: 'v28.0' });
  });
});

describe('pasted ids and secrets are checked for shape before saving', () => {
  const meta: ProviderStatus = {
    ...x,
    id: 'instagram',
    platform: 'instagram',
    source: null,
    clientId: null,
    configured: false,
    hasSecret: false,
  };
  const typed = (clientId: string, secret = '') =>
    planSave(meta, DEFAULT_SETTINGS, { ...EMPTY_DRAFT, clientId, secret });

  it('takes a Meta app id of digits and its secret', () => {
    expect(typed(' 1234567890123456 ', 'a1b2c3d4e5').credentials).toEqual({
      clientId: ' 1234567890123456 ',
      clientSecret: 'a1b2c3d4e5',
    });
  });

  it('refuses a name, a URL or the secret in the id field, saying what the id looks like', () => {
    for (const wrong of [
      'My Switchboard app',
      'https://developers.facebook.com/apps/123',
      'a1b2c3d4e5f6',
    ]) {
      const plan = typed(wrong);
      expect(plan.credentials).toBeNull();
      expect(plan.errors.clientId).toMatch(/digits only|web address/);
    }
  });

  it('refuses a secret with spaces inside, or the id pasted twice', () => {
    expect(typed('1234567890123456', 'abc def').errors.secret).toMatch(/no spaces/);
    expect(typed('1234567890123456', '1234567890123456').errors.secret).toMatch(/client id again/);
  });

  it('checks each platform by its own shape', () => {
    const as = (id: ProviderStatus['id'], clientId: string) =>
      planSave({ ...meta, id }, DEFAULT_SETTINGS, { ...EMPTY_DRAFT, clientId }).errors.clientId;
    expect(as('youtube', '123-abc.apps.googleusercontent.com')).toBeUndefined();
    expect(as('youtube', '1234567890123456')).toMatch(/googleusercontent/);
    expect(as('tiktok', 'awabc123def456gh')).toBeUndefined();
    expect(as('tiktok', 'aw-abc 123')).toMatch(/letters and digits/);
    expect(as('x', 'M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ')).toBeUndefined();
  });

  it('leaves a stored id alone when only a secret is typed', () => {
    const stored = { ...meta, clientId: 'demo-instagram-client', configured: true };
    const plan = planSave(stored, DEFAULT_SETTINGS, { ...EMPTY_DRAFT, secret: 's3cret' });
    expect(plan.credentials).toEqual({ clientId: 'demo-instagram-client', clientSecret: 's3cret' });
  });
});
