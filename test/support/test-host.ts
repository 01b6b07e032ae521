import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Host, SettingsStore, TrayStatus } from '../../src-main/core/host';
import { createLogger, type Logger } from '../../src-main/core/logger';
import { rawKeyProtector } from '../../src-main/core/vault/key-protectors';

/** A settings store in memory that counts writes, so tests can prove a refused call wrote nothing. */
export function memorySettingsStore(initial: Record<string, unknown> = {}) {
  let values = { ...initial };
  const store: SettingsStore & { writes: number; values(): Record<string, unknown> } = {
    writes: 0,
    load: () => ({ ...values }),
    save(next) {
      store.writes += 1;
      values = { ...next };
    },
    values: () => ({ ...values }),
  };
  return store;
}

/** A host like serve mode's, with everything it did recorded for assertions. */
export function recordingHost(settings = memorySettingsStore()) {
  const opened: string[] = [];
  const notifications: { title: string; body: string }[] = [];
  const tray: { status: TrayStatus; tooltip: string }[] = [];
  const host: Host = {
    mode: 'serve',
    keyProtector: rawKeyProtector(randomBytes(32).toString('hex')),
    settings,
    openExternal: async (url) => {
      opened.push(url);
    },
    notify: (notification) => notifications.push(notification),
    setTrayStatus: (status, tooltip) => tray.push({ status, tooltip }),
  };
  return { host, settings, opened, notifications, tray };
}

/** A logger that keeps its lines, for tests that prove nothing secret is logged. */
export function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createLogger((line) => lines.push(line)),
    { lines },
  );
}

/**
 * A RAM-backed folder where there is one (/dev/shm): SQLite's fsyncs cost nothing there. For
 * long runs on a fake clock whose checks are about what is stored, not about surviving a power
 * cut (a killed process loses nothing the kernel already has, on any file system).
 */
function memoryDir(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** A fresh folder under the temp dir (or RAM with `memory`), removed by `remove()`. */
export function tempDir(
  prefix = 'switchboard-test-',
  options: { memory?: boolean } = {},
): { path: string; remove(): void } {
  const path = mkdtempSync(join(options.memory ? memoryDir() : tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
