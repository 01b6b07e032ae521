import { useNotificationPermission } from './browser-notifications';

const WORDS: Record<NotificationPermission, string> = {
  granted: 'This browser shows a notification when an account needs you.',
  denied:
    'This browser blocks Switchboard’s notifications; allow them in the site settings to get them.',
  default: 'This browser can also show a notification when an account needs you.',
};

/**
 * Serve mode: the browser's own notifications, asked for only when the creator presses the
 * button (never on load). The desktop app shows the system's notification instead.
 */
export function BrowserNotificationSetting() {
  const { permission, ask } = useNotificationPermission();
  if (permission === null) return null;
  return (
    <div className="browser-notifications">
      <p className="muted small" data-testid="browser-notifications">
        {WORDS[permission]}
      </p>
      {permission === 'default' ? (
        <button type="button" onClick={() => void ask()}>
          Turn on browser notifications
        </button>
      ) : null}
    </div>
  );
}
