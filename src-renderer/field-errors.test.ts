import { describe, expect, it } from 'vitest';
import { AccountLabelSchema } from '../src-shared/account';
import { fieldErrorsOf, issuesByField } from './field-errors';

describe('field errors', () => {
  it('reads the field paths out of main’s invalid_input sentence', () => {
    const error = {
      code: 'invalid_input' as const,
      message:
        'The request was not in the expected shape: redirectPorts.x: Use a port from 1024 to 65535.; clientId: Enter the client id.',
    };
    expect(fieldErrorsOf(error)).toEqual({
      'redirectPorts.x': 'Use a port from 1024 to 65535.',
      clientId: 'Enter the client id.',
    });
  });

  it('leaves other errors whole', () => {
    expect(
      fieldErrorsOf({ code: 'invalid_input', message: 'The request body is not valid JSON.' }),
    ).toBe(null);
    expect(fieldErrorsOf({ code: 'vault_locked', message: 'The vault is locked.' })).toBe(null);
  });

  it('maps a local check with the shared schema to its field', () => {
    const result = AccountLabelSchema.safeParse('a\u0007b');
    expect(result.success).toBe(false);
    if (!result.success)
      expect(issuesByField(result.error)).toEqual({
        input: 'Use no control or text-direction characters.',
      });
  });
});
