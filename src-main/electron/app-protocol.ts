import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { RENDERER_HEADERS, resolveAsset } from '../core/static-assets';
import { APP_HOST, APP_SCHEME } from './ipc-channels';

/** Must run before the app is ready: app:// behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer at app://switchboard/ with the same CSP as serve mode. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const asset = url.host === APP_HOST ? resolveAsset(rendererDir, url.pathname) : null;
    if (!asset) return new Response('Not found', { status: 404 });
    return new Response(await readFile(asset.filePath), {
      headers: { ...RENDERER_HEADERS, 'Content-Type': asset.contentType },
    });
  });
}
