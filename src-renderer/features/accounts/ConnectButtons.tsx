import type { ProviderId } from '../../../src-shared/platforms';
import { isRunning, useConnect } from './connect-store';
import { useConnectAction } from './use-connect';

const INSTAGRAM_HELP =
  'Instagram has no developer-app credentials yet: add an Instagram Login app, or a Facebook app for the Facebook Page path, in Settings → Platforms.';

interface ConnectButton {
  label: string;
  provider: ProviderId;
  /** Set when clicking can only explain what is missing. */
  help?: string;
}

/** One button per platform, plus the Facebook Page path for Instagram when it has credentials. */
export function ConnectButtons() {
  const { providers, attempts, explainNotConfigured } = useConnect();
  const connect = useConnectAction();
  // Unknown (list not answered yet) counts as configured: main then says what is missing.
  const configured = (id: ProviderId) =>
    providers?.find((item) => item.id === id)?.configured ?? providers === null;

  const instagramLogin = configured('instagram');
  const facebookPage = providers !== null && configured('facebook');
  const buttons: ConnectButton[] = [
    { label: 'Connect YouTube', provider: 'youtube' },
    instagramLogin || !facebookPage
      ? {
          label: 'Connect Instagram',
          provider: 'instagram',
          ...(instagramLogin ? {} : { help: INSTAGRAM_HELP }),
        }
      : { label: 'Connect Instagram', provider: 'facebook' },
    ...(facebookPage
      ? [{ label: 'Connect Instagram via Facebook Page', provider: 'facebook' as const }]
      : []),
    { label: 'Connect TikTok', provider: 'tiktok' },
    { label: 'Connect X', provider: 'x' },
  ];

  return (
    <div className="connect-bar" role="group" aria-label="Connect an account">
      {buttons.map(({ label, provider, help }) => {
        const attempt = attempts[provider];
        const busy = attempt ? isRunning(attempt) : false;
        return (
          <button
            key={label}
            type="button"
            className="connect-button"
            data-provider={provider}
            disabled={busy}
            onClick={() => (help ? explainNotConfigured(provider, help) : connect(provider))}
          >
            {label}
          </button>
        );
      })}
    </div>
  );
}
