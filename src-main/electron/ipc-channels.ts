/** The two raw Electron IPC channels every contract call and event travels on. */
export const INVOKE_CHANNEL = 'switchboard:invoke';
export const EVENT_CHANNEL = 'switchboard:event';

/** Origin of the renderer, served by the app:// protocol handler. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
