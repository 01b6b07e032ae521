import { describe, expect, it } from 'vitest';
import { newPassphraseProblem } from './passphrase-rule';

describe('a new vault passphrase', () => {
  it('needs 8 characters, counted as typed', () => {
    expect(newPassphraseProblem('x', 'x')).toBe('Use at least 8 characters.');
    expect(newPassphraseProblem('1234567', '1234567')).toBe('Use at least 8 characters.');
    expect(newPassphraseProblem('ééééééé', 'ééééééé')).toBe('Use at least 8 characters.');
    expect(newPassphraseProblem('12345678', '12345678')).toBe(null);
  });

  it('refuses only spaces', () => {
    expect(newPassphraseProblem('         ', '         ')).toMatch(/not only spaces/);
  });

  it('must be typed the same twice', () => {
    expect(newPassphraseProblem('a long passphrase', 'a long passphrasf')).toMatch(/differ/);
  });
});
