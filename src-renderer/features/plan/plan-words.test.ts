import { describe, expect, it } from 'vitest';
import type { PlanStatus } from '../../../src-shared/plans';
import { licenceLine, overLimitLines, roomFor } from './plan-words';

const status = (overrides: Partial<PlanStatus> = {}): PlanStatus => ({
  plan: 'free',
  planName: 'Free',
  usage: [
    { platform: 'youtube', used: 1, limit: 1, over: [] },
    { platform: 'instagram', used: 0, limit: 1, over: [] },
    {
      platform: 'tiktok',
      used: 3,
      limit: 1,
      over: [
        { accountId: 'b', name: 'Zara Dances' },
        { accountId: 'c', name: 'Tom Fixes It' },
      ],
    },
    { platform: 'x', used: 2, limit: 1, over: [{ accountId: 'd', name: 'Sam Rivera' }] },
  ],
  licence: null,
  storeUrl: null,
  ...overrides,
});

describe('the plan in words', () => {
  it('a Connect button shows its platform’s room, and at the limit why it will not open consent', () => {
    expect(roomFor(status(), 'instagram')).toMatchObject({
      caption: 'Instagram · 0 of 1',
      full: false,
      refusal: null,
    });
    expect(roomFor(status(), 'youtube')).toMatchObject({
      caption: 'YouTube · 1 of 1',
      full: true,
      refusal:
        'Your Free plan connects 1 YouTube account; enter a licence key in Settings → Plan, or disconnect one first.',
    });
    expect(roomFor(status({ plan: 'creator' }), 'tiktok')?.refusal).toMatch(
      /^Your Creator plan connects 1 TikTok account;/,
    );
    expect(roomFor(null, 'youtube')).toBeNull();
  });

  it('says what the licence is, or why it does not apply and what that means', () => {
    expect(licenceLine(status())).toBe('No licence key entered: the Free plan applies.');
    expect(
      licenceLine(
        status({
          plan: 'pro',
          licence: {
            state: 'active',
            plan: 'pro',
            holder: 'Maya',
            issuedAt: '2026-01-01T00:00:00.000Z',
            expiresAt: '2027-01-01T00:00:00.000Z',
            problem: null,
          },
        }),
      ),
    ).toBe('Pro licence for Maya, valid until 2027-01-01.');
    expect(
      licenceLine(
        status({
          licence: {
            state: 'expired',
            plan: 'pro',
            holder: 'Maya',
            issuedAt: null,
            expiresAt: null,
            problem: 'This Pro licence expired on 2026-10-21; renew it where you bought it.',
          },
        }),
      ),
    ).toBe(
      'This Pro licence expired on 2026-10-21; renew it where you bought it. The Free plan applies to new connects; connected accounts stay connected.',
    );
  });

  it('names the accounts beyond the limit, per platform, and says they keep working', () => {
    expect(overLimitLines(status())).toEqual([
      "TikTok: Zara Dances, Tom Fixes It are beyond the Free plan's 1. They stay connected and refreshing; only new connects are refused.",
      "X: Sam Rivera is beyond the Free plan's 1. It stays connected and refreshing; only new connects are refused.",
    ]);
  });
});
