import { describe, expect, it } from 'vitest';
import { failureOf } from '../../../test/support/scripted-http';
import { classifyX, readXRateLimit } from './x-adapter';

// How X's answers are classified (the adapter's flows are in x-adapter.test.ts).
describe('classifyX', () => {
  const table: Array<[string, ReturnType<typeof failureOf>, string, string, number | null]> = [
    [
      'used token',
      failureOf('token', 400, {
        error: 'invalid_request',
        error_description: 'Value passed for the token was invalid.',
      }),
      'needs_reauth',
      'token_rejected',
      null,
    ],
    [
      'invalid_grant',
      failureOf('token', 400, { error: 'invalid_grant' }),
      'needs_reauth',
      'token_rejected',
      null,
    ],
    [
      'missing verifier',
      failureOf('token', 400, {
        error: 'invalid_request',
        error_description: 'Missing required parameter [code_verifier].',
      }),
      'bad_configuration',
      'platform_error',
      null,
    ],
    [
      'bad client auth',
      failureOf('token', 401, {
        error: 'unauthorized_client',
        error_description: 'Missing valid authorization header',
      }),
      'bad_configuration',
      'platform_bad_credentials',
      null,
    ],
    [
      '429',
      failureOf('api', 429, { title: 'Too Many Requests' }, { 'x-rate-limit-reset': '1800000000' }),
      'rate_limited',
      'platform_rate_limited',
      1_800_000_000_000,
    ],
    [
      '429 24h',
      failureOf(
        'api',
        429,
        { title: 'Too Many Requests' },
        {
          'x-rate-limit-reset': '1800000000',
          'x-user-limit-24hour-remaining': '0',
          'x-user-limit-24hour-reset': '1800050000',
        },
      ),
      'rate_limited',
      'platform_rate_limited',
      1_800_050_000_000,
    ],
    [
      '401 problem',
      failureOf('api', 401, {
        title: 'Unauthorized',
        type: 'about:blank',
        status: 401,
        detail: 'Unauthorized',
      }),
      'needs_reauth',
      'token_rejected',
      null,
    ],
    [
      '404 users/me',
      failureOf('api', 404, { title: 'Not Found Error' }, {}, '/2/users/me'),
      'account_problem',
      'account_suspended',
      null,
    ],
    [
      '403 suspended detail',
      failureOf(
        'api',
        403,
        { title: 'Forbidden', detail: 'User has been suspended.' },
        {},
        '/2/tweets',
      ),
      'account_problem',
      'account_suspended',
      null,
    ],
    [
      '403 elsewhere',
      failureOf(
        'api',
        403,
        { title: 'Forbidden', detail: 'You are not permitted.' },
        {},
        '/2/tweets',
      ),
      'permission',
      'permission_denied',
      null,
    ],
    [
      'client-not-enrolled',
      failureOf('api', 403, {
        title: 'Client Forbidden',
        reason: 'client-not-enrolled',
        type: 'https://api.twitter.com/2/problems/client-forbidden',
      }),
      'bad_configuration',
      'platform_bad_credentials',
      null,
    ],
    ['503', failureOf('api', 503, 'Over capacity'), 'retry', 'platform_error', null],
  ];
  it.each(table)('%s', (_name, failure, kind, code, resetAt) => {
    const error = classifyX(failure, 0);
    expect([error.kind, error.code, error.resetAt]).toEqual([kind, code, resetAt]);
  });

  it('reads no rate limit from an answer without the headers', () => {
    expect(readXRateLimit(new Headers(), '/2/users/me')).toBeNull();
  });
});
