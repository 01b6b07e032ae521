import { fileURLToPath } from 'node:url';
import { runDesktop } from './desktop-app';

// The bundle lives at dist/electron/main.mjs; the renderer and preload sit beside it in dist/.
runDesktop({ argv: process.argv, distDir: fileURLToPath(new URL('..', import.meta.url)) });
