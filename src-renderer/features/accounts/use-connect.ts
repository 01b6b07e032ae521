import type { ProviderId } from '../../../src-shared/platforms';
import { useConnect } from './connect-store';
import { openSignInTab } from './sign-in-tab';

/**
 * The click handler behind every Connect and Reconnect button. A provider known to lack
 * credentials is explained instead of started. In serve and demo mode a tab opens during the
 * click (popup blockers allow only that) and follows the sign-in link once main answers; on the
 * desktop main opens the system browser and the page opens nothing.
 */
export function useConnectAction(): (provider: ProviderId, accountId?: string | null) => void {
  const { mode, providers, start, explainNotConfigured } = useConnect();
  return (provider, accountId = null) => {
    const status = providers?.find((item) => item.id === provider);
    if (status && !status.configured) {
      // The provider's own hint is worded for Settings ("the URI below"); here, say where to go.
      explainNotConfigured(
        provider,
        `${status.displayName} has no developer-app credentials yet; add them in Settings → Platforms.`,
      );
      return;
    }
    const tab = mode === 'serve' || mode === 'demo' ? openSignInTab() : null;
    void start(provider, accountId).then((session) => {
      if (!tab) return;
      if (session?.stage === 'waiting_for_browser') tab.go(session.authorizeUrl);
      else tab.close();
    });
  };
}
