import { beforeEach, describe, expect, it } from 'vitest';
import { electronDouble, electronModule } from '../support/electron-double';

// The double must be as permissive as Electron where Electron is permissive: otherwise a shell
// that forgot a guard would still pass the behaviour tests, because the double did the guarding.
const { app, BrowserWindow, protocol, safeStorage, session } = electronModule;
beforeEach(() => electronDouble.reset());

describe('the electron double behaves like Electron', () => {
  it('navigates, redirects, opens windows and attaches webviews when nobody prevents it', () => {
    const window = new BrowserWindow({});
    expect(window.webContents.simulateNavigate('https://evil.example/')).toBe(true);
    expect(window.webContents.url).toBe('https://evil.example/');
    expect(window.webContents.simulateRedirect('https://evil.example/2')).toBe(true);
    expect(window.webContents.simulateWindowOpen('https://evil.example/')).not.toBeNull();
    expect(window.webContents.simulateAttachWebview('https://evil.example/')).toBe(true);
    window.webContents.on('will-navigate', (event: { preventDefault(): void }) =>
      event.preventDefault(),
    );
    expect(window.webContents.simulateNavigate('https://other.example/')).toBe(false);
    expect(window.webContents.url).toBe('https://evil.example/2');
  });

  it('grants permissions when no handler is set', async () => {
    expect(await session.defaultSession.simulatePermissionRequest(null, 'media')).toBe(true);
    expect(session.defaultSession.simulatePermissionCheck(null, 'media', 'app://x')).toBe(true);
  });

  it("encrypts with basic_text (Chromium's fixed key) as readily as with a keyring", async () => {
    electronDouble.fireReady();
    electronDouble.state.backend = 'basic_text';
    const blob = await safeStorage.encryptStringAsync('secret');
    expect((await safeStorage.decryptStringAsync(blob)).result).toBe('secret');
    expect(safeStorage.getSelectedStorageBackend()).toBe('basic_text');
  });

  it('quits unless before-quit prevents it, and enforces the ready ordering of protocol', () => {
    expect(() => protocol.handle('app', () => new Response())).toThrow(/before the app is ready/);
    electronDouble.fireReady();
    expect(() => protocol.registerSchemesAsPrivileged([])).toThrow(/before ready/);
    app.once('before-quit', (event: { preventDefault(): void }) => event.preventDefault());
    app.quit();
    expect(electronDouble.state.quitted).toBe(false);
    app.quit();
    expect(electronDouble.state.quitted).toBe(true);
  });
});
