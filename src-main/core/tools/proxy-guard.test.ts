import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../src-shared/platforms';
import { createOriginTable } from '../net/origin-table';
import { bodyMintingReason, tokenMintingReason } from './proxy-guard';
import { normalisePath, proxyTarget } from './proxy-target';
import { endpointKey, isPostCall } from './proxy-usage';

const origins = createOriginTable();
const reason = (provider: ProviderId, url: string, method = 'GET') =>
  tokenMintingReason(provider, method, proxyTarget(`/v1/proxy/acc${url}`, provider, origins));

describe('token endpoints through the proxy', () => {
  it.each<[ProviderId, string, string?]>([
    ['instagram', '/refresh_access_token?grant_type=ig_refresh_token'],
    ['instagram', '/v22.0/refresh_access_token?grant_type=ig_refresh_token'],
    ['instagram', '/REFRESH_ACCESS_TOKEN'],
    ['instagram', '/%72efresh_access_token'],
    ['instagram', '/refresh_access_token/'],
    ['instagram', '/access_token?grant_type=ig_exchange_token'],
    ['instagram', '/oauth/access_token', 'POST'],
    ['instagram', '/me?fields=user_id,access_token'],
    ['facebook', '/oauth/access_token?grant_type=fb_exchange_token'],
    ['facebook', '/v27.0/oauth/access_token'],
    ['facebook', '/v27.0/OAuth/client_code'],
    ['facebook', '/me/accounts?fields=access_token'],
    ['facebook', '/me/accounts?fields=id,access_token'],
    ['facebook', '/me/accounts?fields=id%2CACCESS_TOKEN'],
    ['facebook', '/me/accounts?fields=id&fields=access_token'],
    ['facebook', '/me?fields=accounts{access_token}'],
    ['facebook', '/me?fields=accounts.limit(5){name,access_token}'],
    ['facebook', '/1784/accounts'],
    ['facebook', '/v27.0/me/accounts/'],
    ['facebook', '/me?fields=accounts'],
    ['facebook', '/me?fields=id,accounts.limit(5)'],
    ['facebook', '/v27.0/', 'POST'],
    ['facebook', '/me?batch=[]', 'POST'],
    ['facebook', '/me/accounts?fields=id&method=get', 'POST'],
    ['facebook', '/me/accounts?fields=id&METHOD=get', 'POST'],
    ['x', '/2/oauth2/token', 'POST'],
    ['x', '/2/oauth2/revoke', 'POST'],
    ['x', '/2/OAUTH2/token', 'POST'],
    ['x', '/2/%6Fauth2/token', 'POST'],
    ['x', '/oauth2/token', 'POST'],
    ['x', '/oauth/access_token', 'POST'],
    ['youtube', '/token', 'POST'],
    ['youtube', '/revoke', 'POST'],
    ['youtube', '/Token/', 'POST'],
    ['youtube', '/oauth2/v4/token', 'POST'],
    ['youtube', '/o/oauth2/revoke'],
    ['tiktok', '/v2/oauth/token/', 'POST'],
    ['tiktok', '/v2/oauth/revoke/', 'POST'],
    ['tiktok', '/v2/OAuth/token/', 'POST'],
  ])('refuses %s %s', (provider, url, method = 'GET') => {
    expect(reason(provider, url, method)).not.toBeNull();
  });

  it.each<[ProviderId, string, string?]>([
    ['instagram', '/me?fields=user_id,username'],
    ['instagram', '/v22.0/me/media'],
    ['instagram', '/me/media?fields=id,caption', 'POST'],
    ['facebook', '/me/accounts?fields=id,name,instagram_business_account'],
    ['facebook', '/me?fields=accounts{id,name}'],
    ['facebook', '/me?fields=accounts.limit(5){id}'],
    ['facebook', '/17841/media?fields=id,caption'],
    ['facebook', '/me/permissions'],
    ['facebook', '/me/accounts', 'POST'],
    ['x', '/2/users/me'],
    ['x', '/2/tweets', 'POST'],
    ['youtube', '/youtube/v3/channels?part=snippet&mine=true'],
    ['youtube', '/upload/youtube/v3/videos?uploadType=resumable', 'POST'],
    ['tiktok', '/v2/user/info/?fields=open_id'],
    ['tiktok', '/v2/post/publish/inbox/video/init/', 'POST'],
  ])('lets %s %s through', (provider, url, method = 'GET') => {
    expect(reason(provider, url, method)).toBeNull();
  });

  it.each([
    ['application/x-www-form-urlencoded', 'method=get&fields=access_token'],
    ['application/x-www-form-urlencoded; charset=utf-8', 'batch=%5B%5D'],
    ['application/json', '{"fields":"id,access_token"}'],
    ['application/json', '{"method":"GET"}'],
    ['multipart/form-data; boundary=x', '--x\r\n'],
  ])('refuses Graph parameters in a %s body: %s', (type, text) => {
    const target = { path: '/me/accounts' };
    const headers = { 'content-type': type };
    expect(
      bodyMintingReason('facebook', 'POST', target, headers, Buffer.from(text)),
    ).not.toBeNull();
    // The same body is nothing to X, which reads no parameters from bodies.
    expect(bodyMintingReason('x', 'POST', target, headers, Buffer.from(text))).toBeNull();
  });

  it('lets harmless Graph bodies through and refuses a form too large to check', () => {
    const target = { path: '/17841/media' };
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const ok = Buffer.from('image_url=https%3A%2F%2Fcdn.example%2Fa.jpg&caption=hi');
    expect(bodyMintingReason('instagram', 'POST', target, form, ok)).toBeNull();
    const video = { 'content-type': 'application/octet-stream' };
    const stream = Readable.from([]) as unknown as IncomingMessage;
    expect(bodyMintingReason('facebook', 'POST', target, video, stream)).toBeNull();
    expect(bodyMintingReason('facebook', 'POST', target, form, stream)).toBe(
      'unreadable parameters',
    );
  });
});

describe('path normalisation (RFC 3986 §6.2.2)', () => {
  it('decodes unreserved characters only, upper-casing the other escapes', () => {
    expect(normalisePath('/v2/post/publish/inbox/video/%69nit/')).toBe(
      '/v2/post/publish/inbox/video/init/',
    );
    expect(normalisePath('/2/%74weets')).toBe('/2/tweets');
    expect(normalisePath('/a%2D%2e%5F%7e%41%5a%30%39')).toBe('/a-._~AZ09');
    expect(normalisePath('/caf%c3%a9/%2f/%25/%3F')).toBe('/caf%C3%A9/%2F/%25/%3F');
    expect(normalisePath('/%2569nit')).toBe('/%2569nit');
  });

  it('counts, keys and forwards the normalised path', () => {
    const x = createOriginTable({ 'https://api.x.com': 'http://127.0.0.1:4000' });
    const target = proxyTarget('/v1/proxy/acc/2/%74weets?x=%74', 'x', x);
    expect(target.path).toBe('/2/tweets');
    expect(target.url.toString()).toBe('http://127.0.0.1:4000/2/tweets?x=%74');
    expect(isPostCall('x', 'POST', target.path)).toBe(true);
    expect(endpointKey('POST', target.path)).toBe('POST /2/tweets');
    const tiktok = proxyTarget('/v1/proxy/acc/v2/post/publish/inbox/video/%69nit/', 'tiktok', x);
    expect(isPostCall('tiktok', 'POST', tiktok.path)).toBe(true);
    expect(isPostCall('x', 'POST', '/2/Tweets/')).toBe(true);
    expect(isPostCall('tiktok', 'POST', '/v2/post/publish/video/INIT')).toBe(true);
  });

  it('still refuses encoded dots and slashes, and dot segments once decoded', () => {
    for (const url of ['/v1/proxy/acc/2/%2e%2e/x', '/v1/proxy/acc/2%2Fx', '/v1/proxy/acc/a/%2E/b'])
      expect(() => proxyTarget(url, 'x', origins)).toThrow(
        expect.objectContaining({ code: 'proxy_path_invalid' }),
      );
  });
});
