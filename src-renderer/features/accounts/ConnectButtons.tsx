import { useEffect } from 'react';
import { PROVIDERS, type ProviderId } from '../../../src-shared/platforms';
import { PlatformLogo } from '../../components/PlatformLogo';
import { LimitNotice } from '../plan/LimitNotice';
import { roomFor } from '../plan/plan-words';
import { usePlan } from '../plan/use-plan';
import { isRunning, useConnect } from './connect-store';
import { useConnectAction } from './use-connect';

const INSTAGRAM_HELP =
  'Instagram has no developer-app credentials yet: add an Instagram Login app, or a Facebook app for the Facebook Page path, in Settings → Platforms.';

interface ConnectButton {
  label: string;
  provider: ProviderId;
  /** Whose account this way connects, shown under the button (its name stays "Connect …"). */
  forWhom?: string;
  /** Set when clicking can only explain what is missing. */
  help?: string;
}

/** Instagram's two ways, in the words of who each is for. */
const INSTAGRAM_FOR_WHOM = {
  instagram: 'Professional account',
  facebook: 'Through a Facebook Page',
} as const;

/** One button per platform, plus the Facebook Page path for Instagram when it has credentials. */
export function ConnectButtons() {
  const { providers, attempts, explainNotConfigured } = useConnect();
  const connect = useConnectAction();
  const { status: plan, load: loadPlan, follow: followPlan, explain } = usePlan();
  useEffect(() => {
    void loadPlan();
    return followPlan();
  }, [loadPlan, followPlan]);
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
          forWhom: INSTAGRAM_FOR_WHOM.instagram,
          ...(instagramLogin ? {} : { help: INSTAGRAM_HELP }),
        }
      : { label: 'Connect Instagram', provider: 'facebook', forWhom: INSTAGRAM_FOR_WHOM.facebook },
    ...(facebookPage
      ? [
          {
            label: 'Connect Instagram via Facebook Page',
            provider: 'facebook' as const,
            forWhom: INSTAGRAM_FOR_WHOM.facebook,
          },
        ]
      : []),
    { label: 'Connect TikTok', provider: 'tiktok' },
    { label: 'Connect X', provider: 'x' },
  ];

  return (
    <>
      <div className="connect-bar" role="group" aria-label="Connect an account">
        {buttons.map(({ label, provider, forWhom, help }) => {
          const attempt = attempts[provider];
          const busy = attempt ? isRunning(attempt) : false;
          const platform = PROVIDERS[provider].platform;
          // The plan's room shows before any consent; at the limit the click explains instead.
          const room = roomFor(plan, platform);
          const roomId = `room-${provider}-${label.length}`;
          const forId = `for-${provider}-${label.length}`;
          const described = [forWhom ? forId : null, room ? roomId : null].filter(Boolean);
          const click = () => {
            if (help) explainNotConfigured(provider, help);
            else if (room?.full) explain(platform);
            else {
              explain(null);
              connect(provider);
            }
          };
          return (
            <span key={label} className="connect-item">
              <button
                type="button"
                className="connect-button"
                data-provider={provider}
                disabled={busy}
                aria-describedby={described.length > 0 ? described.join(' ') : undefined}
                onClick={click}
              >
                <PlatformLogo platform={platform} />
                {label}
              </button>
              {forWhom ? (
                <span id={forId} className="connect-for muted">
                  {forWhom}
                </span>
              ) : null}
              {room ? (
                <span id={roomId} className="connect-room muted" data-testid="connect-room">
                  {room.caption}
                </span>
              ) : null}
            </span>
          );
        })}
      </div>
      <LimitNotice />
    </>
  );
}
