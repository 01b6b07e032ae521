// Bundles the main-process entry points (Electron shell, preload, serve CLI) with esbuild.
// npm packages stay external: they are installed beside the app and packed by electron-builder.
import { build } from 'esbuild';
import { buildInfoDefines } from './build-info.mjs';
import { BuildCredentialsError, checkBuildCredentials } from './build-credentials.mjs';

// A publisher's developer apps (JSON by provider, plus their relay), checked before anything is
// built: a Meta or TikTok secret is refused, since anyone can read it out of an installer.
let buildCredentials;
try {
  buildCredentials = checkBuildCredentials(process.env.SWITCHBOARD_BUILD_CREDENTIALS);
} catch (error) {
  if (!(error instanceof BuildCredentialsError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  define: {
    ...buildInfoDefines(),
    // A publisher may embed their developer apps (JSON by provider); main process only, never the renderer.
    ...(buildCredentials
      ? { __SWITCHBOARD_BUILD_CREDENTIALS__: JSON.stringify(buildCredentials) }
      : {}),
    // A publisher's licence public keys (JSON: key id → raw Ed25519 key) and where plans are sold.
    ...(process.env.SWITCHBOARD_BUILD_LICENCE_KEYS
      ? {
          __SWITCHBOARD_LICENCE_KEYS__: JSON.stringify(process.env.SWITCHBOARD_BUILD_LICENCE_KEYS),
        }
      : {}),
    ...(process.env.SWITCHBOARD_BUILD_PLANS_URL
      ? { __SWITCHBOARD_PLANS_URL__: JSON.stringify(process.env.SWITCHBOARD_BUILD_PLANS_URL) }
      : {}),
  },
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['src-main/serve/cli.ts'],
    outfile: 'dist/serve/cli.mjs',
    format: 'esm',
  }),
  // Demo mode bundles the simulated platforms of src-main/demo; it is never packed into an installer.
  build({
    ...common,
    entryPoints: ['src-main/serve/demo.ts'],
    outfile: 'dist/serve/demo.mjs',
    format: 'esm',
  }),
  // The `switchboard` command is self-contained (its few packages bundled in), so it runs from
  // anywhere, outside the app's asar archive too.
  build({
    ...common,
    packages: undefined,
    entryPoints: ['src-main/cli/switchboard.ts'],
    outfile: 'dist/cli/switchboard.mjs',
    format: 'esm',
    sourcemap: false,
  }),
  build({
    ...common,
    entryPoints: ['src-main/electron/main.ts'],
    outfile: 'dist/electron/main.mjs',
    format: 'esm',
  }),
  // A sandboxed preload may only require('electron'), so it is a self-contained CommonJS file.
  build({
    ...common,
    entryPoints: ['src-main/electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
  }),
]);
