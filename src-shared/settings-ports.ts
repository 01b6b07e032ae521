import { PROVIDERS, type ProviderId } from './platforms';
import type { Settings } from './settings';

/**
 * Where two of Switchboard's own listeners would want one port (two sign-in ports alike, or the
 * metrics server on a sign-in port), the sentence saying so; null when every port is its own.
 * Saved, such a setting only failed later, at connect time, blaming "another program" (which was
 * Switchboard). 0 (a free port each launch) never clashes. Core refuses with it; Settings shows
 * it as the creator types.
 */
export function portConflict(
  settings: Pick<Settings, 'redirectPorts' | 'metricsEnabled' | 'metricsPort'>,
): string | null {
  const owners = new Map<number, string>();
  const claims: [number, string][] = Object.entries(settings.redirectPorts).map(
    ([provider, port]) => [port, `${PROVIDERS[provider as ProviderId].displayName}'s sign-in port`],
  );
  if (settings.metricsEnabled) claims.push([settings.metricsPort, 'the metrics port']);
  for (const [port, owner] of claims) {
    if (port === 0) continue;
    const earlier = owners.get(port);
    if (earlier)
      return `Port ${port} would be both ${earlier} and ${owner}; choose a different port for each.`;
    owners.set(port, owner);
  }
  return null;
}
