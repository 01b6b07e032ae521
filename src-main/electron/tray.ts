import { join } from 'node:path';
import { Menu, nativeImage, Tray } from 'electron';
import type { TrayStatus } from '../core/host';

export interface StatusTray {
  setStatus(status: TrayStatus, tooltip: string): void;
  destroy(): void;
}

/** A tray icon whose colour and tooltip follow the overall status (icons in resources/). */
export function createStatusTray(
  resourcesDir: string,
  actions: { open(): void; quit(): void },
): StatusTray {
  const icon = (status: TrayStatus) =>
    nativeImage.createFromPath(join(resourcesDir, `tray-${status}.png`));
  const tray = new Tray(icon('ok'));
  tray.setToolTip('Switchboard');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Switchboard', click: actions.open },
      { type: 'separator' },
      { label: 'Quit Switchboard', click: actions.quit },
    ]),
  );
  tray.on('click', actions.open);
  return {
    setStatus(status, tooltip) {
      tray.setImage(icon(status));
      tray.setToolTip(`Switchboard — ${tooltip}`);
    },
    destroy: () => tray.destroy(),
  };
}
