import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  issueTestLicence,
  signRaw,
  strangerKey,
  TEST_KID,
  testLicenceKeys,
  testPublicKeyRaw,
} from '../../../test/support/test-licences';
import {
  publicKeyFromRaw,
  rawPublicKey,
  signLicence,
  verifyLicence,
  type LicenceVerdict,
} from './licence-key';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const DAY = 86_400_000;
const verify = (key: string, now = NOW) => verifyLicence(key, testLicenceKeys, now);

function refused(verdict: LicenceVerdict) {
  if (verdict.ok) throw new Error('expected a refusal');
  return verdict;
}

describe('licence keys: signed offline, verified completely', () => {
  it('accepts a key signed by a trusted key, with its plan, holder and dates', () => {
    const verdict = verify(issueTestLicence({ plan: 'creator', holder: 'Maya', now: NOW }));
    expect(verdict).toEqual({
      ok: true,
      licence: {
        plan: 'creator',
        holder: 'Maya',
        issuedAt: NOW,
        expiresAt: NOW + 365 * DAY,
        kid: TEST_KID,
      },
    });
  });

  it('ignores line breaks and spaces a mail client added', () => {
    const key = issueTestLicence({ now: NOW });
    const wrapped = `  ${key.slice(0, 40)}\n${key.slice(40, 90)}\r\n ${key.slice(90)}\n`;
    expect(verify(wrapped).ok).toBe(true);
  });

  it('signLicence (the publisher command) makes keys the app accepts', () => {
    const pair = generateKeyPairSync('ed25519');
    const ring = new Map([['pub-1', publicKeyFromRaw(rawPublicKey(pair.publicKey))]]);
    const key = signLicence(
      {
        kid: 'pub-1',
        plan: 'agency',
        holder: 'Studio',
        issuedAt: new Date(NOW).toISOString(),
        expiresAt: new Date(NOW + DAY).toISOString(),
      },
      pair.privateKey,
    );
    expect(verifyLicence(key, ring, NOW)).toMatchObject({ ok: true, licence: { plan: 'agency' } });
    expect(rawPublicKey(publicKeyFromRaw(testPublicKeyRaw()))).toBe(testPublicKeyRaw());
  });

  it('refuses a key whose contents were changed after signing (a raised plan)', () => {
    const key = issueTestLicence({ plan: 'free', now: NOW });
    const [prefix, body, signature] = key.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    const raised = Buffer.from(JSON.stringify({ ...payload, plan: 'agency' })).toString(
      'base64url',
    );
    const verdict = refused(verify(`${prefix}.${raised}.${signature}`));
    expect(verdict.problem).toBe('bad_signature');
    expect(verdict.code).toBe('licence_invalid');
    expect(verdict.message).toBe(
      'This licence key’s signature does not match its contents: it was changed after it was issued. Copy it again from the original.',
    );
  });

  it('refuses a key that claims a trusted key id but was signed by another key', () => {
    const verdict = refused(verify(issueTestLicence({ now: NOW, key: strangerKey })));
    expect(verdict.problem).toBe('bad_signature');
  });

  it('refuses a key signed under a key id this build does not know', () => {
    const verdict = refused(
      verify(issueTestLicence({ now: NOW, kid: 'someone-else', key: strangerKey })),
    );
    expect(verdict.problem).toBe('unknown_key');
    expect(verdict.message).toBe(
      'This licence key was signed by a key this build of Switchboard does not know (“someone-else”); use a key from the publisher of this build.',
    );
  });

  it('refuses a truncated key, a padded one and other damage with one plain sentence', () => {
    const key = issueTestLicence({ now: NOW });
    // A last character that decodes to the very same bytes (base64's unused low bits set): a
    // second spelling of one key is refused too, so a key has exactly one written form.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = `${key.slice(0, -1)}${alphabet[alphabet.indexOf(key.at(-1)!) | 1]}`;
    expect(Buffer.from(twin.split('.')[2]!, 'base64url')).toEqual(
      Buffer.from(key.split('.')[2]!, 'base64url'),
    );
    const damaged = [
      twin,
      key.slice(0, -1), // last character lost
      key.slice(0, -10),
      key.slice(0, key.lastIndexOf('.')), // the signature lost
      `${key}A`, // an extra character
      `${key}==`, // base64 padding
      `${key}.extra`,
      `X${key}`,
      key.replace('SBL1', 'SBL2'),
      key.slice(20),
      '',
      'not a key at all',
    ];
    for (const attempt of damaged) {
      const verdict = refused(verify(attempt));
      expect(verdict.problem, attempt.slice(-12)).toBe('malformed');
      expect(verdict.message).toBe(
        'This licence key is incomplete or has extra characters; copy it again in full, from its first to its last character.',
      );
    }
  });

  it('refuses a key made for another product', () => {
    const verdict = refused(verify(issueTestLicence({ now: NOW, product: 'tower' })));
    expect(verdict.problem).toBe('other_product');
    expect(verdict.message).toBe('This licence key is for another product, not Switchboard.');
  });

  it('refuses an expired key, naming the plan and the day it ended', () => {
    const key = issueTestLicence({ plan: 'pro', now: NOW, issuedDaysAgo: 400, days: 365 });
    const verdict = refused(verify(key));
    expect(verdict.problem).toBe('expired');
    expect(verdict.code).toBe('licence_expired');
    expect(verdict.message).toBe(
      'This Pro licence expired on 2026-10-21; renew it where you bought it.',
    );
    // The same key was fine the day before it ended.
    expect(verify(key, NOW - 36 * DAY).ok).toBe(true);
    expect(verify(key, NOW - 35 * DAY).ok).toBe(false);
  });

  it('refuses a key issued in the future, beyond a few minutes of clock difference', () => {
    const tomorrow = refused(verify(issueTestLicence({ now: NOW + 2 * DAY })));
    expect(tomorrow.problem).toBe('not_yet_valid');
    expect(tomorrow.message).toBe(
      'This licence key is dated 2026-11-27, after today on this computer; check the computer’s date and time.',
    );
    expect(verify(issueTestLicence({ now: NOW + 5 * 60_000 })).ok).toBe(true);
  });

  it('refuses a key for a plan this version does not know, after checking its signature', () => {
    const verdict = refused(verify(issueTestLicence({ now: NOW, plan: 'enterprise' })));
    expect(verdict.problem).toBe('unknown_plan');
    expect(verdict.message).toBe(
      'This licence is for a plan called “enterprise”, which this version of Switchboard does not know; update Switchboard.',
    );
  });

  it('refuses a well-signed payload missing a field', () => {
    const { holder: _holder, ...partial } = {
      product: 'switchboard',
      kid: TEST_KID,
      plan: 'pro',
      holder: 'x',
      issuedAt: new Date(NOW).toISOString(),
      expiresAt: new Date(NOW + DAY).toISOString(),
    };
    expect(refused(verify(signRaw(partial))).problem).toBe('malformed');
  });

  it('verifies synchronously: no network, no file, nothing to wait for', () => {
    const result = verify(issueTestLicence({ now: NOW }));
    expect(result).not.toBeInstanceOf(Promise);
    expect(result.ok).toBe(true);
  });
});
