import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

// The Electron binary cannot run here, so the shell is audited statically: these are the
// settings and wiring Electron's security checklist asks for, read from the source itself.
const root = fileURLToPath(new URL('../..', import.meta.url));
const shellDir = join(root, 'src-main/electron');
const read = (file: string) => readFileSync(join(shellDir, file), 'utf8');
const allMain = () =>
  readdirSync(join(root, 'src-main'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => ({ file, text: readFileSync(join(root, 'src-main', file), 'utf8') }));

describe('Electron shell audit', () => {
  it('creates the window isolated, sandboxed, without Node, with web security on', () => {
    const window = read('window.ts');
    for (const setting of [
      'contextIsolation: true',
      'sandbox: true',
      'nodeIntegration: false',
      'webSecurity: true',
      'webviewTag: false',
    ]) {
      expect(window, setting).toContain(setting);
    }
    for (const { file, text } of allMain()) {
      expect(text, file).not.toMatch(
        /nodeIntegration(InSubFrames|InWorker)?:\s*true|webSecurity:\s*false|allowRunningInsecureContent:\s*true|contextIsolation:\s*false|sandbox:\s*false/,
      );
      expect(text, file).not.toMatch(/@electron\/remote|enableRemoteModule/);
    }
  });

  it('denies navigation, new windows and permission requests', () => {
    const window = read('window.ts');
    expect(window).toMatch(/on\('will-navigate'/);
    expect(window).toMatch(/on\('will-redirect'/);
    expect(window).toMatch(/setWindowOpenHandler\([\s\S]*action: 'deny'/);
    expect(window).toMatch(/setPermissionRequestHandler\([^)]*\) => callback\(false\)/);
    expect(window).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
  });

  it('loads the renderer from app:// with the shared CSP, never from file://', () => {
    const protocol = read('app-protocol.ts');
    expect(protocol).toContain('protocol.handle(APP_SCHEME');
    expect(protocol).toContain('RENDERER_HEADERS');
    expect(protocol).toContain('resolveAsset(');
    for (const { file, text } of allMain()) {
      expect(text, file).not.toMatch(/loadFile\(|loadURL\(['"`]file:/);
    }
    expect(read('window.ts')).toContain('loadURL(`${APP_ORIGIN}/index.html`)');
  });

  it('keeps raw IPC in two files: the bridge (with its sender check) and the preload', () => {
    for (const { file, text } of allMain()) {
      if (file !== 'electron/ipc-bridge.ts')
        expect(text, file).not.toMatch(/ipcMain\.(handle|on|once)\(/);
      if (file !== 'electron/preload.ts') expect(text, file).not.toMatch(/ipcRenderer\./);
    }
    expect(read('ipc-bridge.ts')).toMatch(
      /if \(!isTrustedSender\(event\)\) return failure\('forbidden_sender'\)/,
    );
    const preload = read('preload.ts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toContain("exposeInMainWorld('switchboard', bridge)");
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });

  it('runs one instance, with a tray, and settings in electron-store', () => {
    expect(read('desktop-app.ts')).toContain('app.requestSingleInstanceLock()');
    expect(read('desktop-app.ts')).toContain('createStatusTray(');
    expect(read('electron-host.ts')).toContain("from 'electron-store'");
  });
});
