// Inlined at build time by esbuild/vite (scripts/build-info.mjs), so a packaged app reports the
// version and commit it was built from without reading package.json or git at run time.
declare const __SWITCHBOARD_VERSION__: string;
declare const __SWITCHBOARD_COMMIT__: string;

export const PRODUCT_NAME = 'Switchboard';

/** The one version-info service: app.info, /health and /metrics all read this. */
export interface VersionInfo {
  productName: string;
  version: string;
  commit: string;
}

export function builtVersionInfo(): VersionInfo {
  return {
    productName: PRODUCT_NAME,
    version: typeof __SWITCHBOARD_VERSION__ === 'string' ? __SWITCHBOARD_VERSION__ : '0.0.0-dev',
    commit: typeof __SWITCHBOARD_COMMIT__ === 'string' ? __SWITCHBOARD_COMMIT__ : 'unknown',
  };
}
