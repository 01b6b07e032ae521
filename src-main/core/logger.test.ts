import { describe, expect, it } from 'vitest';
import { scrubSecrets } from './logger';

describe('scrubSecrets', () => {
  it.each([
    [
      'https://graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token&access_token=IGQVJabc123',
      'IGQVJabc123',
    ],
    ['{"access_token":"ya29.a0AfH6","expires_in":3599}', 'ya29.a0AfH6'],
    ['{"refresh_token": "1//0gLx-secret"}', '1//0gLx-secret'],
    ['client_secret=GOCSPX-abcdef&code=4/0AX4', 'GOCSPX-abcdef'],
    ['Authorization: Bearer eyJhbGciOi.payload.sig', 'eyJhbGciOi.payload.sig'],
    ['Authorization: Basic Y2xpZW50OnNlY3JldA==', 'Y2xpZW50OnNlY3JldA=='],
    ['code_verifier=abcDEF123-._~', 'abcDEF123'],
  ])('removes the secret from %s', (line, secret) => {
    const scrubbed = scrubSecrets(line);
    expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain('[redacted]');
  });

  it('leaves ordinary lines alone', () => {
    const line = 'refresh for account acc_123 on youtube took 412 ms';
    expect(scrubSecrets(line)).toBe(line);
  });
});
