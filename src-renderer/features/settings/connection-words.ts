import type { ProviderStatus } from '../../../src-shared/connect';

/**
 * Which way a platform connects, in the words Settings → Platforms shows: the creator's own
 * developer app, or the one built into this copy (and, for Meta and TikTok, the publisher's relay
 * that holds its secret).
 */
export function connectionWords(status: ProviderStatus): string {
  if (!status.configured || !status.source)
    return 'Not set up yet: enter your own developer app below.';
  if (status.source === 'build')
    return status.relayHost
      ? `Switchboard’s app, through ${status.relayHost}`
      : 'Switchboard’s app, built into this copy';
  return `Your own app (${status.source === 'settings' ? 'from Settings' : 'from the environment'})`;
}
