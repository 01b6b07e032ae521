import { fetch } from 'undici';
import { describe, expect, it } from 'vitest';

// The vitest setup (test/support/no-internet.ts) is what keeps a test that forgot its origin
// table from reaching a real platform; this proves the guard is installed, for both fetches.
describe('tests never reach the internet', () => {
  it('refuses a platform host through undici and through the global fetch', async () => {
    const viaUndici = await fetch('https://api.x.com/2/users/me').catch((error: Error) => error);
    expect(String((viaUndici as Error).cause)).toContain('tests never reach the internet');
    const viaGlobal = await globalThis
      .fetch('https://open.tiktokapis.com/v2/user/info/')
      .catch((error: Error) => error);
    expect(String((viaGlobal as Error).cause)).toContain('tests never reach the internet');
  });
});
