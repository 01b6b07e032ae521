import type { ProviderId } from '../../../src-shared/platforms';

/**
 * What each platform's client id looks like, so a pasted value is checked before it is saved:
 * the commonest slips are pasting the secret, the app's name, a URL, or the other Meta app's id.
 * Lenient on purpose: a shape the platform might change is only required where it is documented.
 */
const ID_SHAPES: Record<ProviderId, { pattern: RegExp; sentence: string }> = {
  youtube: {
    pattern: /^[A-Za-z0-9-]+\.apps\.googleusercontent\.com$/,
    sentence:
      'A Google client id ends in .apps.googleusercontent.com (Credentials → your "Desktop app" client).',
  },
  instagram: {
    pattern: /^\d{6,24}$/,
    sentence:
      'An Instagram app ID is digits only (Instagram → API setup with Instagram login → Business login settings).',
  },
  facebook: {
    pattern: /^\d{6,24}$/,
    sentence: 'A Meta App ID is digits only (App settings → Basic).',
  },
  tiktok: {
    pattern: /^[A-Za-z0-9]{8,64}$/,
    sentence: 'A TikTok client key is letters and digits only (your app’s page, "Client key").',
  },
  x: {
    pattern: /^[A-Za-z0-9_-]{4,128}$/,
    sentence:
      'An X OAuth 2.0 Client ID is letters, digits, - and _ (User authentication settings; not the API key).',
  },
};

/** Why a typed client id cannot be this platform's, or null when it looks right. */
export function clientIdProblem(provider: ProviderId, value: string): string | null {
  const id = value.trim();
  if (id === '') return null; // the contract's own "Enter the client id." covers it
  if (/^https?:\/\//i.test(id)) return 'That is a web address; paste the client id itself.';
  return ID_SHAPES[provider].pattern.test(id) ? null : ID_SHAPES[provider].sentence;
}

/** Why a typed secret looks wrong (spaces inside, or the client id pasted twice), or null. */
export function secretProblem(secret: string, clientId: string): string | null {
  if (secret === '') return null;
  if (/\s/.test(secret.trim())) return 'A client secret has no spaces; paste it again.';
  if (secret.trim() === clientId.trim())
    return 'That is the client id again; paste the client secret.';
  return null;
}
