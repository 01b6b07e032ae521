import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REDIRECT_PORTS,
  PLATFORM_IDS,
  PROVIDER_IDS,
  PROVIDERS,
} from '../../../src-shared/platforms';
import type { TokenSecrets } from '../vault/types';
import { createAdapterRegistry } from './adapter-registry';
import {
  DESCRIPTORS,
  PLATFORM_DESCRIPTORS,
  PLATFORM_ORIGINS,
  ROTATING_PLATFORMS,
} from './descriptors';
import { ATTEMPT, CLIENT, scripted } from '../../../test/support/scripted-http';

const originOf = (url: string | URL) => new URL(url).origin;

describe('platform descriptors', () => {
  it('describe every provider, and each platform once, shared by the providers that connect it', () => {
    for (const id of PROVIDER_IDS) {
      const descriptor = DESCRIPTORS[id];
      expect(descriptor.id).toBe(id);
      expect(descriptor.platform.id).toBe(PROVIDERS[id].platform);
      expect(descriptor.platform).toBe(PLATFORM_DESCRIPTORS[PROVIDERS[id].platform]);
    }
    expect(Object.keys(PLATFORM_DESCRIPTORS).sort()).toEqual([...PLATFORM_IDS].sort());
    // Instagram's two ways in share one probe, one forecast and one set of usage headers.
    expect(DESCRIPTORS.facebook.platform).toBe(DESCRIPTORS.instagram.platform);
  });

  it('name the real origins of PLATFORMS.md, and nothing the proxy or a probe reaches lies outside them', () => {
    expect([...PLATFORM_ORIGINS].sort()).toEqual(
      [
        'https://accounts.google.com',
        'https://oauth2.googleapis.com',
        'https://www.googleapis.com',
        'https://www.instagram.com',
        'https://api.instagram.com',
        'https://graph.instagram.com',
        'https://www.facebook.com',
        'https://graph.facebook.com',
        'https://www.tiktok.com',
        'https://open.tiktokapis.com',
        'https://x.com',
        'https://api.x.com',
        'https://yt3.ggpht.com',
        'https://scontent.cdninstagram.com',
        'https://scontent.xx.fbcdn.net',
        'https://p16-sign-va.tiktokcdn.com',
        'https://pbs.twimg.com',
      ].sort(),
    );
    for (const id of PROVIDER_IDS) {
      const descriptor = DESCRIPTORS[id];
      expect(descriptor.origins).toContain(descriptor.api.origin);
      const platformOrigins = PROVIDER_IDS.filter(
        (other) => DESCRIPTORS[other].platform === descriptor.platform,
      ).flatMap((other) => DESCRIPTORS[other].origins);
      expect(platformOrigins).toContain(originOf(descriptor.platform.probeUrl));
    }
  });

  it.each(PROVIDER_IDS)(
    '%s: every URL its adapter builds starts from an origin its descriptor names',
    async (id) => {
      const s = scripted();
      const adapter = createAdapterRegistry(s.context)[id];
      const reached = [originOf(await adapter.authorizeUrl(ATTEMPT, CLIENT))];
      // The proxy's API host is the one the adapter itself reads the profile from.
      await adapter.profile('access', CLIENT).catch(() => undefined);
      expect(s.requests[0]?.url.origin).toBe(DESCRIPTORS[id].api.origin);
      const secrets = { accessToken: 'access', refreshToken: 'refresh' } as TokenSecrets;
      // Each call fails on its first (unanswered) request, which is recorded all the same.
      for (const call of [
        () => adapter.refresh(secrets, CLIENT),
        () => adapter.revoke(secrets, CLIENT),
        () => adapter.probe('access', CLIENT),
        () => adapter.profile('access', CLIENT),
      ]) {
        await call().catch(() => undefined);
      }
      reached.push(...s.requests.map((request) => request.url.origin));
      expect(s.requests.length).toBeGreaterThanOrEqual(3);
      for (const origin of reached) expect(DESCRIPTORS[id].origins).toContain(origin);
    },
  );

  it('keep the fixed-port providers and their port settings in step', () => {
    const fixed = PROVIDER_IDS.filter((id) => DESCRIPTORS[id].redirect.fixedPort);
    expect(fixed.sort()).toEqual(Object.keys(DEFAULT_REDIRECT_PORTS).sort());
    for (const id of fixed) {
      const rule = DESCRIPTORS[id].redirect;
      expect(rule.fixedPort && rule.portSetting).toBe(id);
    }
  });

  it("count a TikTok post only when TikTok's body says ok, whatever the status", () => {
    const tiktok = PLATFORM_DESCRIPTORS.tiktok.posting!;
    expect(tiktok.failedDespiteSuccess!('{"data":{"publish_id":"p1"},"error":{"code":"ok"}}')).toBe(
      false,
    );
    expect(
      tiktok.failedDespiteSuccess!(
        '{"data":{},"error":{"code": "spam_risk_too_many_pending_share"}}',
      ),
    ).toBe(true);
    expect(tiktok.failedDespiteSuccess!('not json at all')).toBe(false);
    expect(PLATFORM_DESCRIPTORS.x.posting!.failedDespiteSuccess).toBeUndefined();
  });

  it.each([
    ['youtube', 'yt3.ggpht.com', true],
    ['youtube', 'yt3.googleusercontent.com', true],
    ['youtube', 'lh3.googleusercontent.com', false],
    ['x', 'pbs.twimg.com', true],
    ['x', 'pbs.twimg.com.evil.net', false],
    ['tiktok', 'p16-sign-va.tiktokcdn.com', true],
    ['tiktok', 'p19-pu-sign-useast8.tiktokcdn-us.com', true],
    ['tiktok', 'p16-sign.tiktokcdn-xx.com', false],
    ['tiktok', 'p16-va.tiktokcdn.com', false],
    ['instagram', 'scontent-iad3-1.cdninstagram.com', true],
    ['instagram', 'scontent.xx.fbcdn.net', true],
    ['instagram', 'scontent-lax3-1.xx.fbcdn.net', true],
    ['instagram', 'platform-lookaside.fbsbx.com', true],
    ['instagram', 'evilcdninstagram.com', false],
    ['instagram', 'scontent.cdninstagram.com.evil.net', false],
    ['instagram', 'scontent.evil.net/x.fbcdn.net', false],
    ['instagram', 'pbs.twimg.com', false],
  ] as const)('avatar hosts of %s: %s allowed = %s', (platform, host, allowed) => {
    const { hosts } = PLATFORM_DESCRIPTORS[platform].avatars;
    expect(hosts.some((pattern) => pattern.test(host))).toBe(allowed);
  });

  it('replace only avatar origins that their own host patterns allow', () => {
    for (const platform of PLATFORM_IDS) {
      const { hosts, origins } = PLATFORM_DESCRIPTORS[platform].avatars;
      for (const origin of origins) {
        expect(origin.startsWith('https://')).toBe(true);
        expect(hosts.some((pattern) => pattern.test(new URL(origin).hostname))).toBe(true);
      }
    }
  });

  it('mark the platforms whose refresh tokens rotate', () => {
    expect([...ROTATING_PLATFORMS].sort()).toEqual(['tiktok', 'x']);
  });
});
