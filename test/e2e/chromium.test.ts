import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/test-host';
import { findChromium } from './chromium';

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
