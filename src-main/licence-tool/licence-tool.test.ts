import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/test-host';
import { verifyLicence } from '../core/plans/licence-key';
import { keyRingOf } from '../core/plans/public-keys';
import { PRIVATE_KEY_ENV, runLicenceTool } from './licence-tool';

const NOW = Date.parse('2026-11-25T12:00:00Z');

function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let output = '';
  const code = runLicenceTool(argv, { env, out: (text) => (output += text), now: () => NOW });
  return { code, output };
}

describe('the publisher’s licence command', () => {
  it('keygen writes a private key file (600) and prints the build variable; issue signs keys the app accepts', () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'private.key');
      const made = run(['keygen', '--kid', 'pub-2026', '--out', file]);
      expect(made.code).toBe(0);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const privateKey = readFileSync(file, 'utf8').trim();
      expect(made.output).not.toContain(privateKey.split(':')[1]);
      const keys = JSON.parse(/SWITCHBOARD_BUILD_LICENCE_KEYS='(.+)'/.exec(made.output)![1]!);
      expect(Object.keys(keys)).toEqual(['pub-2026']);
      // Never overwrites a private key already there.
      expect(run(['keygen', '--kid', 'pub-2026', '--out', file]).code).toBe(2);

      const issued = run(['issue', '--plan', 'pro', '--holder', 'Maya Makes', '--days', '30'], {
        [PRIVATE_KEY_ENV]: privateKey,
      });
      expect(issued.code).toBe(0);
      expect(verifyLicence(issued.output.trim(), keyRingOf(keys), NOW)).toEqual({
        ok: true,
        licence: {
          plan: 'pro',
          holder: 'Maya Makes',
          issuedAt: NOW,
          expiresAt: NOW + 30 * 86_400_000,
          kid: 'pub-2026',
        },
      });
    } finally {
      dir.remove();
    }
  });

  it('refuses what it cannot sign, in a sentence', () => {
    expect(run(['issue', '--plan', 'pro', '--holder', 'x'])).toEqual({
      code: 2,
      output: `licence issue: Set ${PRIVATE_KEY_ENV} to the contents of the file licence:keygen wrote.\n`,
    });
    expect(run(['issue', '--plan', 'gold', '--holder', 'x']).output).toContain(
      'Choose --plan from free, creator, pro, agency.',
    );
    expect(
      run(['issue', '--plan', 'pro', '--holder', 'x'], { [PRIVATE_KEY_ENV]: 'k:not-a-key' }),
    ).toMatchObject({ code: 2, output: expect.stringContaining('is not an Ed25519 private key') });
    expect(run(['issue', '--plan', 'pro', '--holder', 'x', '--days', '0']).code).toBe(2);
  });
});
