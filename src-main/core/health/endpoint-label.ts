/** Distinct `endpoint` labels kept per platform; any further route shape counts as `{other}`. */
export const MAX_ENDPOINTS_PER_PLATFORM = 100;

// API versions stay: `2` (X), `v3` (YouTube), `v27.0` (Graph), `1.1`.
const VERSION = /^v?\d{1,2}(\.\d{1,2})?$/i;
// Route words stay: letters, `_` and `-`, at most one trailing digit (`oauth2`), not too long.
const ROUTE_WORD = /^[a-z][a-z_-]{0,39}\d?$/i;

/**
 * A platform path as a route shape: every segment that is not an API version or a route word
 * (object ids such as `17841400000000201`, `UC…` channel ids, handles) becomes `{id}`, so
 * `/v27.0/17841400000000201/media` and every other user's call share `/v27.0/{id}/media`.
 */
export function endpointShape(path: string): string {
  const bare = path.split(/[?#]/, 1)[0]!;
  return bare
    .split('/')
    .map((segment) =>
      segment === '' || VERSION.test(segment) || ROUTE_WORD.test(segment) ? segment : '{id}',
    )
    .join('/');
}

/**
 * The `endpoint` label for a request: its route shape, and beyond MAX_ENDPOINTS_PER_PLATFORM
 * shapes per platform `{other}` — a bound even for route words the shape cannot tell from ids.
 */
export function createEndpointLabels(max = MAX_ENDPOINTS_PER_PLATFORM) {
  const seen = new Map<string, Set<string>>();
  return (platform: string, path: string): string => {
    const shape = endpointShape(path);
    let shapes = seen.get(platform);
    if (!shapes) seen.set(platform, (shapes = new Set()));
    if (shapes.has(shape)) return shape;
    if (shapes.size >= max) return '{other}';
    shapes.add(shape);
    return shape;
  };
}
