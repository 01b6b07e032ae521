import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectSession } from '../../src-shared/connect';
import { electronDouble, electronModule } from '../support/electron-double';
import { launchDesktop } from '../support/electron-shell';
import { tempDir } from '../support/test-host';

// What a packaged build refuses that a development build allows: debugging switches, and the
// platform origin table (a test hook that would send codes, tokens and secrets elsewhere).
vi.mock('electron', async () => (await import('../support/electron-double')).electronModule);
vi.mock('electron-store', async () => ({
  default: (await import('../support/electron-double')).ElectronStoreDouble,
}));

const { BrowserWindow } = electronModule;
const STAND_IN = 'http://127.0.0.1:9';
const IGNORED = /platform origin table ignored/;

let desktop: ReturnType<typeof launchDesktop> | null = null;
const folders: ReturnType<typeof tempDir>[] = [];
afterEach(async () => {
  await desktop?.shutdown();
  desktop = null;
  for (const folder of folders.splice(0)) folder.remove();
});

/** An origin table that sends Google's sign-in page to a plain-http stand-in. */
function originTable(): string {
  const folder = tempDir('switchboard-origins-');
  folders.push(folder);
  const file = join(folder.path, 'origins.json');
  writeFileSync(file, JSON.stringify({ 'https://accounts.google.com': STAND_IN }));
  return file;
}

/** Where the app sends the creator to sign in to YouTube. */
async function signInOrigin(): Promise<string> {
  const core = (await desktop!.run.started)!;
  const set = await core.dispatch('platforms.setCredentials', {
    provider: 'youtube',
    clientId: 'desktop-client',
    clientSecret: 'GOCSPX-test',
  });
  expect(set.ok).toBe(true);
  const session = await core.dispatch('accounts.connect', { provider: 'youtube' });
  if (!session.ok) throw new Error(session.error.message);
  const { connectId, authorizeUrl } = session.value as ConnectSession;
  await core.dispatch('accounts.cancelConnect', { connectId });
  return new URL(authorizeUrl).origin;
}

describe('a packaged build refuses debugging switches', () => {
  const switches = [
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-port', '9222'],
    ['--remote-debugging-pipe'],
    ['-remote-debugging-port=9222'],
    ['--Remote-Debugging-Port=9222'],
    ['--inspect'],
    ['--inspect-brk=9229'],
    ['--inspect-port=9229'],
  ];
  for (const args of switches) {
    it(`exits with status 1 before opening anything: ${args.join(' ')}`, async () => {
      desktop = launchDesktop({ packaged: true, args });
      expect(await desktop.run.started).toBeNull();
      expect(electronDouble.state.exitCode).toBe(1);
      expect(BrowserWindow.getAllWindows()).toHaveLength(0);
      expect(electronDouble.state.trays).toHaveLength(0);
      // Not even the data folder was touched.
      expect(existsSync(join(desktop.dir.path, 'data'))).toBe(false);
      expect(desktop.log.lines.join('\n')).toMatch(
        /will not start with --(remote-debugging|inspect)/,
      );
    });
  }

  it('starts normally with look-alike arguments', async () => {
    desktop = launchDesktop({
      packaged: true,
      args: ['--inspector-theme', 'remote-debugging-port'],
    });
    expect(await desktop.run.started).not.toBeNull();
    expect(electronDouble.state.exitCode).toBeNull();
  });

  it('a development build still starts with them', async () => {
    desktop = launchDesktop({ args: ['--remote-debugging-port=9222', '--inspect'] });
    expect(await desktop.run.started).not.toBeNull();
    expect(electronDouble.state.exitCode).toBeNull();
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
  });
});

describe('the platform origin table', () => {
  it('a development build honours --platform-origins and the environment variable', async () => {
    desktop = launchDesktop({ args: ['--platform-origins', originTable()] });
    expect(await signInOrigin()).toBe(STAND_IN);
    await desktop.shutdown();
    desktop = launchDesktop({ env: { SWITCHBOARD_PLATFORM_ORIGINS: originTable() } });
    expect(await signInOrigin()).toBe(STAND_IN);
    expect(desktop.log.lines.join('\n')).not.toMatch(IGNORED);
  });

  it('a packaged build ignores the flag, saying so in one log line, and signs in at Google', async () => {
    desktop = launchDesktop({ packaged: true, args: ['--platform-origins', originTable()] });
    expect(await signInOrigin()).toBe('https://accounts.google.com');
    expect(desktop.log.lines.filter((line) => IGNORED.test(line))).toHaveLength(1);
  });

  it('a packaged build ignores the environment variable, without even reading the file', async () => {
    const folder = tempDir('switchboard-origins-');
    folders.push(folder);
    const broken = join(folder.path, 'broken.json');
    writeFileSync(broken, 'not json');
    desktop = launchDesktop({ packaged: true, env: { SWITCHBOARD_PLATFORM_ORIGINS: broken } });
    expect(await signInOrigin()).toBe('https://accounts.google.com');
    expect(desktop.log.lines.filter((line) => IGNORED.test(line))).toHaveLength(1);
    // The same file stops a development build: it is read there.
    await desktop.shutdown();
    desktop = launchDesktop({ env: { SWITCHBOARD_PLATFORM_ORIGINS: broken } });
    expect(await desktop.run.started).toBeNull();
    expect(electronDouble.state.errorBoxes.map((box) => box.content).join()).toMatch(
      /not valid JSON/,
    );
  });
});
