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
