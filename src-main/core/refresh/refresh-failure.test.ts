import { describe, expect, it } from 'vitest';
import { ACCOUNT_STATUSES } from '../../../src-shared/account';
import { ERROR_CODES } from '../../../src-shared/errors';
import { PlatformError } from '../net/platform-error';
import { decideFailure } from './refresh-failure';

const NOW = Date.UTC(2026, 11, 2, 9, 0);
const context = {
  now: NOW,
  failures: 1,
  random: 0.5,
  accessExpiresAt: NOW + 30 * 60_000,
  platform: 'TikTok',
};

/** Words a creator should only meet behind "Technical details". */
const RAW = new RegExp(
  [
    ...[...ERROR_CODES, ...ACCOUNT_STATUSES, 'invalid_grant']
      .filter((word) => word.includes('_'))
      .map((word) => `\\b${word}\\b`),
    '\\bHTTP \\d{3}\\b',
    '\\b[45]\\d\\d\\b',
    'ECONN[A-Z]+',
  ].join('|'),
);

describe('the reason a failed renewal gives the creator', () => {
  const platformError = (kind: PlatformError['kind'], status: number | null) =>
    new PlatformError(kind === 'needs_reauth' ? 'token_rejected' : 'platform_error', {
      kind,
      status,
      platformCode: 'invalid_grant',
      resetAt: NOW + 15 * 60_000,
    });

  it('names the platform when the sign-in is refused or the platform asks to wait', () => {
    expect(decideFailure(platformError('needs_reauth', 400), context).reason).toBe(
      'TikTok stopped accepting this sign-in — reconnect to continue.',
    );
    expect(decideFailure(platformError('rate_limited', 429), context).reason).toBe(
      'TikTok asked Switchboard to wait; it tries again at 09:15 UTC.',
    );
    expect(decideFailure(new Error('connect ECONNREFUSED 127.0.0.1:1'), context).reason).toMatch(
      /^Renewing the TikTok sign-in failed unexpectedly\. Switchboard tries again at \d\d:\d\d UTC\. The current token stays in use until 09:30 UTC\.$/,
    );
  });

  it('is a plain sentence for every kind of failure: no code, status or raw error', () => {
    const errors: unknown[] = [
      ...(['needs_reauth', 'retry', 'rate_limited', 'account_problem'] as const).map((kind) =>
        platformError(kind, kind === 'rate_limited' ? 429 : 503),
      ),
      platformError('permission', 403),
      platformError('bad_configuration', 401),
      new Error('connect ECONNREFUSED 127.0.0.1:1'),
      'a thrown string',
    ];
    for (const error of errors) {
      const { reason } = decideFailure(error, context);
      expect({ reason, raw: RAW.test(reason) }).toEqual({ reason, raw: false });
      expect(reason).toMatch(/^[A-Z].*\.$/);
    }
  });
});
