/**
 * What only the host (the Electron shell or serve mode) can give the core. The core never
 * imports electron; it receives these capabilities through this one interface.
 */
export interface Host {
  readonly mode: 'desktop' | 'serve' | 'demo';
  /** Opens a URL in the system browser (the OAuth authorize page). */
  openExternal(url: string): Promise<void>;
  /**
   * Shows a desktop notification (serve mode logs it instead). With `accountId`, clicking it
   * opens the window on that account: an account's alert is about something to fix there.
   */
  notify(notification: { title: string; body: string; accountId?: string }): void;
  /** Reflects the overall status in the tray icon and tooltip. */
  setTrayStatus(status: TrayStatus, tooltip: string): void;
  /** Wraps and unwraps the vault's data key (safeStorage, passphrase or an environment key). */
  readonly keyProtector: KeyProtector;
  /** Persists user settings (electron-store on desktop, conf in serve mode). */
  readonly settings: SettingsStore;
  /**
   * Calls `listener` when the machine wakes from sleep (Electron's powerMonitor `resume`), so
   * refreshes due during the sleep run at once; returns the unsubscribe. Serve mode has none.
   */
  onResume?(listener: () => void): () => void;
  /**
   * Where this install's bundled `switchboard` command is (a real file, outside any archive),
   * for Settings → Tools' "Install the command"; absent when the build carries none.
   */
  readonly commandEntry?: string;
  /** Starts Switchboard when the creator logs in (the launchAtLogin setting). Desktop only. */
  setLaunchAtLogin?(enabled: boolean): void;
}

export type TrayStatus = 'ok' | 'warning' | 'error';

export interface KeyProtector {
  /** Names the mechanism for health output and the About panel, e.g. `safeStorage:gnome_libsecret`. */
  readonly kind: string;
  /** Whether wrapping and unwrapping works right now; never throws. */
  isAvailable(): Promise<boolean>;
  wrap(dataKey: Buffer): Promise<Buffer>;
  /** Throws AppError `vault_wrong_key` when the wrapped key was made by another key or passphrase. */
  unwrap(wrapped: Buffer): Promise<Buffer>;
}

export interface SettingsStore {
  /** The stored values as found on disk; the core validates them and fills in defaults. */
  load(): Record<string, unknown>;
  save(values: Record<string, unknown>): void;
}
