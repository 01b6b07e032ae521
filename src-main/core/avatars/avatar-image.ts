/** The picture formats an avatar may be; SVG never (it is a document that can carry script). */
export type AvatarType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

export const AVATAR_EXTENSIONS: Record<AvatarType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

const startsWith = (bytes: Uint8Array, at: number, text: string) =>
  [...text].every((char, index) => bytes[at + index] === char.charCodeAt(0));

/**
 * What the bytes are, by their magic number; null for anything else. The CDN's Content-Type is
 * not trusted: a CDN or a stand-in could label an SVG or an HTML page `image/png`.
 */
export function sniffAvatar(bytes: Uint8Array): AvatarType | null {
  if (startsWith(bytes, 0, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (startsWith(bytes, 0, 'GIF87a') || startsWith(bytes, 0, 'GIF89a')) return 'image/gif';
  if (startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP')) return 'image/webp';
  return null;
}

/** The type of a cached file from its extension, or null for a file that is not ours. */
export function typeOfExtension(extension: string): AvatarType | null {
  const found = Object.entries(AVATAR_EXTENSIONS).find(([, ext]) => ext === extension);
  return found ? (found[0] as AvatarType) : null;
}

/** `data:image/png;base64,…`: what the renderer puts in an <img> (CSP `img-src 'self' data:`). */
export function avatarDataUrl(type: AvatarType, bytes: Uint8Array): string {
  return `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
}
