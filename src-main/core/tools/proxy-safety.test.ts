import { describe, expect, it } from 'vitest';
import { createOriginTable } from '../net/origin-table';
import { downstreamHeaders, upstreamHeaders } from './proxy-headers';
import { proxyTarget } from './proxy-target';
import { endpointKey, isPostCall, rateLimitsOf } from './proxy-usage';

const origins = createOriginTable({ 'https://api.x.com': 'http://127.0.0.1:4000' });

describe('proxy safety', () => {
  it('maps a proxy path onto the account origin through the origin table, keeping the query', () => {
    const target = proxyTarget('/v1/proxy/abc/2/users/me?user.fields=a%2Fb', 'x', origins);
    expect(target.url.toString()).toBe('http://127.0.0.1:4000/2/users/me?user.fields=a%2Fb');
    expect(target.path).toBe('/2/users/me');
    expect(
      proxyTarget('/v1/proxy/abc/v2/user/info/', 'tiktok', createOriginTable()).url.origin,
    ).toBe('https://open.tiktokapis.com');
  });

  it.each([
    '/v1/proxy/abc/../x',
    '/v1/proxy/abc/2/./users',
    '/v1/proxy/abc/2/%2E%2E/token',
    '/v1/proxy/abc/2%2fusers',
    '/v1/proxy/abc/2%5Cusers',
    '/v1/proxy/abc//evil.example/x',
    '/v1/proxy/abc/a\\b',
    '/v1/proxy/abc',
    '/v1/proxy/abc/',
    'http://evil.example/v1/proxy/abc/2/users/me',
  ])('refuses %s', (url) => {
    expect(() => proxyTarget(url, 'x', origins)).toThrow(
      expect.objectContaining({ code: 'proxy_path_invalid' }),
    );
  });

  it('drops hop-by-hop fields, fields named in Connection and the tool credentials', () => {
    const headers = upstreamHeaders(
      {
        connection: 'close, x-secret-hop',
        'x-secret-hop': '1',
        'keep-alive': 'timeout=5',
        te: 'trailers',
        'transfer-encoding': 'chunked',
        upgrade: 'h2c',
        authorization: 'Bearer sbk_tool',
        cookie: 'a=b',
        'proxy-authorization': 'Basic x',
        host: '127.0.0.1:9477',
        'content-type': 'application/json',
        'x-goog-upload-protocol': 'raw',
      },
      'platform-access-token',
      12,
    );
    expect(headers).toEqual({
      'content-type': 'application/json',
      'x-goog-upload-protocol': 'raw',
      'content-length': '12',
      authorization: 'Bearer platform-access-token',
      'accept-encoding': 'identity',
    });
    expect(
      downstreamHeaders({ 'set-cookie': ['a=b'], connection: 'close', 'content-type': 'x/y' }),
    ).toEqual({ 'content-type': 'x/y', 'cache-control': 'no-store' });
    expect(
      downstreamHeaders({ location: 'https://x.example/next?access_token=SECRET-TOKEN-1' }, [
        'SECRET-TOKEN-1',
      ]),
    ).toMatchObject({ location: `https://x.example/next?access_token=${'*'.repeat(14)}` });
  });

  it('knows posts and reads rate-limit headers', () => {
    expect(isPostCall('x', 'POST', '/2/tweets')).toBe(true);
    expect(isPostCall('x', 'GET', '/2/tweets')).toBe(false);
    expect(isPostCall('tiktok', 'POST', '/v2/post/publish/video/init/')).toBe(true);
    expect(isPostCall('tiktok', 'POST', '/v2/post/publish/status/fetch/')).toBe(false);
    expect(endpointKey('DELETE', '/2/tweets/1849203948573')).toBe('DELETE /2/tweets/:id');
    const limits = rateLimitsOf(
      'x',
      'POST /2/tweets',
      {
        'x-rate-limit-limit': '100',
        'x-rate-limit-remaining': '99',
        'x-rate-limit-reset': '1800000000',
        'x-user-limit-24hour-limit': '17',
        'x-user-limit-24hour-remaining': '16',
        'x-user-limit-24hour-reset': '1800086400',
      },
      0,
    );
    expect(limits).toEqual([
      { path: 'POST /2/tweets', limit: 100, remaining: 99, resetAt: 1_800_000_000_000 },
      { path: 'x user 24-hour limit', limit: 17, remaining: 16, resetAt: 1_800_086_400_000 },
    ]);
    const meta = rateLimitsOf(
      'instagram',
      'GET /me',
      {
        'x-app-usage': '{"call_count":28,"total_time":25,"total_cputime":25}',
        'x-business-use-case-usage':
          '{"1784":[{"type":"instagram","call_count":91,"total_cputime":10,"total_time":12,"estimated_time_to_regain_access":3}]}',
      },
      1_000,
    );
    expect(meta).toEqual([
      { path: 'meta app usage %', limit: 100, remaining: 72, resetAt: null },
      { path: 'meta business use case usage %', limit: 100, remaining: 9, resetAt: 181_000 },
    ]);
  });
});
