import { describe, expect, it } from 'vitest';
import type { ProviderStatus } from '../../../src-shared/connect';
import { connectionWords } from './connection-words';

const base: ProviderStatus = {
  id: 'instagram',
  platform: 'instagram',
  displayName: 'Instagram',
  configured: true,
  source: 'build',
  clientId: '1234567890',
  hasSecret: false,
  needsSecret: true,
  redirectUri: 'http://127.0.0.1:7481/callback',
  fixedPort: true,
  port: 7481,
  hint: null,
  relayHost: 'relay.example',
  scopes: ['instagram_business_basic'],
};

describe('which way a platform connects, in words', () => {
  it('names the publisher’s relay for a built-in Meta or TikTok app', () => {
    expect(connectionWords(base)).toBe('Switchboard’s app, through relay.example');
  });
  it('says built in, without a relay, for a built-in Google or X app', () => {
    expect(connectionWords({ ...base, id: 'youtube', relayHost: null, hasSecret: true })).toBe(
      'Switchboard’s app, built into this copy',
    );
  });
  it('says the creator’s own app for Settings and the environment', () => {
    expect(connectionWords({ ...base, source: 'settings', relayHost: null })).toBe(
      'Your own app (from Settings)',
    );
    expect(connectionWords({ ...base, source: 'environment', relayHost: null })).toBe(
      'Your own app (from the environment)',
    );
  });
  it('says nothing is set up when it is not', () => {
    expect(connectionWords({ ...base, configured: false, source: null })).toMatch(/^Not set up/);
  });
});
