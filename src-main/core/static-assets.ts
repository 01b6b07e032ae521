import { existsSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

/**
 * One policy for the renderer, whichever way it is served (Electron's app:// protocol or serve
 * mode's HTTP): no inline code, no foreign scripts, no framing, and no picture from the internet:
 * avatars come from main as data: URLs (`accounts.avatar`, fetched and kept in the data folder).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const RENDERER_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface Asset {
  filePath: string;
  contentType: string;
}

/**
 * Maps a URL path to a file inside the built renderer, or null. Paths that escape the folder
 * (`..`, encoded slashes, NUL) are refused; extension-less paths fall back to index.html so
 * the single-page app can own its routes.
 */
export function resolveAsset(rootDir: string, urlPath: string): Asset | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const root = resolve(rootDir);
  const relative = decoded === '/' || decoded === '' ? '/index.html' : decoded;
  const filePath = resolve(root, `.${relative}`);
  if (filePath !== root && !filePath.startsWith(root + sep)) return null;
  const ext = extname(filePath);
  if (existsSync(filePath) && statSync(filePath).isFile()) {
    return { filePath, contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream' };
  }
  if (ext === '') {
    const index = resolve(root, 'index.html');
    if (existsSync(index)) return { filePath: index, contentType: CONTENT_TYPES['.html']! };
  }
  return null;
}
