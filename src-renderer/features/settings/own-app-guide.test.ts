import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../../src-shared/platforms';
import { OWN_APP_GUIDES } from './own-app-guide';

describe('the own-app guide', () => {
  it('gives every platform a console, steps, products and traps', () => {
    for (const id of PROVIDER_IDS) {
      const guide = OWN_APP_GUIDES[id];
      expect(new URL(guide.console.url).protocol).toBe('https:');
      expect(guide.steps.length).toBeGreaterThanOrEqual(3);
      expect(guide.products.length).toBeGreaterThan(0);
      expect(guide.traps.length).toBeGreaterThan(0);
    }
  });

  it('names the trap each platform is known for', () => {
    const traps = (id: (typeof PROVIDER_IDS)[number]) => OWN_APP_GUIDES[id].traps.join(' ');
    for (const meta of ['instagram', 'facebook'] as const) {
      expect(traps(meta)).toMatch(/development mode/);
      expect(traps(meta)).toMatch(/https/);
    }
    expect(traps('youtube')).toMatch(/Testing.*7 days/);
    expect(traps('x')).toMatch(/port/);
    expect(OWN_APP_GUIDES.x.steps.join(' ')).toMatch(/exactly/);
    expect(traps('tiktok')).toMatch(/approves the app for Login Kit/);
  });
});
