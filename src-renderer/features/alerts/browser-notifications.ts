import { useEffect, useState } from 'react';
import type { AccountAlert } from '../../../src-shared/alerts';
import { on } from '../../ipc';
import { useNavigation } from '../../navigation-store';
import { alertText } from './alert-list';

/**
 * Serve mode only: the desktop app's main process already shows the OS notification. In a
 * browser the page must ask first, and asks only when the creator presses the button.
 */
export function browserCanNotify(): boolean {
  return typeof window !== 'undefined' && !window.switchboard && 'Notification' in window;
}

/** The browser's answer so far ('default': not asked yet), and the way to ask. */
export function useNotificationPermission() {
  const [permission, setPermission] = useState<NotificationPermission | null>(() =>
    browserCanNotify() ? Notification.permission : null,
  );
  const ask = async () => setPermission(await Notification.requestPermission());
  return { permission, ask };
}

/** Shows each alert as a browser notification once allowed; a click opens the account. */
export function useBrowserNotifications(): void {
  const openAccount = useNavigation((state) => state.openAccount);
  useEffect(() => {
    if (!browserCanNotify()) return undefined;
    return on('alerts.raised', (alert: AccountAlert) => {
      if (alert.kind === 'test' || Notification.permission !== 'granted') return;
      const notification = new Notification('Switchboard', {
        body: alertText(alert),
        tag: `account-${alert.accountId}`,
      });
      notification.onclick = () => {
        window.focus();
        openAccount(alert.accountId);
      };
    });
  }, [openAccount]);
}
