import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/test-host';
import { findChromium, launchChromium, SHARED_CHROMIUM_ENV } from './chromium';

describe('finding a Chromium for the e2e tests', () => {
  it('prefers SWITCHBOARD_CHROMIUM, then the first fallback that exists', () => {
    const dir = tempDir();
    const custom = join(dir.path, 'my-chromium');
    writeFileSync(custom, '');
    expect(findChromium({ SWITCHBOARD_CHROMIUM: custom }, ['/usr/bin/chromium'])).toBe(custom);
    expect(
      findChromium({ SWITCHBOARD_CHROMIUM: join(dir.path, 'missing') }, [undefined, custom]),
    ).toBe(custom);
    dir.remove();
  });

  it('says in one sentence how to install one when none exists', () => {
    expect(() => findChromium({}, ['/nonexistent/chromium', undefined])).toThrow(
      /^No Chromium found for the e2e tests: install one with `sudo apt-get install chromium`.*SWITCHBOARD_CHROMIUM/,
    );
  });
});

describe('the e2e run’s browser', () => {
  it('is one Chromium the files connect to, listening on the loopback only', async () => {
    const endpoint = process.env[SHARED_CHROMIUM_ENV];
    expect(endpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/\w{16,}/);
    const [first, second] = await Promise.all([launchChromium(), launchChromium()]);
    try {
      // Two connections, one browser: a context opened by one is not the other's.
      const context = await first.newContext();
      expect(first.contexts()).toHaveLength(1);
      expect(second.contexts()).toHaveLength(0);
      await context.close();
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
