import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/core/static-assets';
import { APP_ORIGIN } from '../../src-main/electron/ipc-channels';
import {
  electronDouble,
  electronModule,
  type BrowserWindowDouble,
} from '../support/electron-double';
import { launchDesktop } from '../support/electron-shell';

// The shell's window, session and app:// protocol, run for real against the electron double:
// events are fired and outcomes asserted, so a handler that prevents nothing fails here.
vi.mock('electron', async () => (await import('../support/electron-double')).electronModule);
vi.mock('electron-store', async () => ({
  default: (await import('../support/electron-double')).ElectronStoreDouble,
}));

let desktop: ReturnType<typeof launchDesktop>;
let window: BrowserWindowDouble;
beforeEach(async () => {
  desktop = launchDesktop();
  await desktop.run.started;
  window = electronModule.BrowserWindow.getAllWindows()[0]!;
  // The page loads through app:// asynchronously; ready-to-show follows did-finish-load.
  await vi.waitFor(() => expect(window.isVisible()).toBe(true));
});
afterEach(() => desktop.shutdown());

describe('the main window', () => {
  it('opens the renderer from app:// isolated, sandboxed and without Node', () => {
    expect(window.webContents.url).toBe(`${APP_ORIGIN}/index.html`);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('stays on the app: every navigation or redirect elsewhere is prevented', () => {
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:7481/',
      'file:///etc/passwd',
      'app://switchboard.evil.example/',
      'app://evil/index.html',
      'javascript:alert(1)',
    ]) {
      expect(window.webContents.simulateNavigate(url), url).toBe(false);
      expect(window.webContents.simulateRedirect(url), url).toBe(false);
      expect(window.webContents.url).toBe(`${APP_ORIGIN}/index.html`);
    }
    // Its own routes still work.
    expect(window.webContents.simulateNavigate(`${APP_ORIGIN}/settings`)).toBe(true);
  });

  it('opens no in-app window; https links go to the system browser, nothing else does', () => {
    const before = electronModule.BrowserWindow.getAllWindows().length;
    for (const url of [
      'https://studio.youtube.com/',
      'http://insecure.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://switchboard/index.html',
    ]) {
      expect(window.webContents.simulateWindowOpen(url), url).toBeNull();
    }
    expect(electronModule.BrowserWindow.getAllWindows()).toHaveLength(before);
    expect(electronDouble.state.opened).toEqual(['https://studio.youtube.com/']);
  });

  it('refuses to attach a <webview>', () => {
    expect(window.webContents.simulateAttachWebview('https://evil.example/')).toBe(false);
  });

  it('denies every permission request and check', async () => {
    const session = electronModule.session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid']) {
      expect(await session.simulatePermissionRequest(window.webContents, permission)).toBe(false);
      expect(session.simulatePermissionCheck(window.webContents, permission, APP_ORIGIN)).toBe(
        false,
      );
    }
  });
});

describe('the app:// protocol', () => {
  it('was registered as a secure standard scheme before ready', () => {
    expect(electronDouble.state.privileged).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
  });

  it("serves the renderer's files with the shared CSP", async () => {
    const page = await electronDouble.simulateRequest(`${APP_ORIGIN}/index.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const script = await electronDouble.simulateRequest(`${APP_ORIGIN}/assets/app.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    // The single-page app owns its routes.
    expect(await (await electronDouble.simulateRequest(`${APP_ORIGIN}/accounts`)).text()).toContain(
      '<title>Switchboard</title>',
    );
  });

  it('serves nothing outside the renderer folder, and nothing for another host', async () => {
    for (const url of [
      `${APP_ORIGIN}/..%2fsecret.txt`,
      `${APP_ORIGIN}/..%2f..%2fsecret.txt`,
      `${APP_ORIGIN}/assets/..%2f..%2f..%2fsecret.txt`,
      `${APP_ORIGIN}/%2e%2e/%2e%2e/secret.txt`,
      `${APP_ORIGIN}/..%5c..%5csecret.txt`,
      `${APP_ORIGIN}/index.html%00.js`,
      'app://elsewhere/index.html',
    ]) {
      const response = await electronDouble.simulateRequest(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('SECRET');
    }
  });
});
