import { spawn } from 'node:child_process';
import { offlineOriginsFile } from '../support/offline-origins';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundleChild, exitOf } from '../support/child-script';
import { tempDir } from '../support/test-host';
import { modeOf } from '../support/open-umask-dir';

// The real serve CLI, in its own process, under umask 000: proves the start-up order (the folder
// is made private before conf or SQLite touches it) and the damaged-settings recovery end to end.
let cli: string;
beforeAll(async () => {
  cli = await bundleChild(new URL('../../src-main/serve/cli.ts', import.meta.url));
});

/** Starts serve mode under umask 000, runs `whileReady`, stops it; resolves its output. */
async function runServe(
  args: string[],
  configHome: string,
  whileReady: () => void = () => {},
): Promise<string> {
  const umask = process.umask(0);
  const child = spawn(process.execPath, [cli, '--port', '0', '--metrics-port', '0', ...args], {
    env: {
      ...process.env,
      XDG_CONFIG_HOME: configHome,
      SWITCHBOARD_VAULT_PASSPHRASE: 'a long enough test passphrase',
      SWITCHBOARD_PLATFORM_ORIGINS: offlineOriginsFile(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process.umask(umask);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Switchboard is ready at')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  try {
    whileReady();
  } finally {
    child.kill('SIGTERM');
    await exitOf(child);
  }
  return output;
}

/** Every file Switchboard left in the folder, with its mode. */
const fileModes = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((name) => [name, modeOf(join(dir, name))]));

describe('serve start-up and the data folder', () => {
  let root: ReturnType<typeof tempDir>;
  beforeEach(() => {
    root = tempDir();
  });
  afterEach(() => root.remove());

  it('creates the default folder 0700 and every file in it 0600, under umask 000', async () => {
    const dataDir = join(root.path, 'Switchboard');
    const seen: Record<string, number>[] = [];
    await runServe([], root.path, () => seen.push(fileModes(dataDir)));
    seen.push(fileModes(dataDir));
    expect(modeOf(dataDir)).toBe(0o700);
    // While running, the vault's write-ahead log is there too.
    expect(Object.keys(seen[0]!)).toEqual(
      expect.arrayContaining(['vault.sqlite', 'vault.sqlite-wal']),
    );
    for (const modes of seen) {
      for (const [name, mode] of Object.entries(modes)) expect(mode, name).toBe(0o600);
    }
  });

  it('tightens an open default folder and starts despite a damaged settings file', async () => {
    const dataDir = join(root.path, 'Switchboard');
    mkdirSync(dataDir, { mode: 0o755 });
    writeFileSync(join(dataDir, 'settings.json'), '{', { mode: 0o666 });
    const output = await runServe([], root.path);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(output).toContain(`data folder ${dataDir} could be read by other users (mode 0755)`);
    expect(output).toContain(`settings file ${join(dataDir, 'settings.json')} was set aside`);
    const modes = fileModes(dataDir);
    expect(Object.keys(modes).some((name) => name.startsWith('settings.json.damaged-'))).toBe(true);
    for (const [name, mode] of Object.entries(modes)) expect(mode, name).toBe(0o600);
  });

  it('leaves a folder named with --data-dir open as it is, and warns', async () => {
    const dataDir = join(root.path, 'shared');
    mkdirSync(dataDir, { mode: 0o755 });
    const output = await runServe(['--data-dir', dataDir], root.path);
    expect(modeOf(dataDir)).toBe(0o755);
    expect(output).toContain(`data folder ${dataDir} can be read by other users (mode 0755)`);
    for (const [name, mode] of Object.entries(fileModes(dataDir))) expect(mode, name).toBe(0o600);
  });
});
