// Every adapter against its fake platform, with a profile a hostile account could really set:
// huge names, bidi overrides that reverse text, and controls that split menus and log lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src-shared/platforms';
import { PROFILE_TEXT_LIMITS } from '../../src-shared/display-text';
import { AccountLabelSchema } from '../../src-shared/account';
import type { ConnectedProfile } from '../../src-main/core/vault/types';
import type { FakeUser } from '../../src-main/demo/fake-users';
import { credentials, startHarness, type Harness } from '../support/platform-harness';

// NUL, ESC, CR, LF, a C1 control (U+0085), a line separator, each bidi override and isolate.
const HOSTILE = [
  '\u0000',
  '\u001b',
  '\r\n',
  '\u0085',
  '\u2028',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const hostile = (word: string) => `${HOSTILE.join(word)}${word}`;
const codePoints = (value: string) => Array.from(value).length;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

function expectSafe(profile: ConnectedProfile) {
  expect(profile.displayName).not.toMatch(UNSAFE);
  expect(profile.handle ?? '').not.toMatch(UNSAFE);
  expect(codePoints(profile.displayName)).toBeLessThanOrEqual(PROFILE_TEXT_LIMITS.displayName);
  expect(codePoints(profile.handle ?? '')).toBeLessThanOrEqual(PROFILE_TEXT_LIMITS.handle);
}

async function profileOf(provider: ProviderId, user: FakeUser): Promise<ConnectedProfile> {
  const { tokens, grantedScopes } = await h.connect(provider, { user: user.id });
  const step = await h.registry[provider].profile(
    tokens.accessToken,
    credentials(provider),
    grantedScopes,
  );
  if (step.kind !== 'profile') throw new Error(`expected a profile from ${provider}`);
  return step.profile;
}

describe('hostile profiles, read by every adapter', () => {
  const cases = [
    ['youtube', () => h.fakes.youtube.users[0]!],
    ['instagram', () => h.fakes.instagram.users[0]!],
    ['tiktok', () => h.fakes.tiktok.users[0]!],
    ['x', () => h.fakes.x.users[0]!],
  ] as const;

  for (const [provider, userOf] of cases) {
    it(`${provider}: strips controls and bidi overrides, keeps the readable text`, async () => {
      const user = userOf();
      user.name = hostile('Maya');
      user.handle = hostile('m');
      const profile = await profileOf(provider, user);
      expectSafe(profile);
      expect(profile.displayName).toBe('Maya'.repeat(HOSTILE.length));
      expect(profile.handle).toMatch(/^@?m{14}$/);
    });

    it(`${provider}: cuts a 20,007-character name and a long handle at the limits`, async () => {
      const user = userOf();
      user.name = `😀${'W'.repeat(20_006)}`;
      user.handle = 'h'.repeat(500);
      const profile = await profileOf(provider, user);
      expectSafe(profile);
      expect(codePoints(profile.displayName)).toBe(PROFILE_TEXT_LIMITS.displayName);
      expect(profile.displayName.startsWith('😀W')).toBe(true);
      expect(profile.displayName.endsWith('…')).toBe(true);
    });
  }

  it('facebook: a Page name and its Instagram account are cleaned in the picker and the profile', async () => {
    const ravi = h.fakes.facebook.users.find((user) => user.name === 'Ravi Patel')!;
    const page = ravi.pages![0]!;
    page.name = hostile('Eats');
    page.instagram!.name = `${'N'.repeat(300)}\u202e`;
    page.instagram!.username = hostile('ravi');
    const client = credentials('facebook');
    const { tokens } = await h.connect('facebook', { user: ravi.id });
    const step = await h.registry.facebook.profile(tokens.accessToken, client);
    if (step.kind !== 'choose_page') throw new Error('expected a Page choice');
    const choice = step.pages.find((p) => p.pageId === page.id)!;
    expect(choice.pageName).not.toMatch(UNSAFE);
    expect(choice.pageName).toMatch(/^(Eats)+$/);
    expect(choice.instagramUsername).not.toMatch(UNSAFE);
    const profile = await h.registry.facebook.pageProfile!(tokens.accessToken, choice, client);
    expectSafe(profile);
    expect(codePoints(profile.displayName)).toBe(PROFILE_TEXT_LIMITS.displayName);
  });

  it('a name made only of unsafe characters falls back to the handle', async () => {
    const user = h.fakes.x.users[0]!;
    user.name = '\u202e\u0000\u2066';
    user.handle = 'plain_handle';
    expect((await profileOf('x', user)).displayName).toBe('plain_handle');
  });
});

describe('a creator’s label obeys the same rules', () => {
  it('refuses bidi overrides, isolates and controls, and more than 64 characters', () => {
    for (const bad of ['\u202eevil', 'a\u2066b', 'a\u0000b', 'a\u0085b', 'x'.repeat(65)]) {
      expect(AccountLabelSchema.safeParse(bad).success).toBe(false);
    }
    expect(AccountLabelSchema.safeParse(` ${'x'.repeat(64)} `).success).toBe(true);
  });
});
