import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The licence key file in the data folder, beside the vault and the settings. */
export const LICENCE_FILE = 'licence.key';

/**
 * Where the entered key is kept: as text, exactly as verified. Nothing here is trusted: every
 * read is verified again (plan-service.ts), so editing this file can only lose a plan.
 */
export interface LicenceStore {
  read(): string | null;
  write(key: string): void;
  remove(): void;
}

export function fileLicenceStore(dataDir: string): LicenceStore {
  const file = join(dataDir, LICENCE_FILE);
  return {
    read() {
      try {
        return readFileSync(file, 'utf8').slice(0, 8_192);
      } catch {
        return null;
      }
    },
    write(key) {
      // Whole or not at all: a crash mid-write must not leave half a key behind.
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${key}\n`, { mode: 0o600 });
      renameSync(temporary, file);
    },
    remove() {
      rmSync(file, { force: true });
    },
  };
}
