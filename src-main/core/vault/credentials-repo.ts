import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';
import { PROVIDERS, type ProviderId } from '../../../src-shared/platforms';
import { secretContext, type KeyRing } from './key-ring';
import { SealBrokenError } from './sealed-box';

export interface PlatformCredentials {
  clientId: string;
  clientSecret: string | null;
}

/** The creator's own developer-app credentials per platform; the secret is sealed. */
export function createCredentialsRepo(
  db: Database.Database,
  ring: () => KeyRing,
  now: () => number,
) {
  const upsert = db.prepare(
    `INSERT INTO platform_credentials (platform, client_id, client_secret, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (platform) DO UPDATE SET client_id = excluded.client_id, client_secret = excluded.client_secret,
       updated_at = excluded.updated_at`,
  );
  const select = db.prepare(
    'SELECT client_id, client_secret FROM platform_credentials WHERE platform = ?',
  );
  const openSecret = (platform: ProviderId, blob: Buffer): string => {
    try {
      return ring().decrypt(blob, secretContext.clientSecret(platform));
    } catch (error) {
      if (!(error instanceof SealBrokenError)) throw error;
      throw new AppError(
        'vault_tampered',
        `The saved client secret for ${PROVIDERS[platform].displayName} failed its integrity check; enter it again in Settings → Platforms.`,
        { cause: error },
      );
    }
  };
  return {
    set(platform: ProviderId, credentials: PlatformCredentials): void {
      const secret = credentials.clientSecret
        ? ring().encrypt(credentials.clientSecret, secretContext.clientSecret(platform))
        : null;
      upsert.run(platform, credentials.clientId, secret, now());
    },
    /** Throws AppError `vault_tampered` if the stored secret fails its integrity check. */
    get(platform: ProviderId): PlatformCredentials | null {
      const row = select.get(platform) as
        { client_id: string; client_secret: Buffer | null } | undefined;
      if (!row) return null;
      return {
        clientId: row.client_id,
        clientSecret: row.client_secret ? openSecret(platform, row.client_secret) : null,
      };
    },
    /** Forgets a provider's stored credentials (the environment or build ones apply again). */
    remove(platform: ProviderId): void {
      db.prepare('DELETE FROM platform_credentials WHERE platform = ?').run(platform);
    },
    /** What Settings may show: which platforms are configured, never the secret. */
    list(): { platform: ProviderId; clientId: string; hasSecret: boolean }[] {
      return (
        db
          .prepare(
            'SELECT platform, client_id, client_secret IS NOT NULL AS has FROM platform_credentials',
          )
          .all() as {
          platform: ProviderId;
          client_id: string;
          has: number;
        }[]
      ).map((row) => ({
        platform: row.platform,
        clientId: row.client_id,
        hasSecret: row.has === 1,
      }));
    },
  };
}

export type CredentialsRepo = ReturnType<typeof createCredentialsRepo>;
