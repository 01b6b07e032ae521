import { join } from 'node:path';

/** The bundled command's real file: inside a packaged app, the unpacked copy beside app.asar. */
export function commandEntryOf(distDir: string): string {
  return join(distDir, 'cli', 'switchboard.mjs').replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
}
