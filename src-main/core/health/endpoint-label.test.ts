import { describe, expect, it } from 'vitest';
import { createEndpointLabels, endpointShape } from './endpoint-label';

describe('the endpoint label', () => {
  it('keeps API versions and route words, and turns object ids into {id}', () => {
    expect(endpointShape('/v27.0/17841400000000201')).toBe('/v27.0/{id}');
    expect(endpointShape('/v27.0/17841400000000201/media_publish')).toBe(
      '/v27.0/{id}/media_publish',
    );
    expect(endpointShape('/2/users/1849201/tweets')).toBe('/2/users/{id}/tweets');
    expect(endpointShape('/2/users/me')).toBe('/2/users/me');
    expect(endpointShape('/2/oauth2/token')).toBe('/2/oauth2/token');
    expect(endpointShape('/youtube/v3/channels')).toBe('/youtube/v3/channels');
    expect(endpointShape('/youtube/v3/channels/UCx9Jd8AbQ2kLmN0pQrStU1v')).toBe(
      '/youtube/v3/channels/{id}',
    );
    expect(endpointShape('/v2/user/info/')).toBe('/v2/user/info/');
    expect(endpointShape('/2/tweets/1790000000000000001?expansions=x')).toBe('/2/tweets/{id}');
    expect(endpointShape('/v27.0/@some.handle/feed')).toBe('/v27.0/{id}/feed');
  });

  it('is bounded per platform: beyond the limit a new shape counts as {other}', () => {
    const label = createEndpointLabels(3);
    expect(['/a', '/b', '/c'].map((path) => label('x', path))).toEqual(['/a', '/b', '/c']);
    expect(label('x', '/d')).toBe('{other}');
    expect(label('x', '/a')).toBe('/a');
    expect(label('tiktok', '/d')).toBe('/d');
    // Ids never use up the bound: one user or a thousand, it is one shape.
    const ids = createEndpointLabels(3);
    const labels = new Set(
      Array.from({ length: 1000 }, (_, i) => ids('instagram', `/v27.0/${17841400000000000 + i}`)),
    );
    expect([...labels]).toEqual(['/v27.0/{id}']);
  });
});
