import type Database from 'better-sqlite3';
import type { ProviderId } from '../../../src-shared/platforms';
import { secretContext, type KeyRing } from './key-ring';

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
  return {
    set(platform: ProviderId, credentials: PlatformCredentials): void {
      const secret = credentials.clientSecret
        ? ring().encrypt(credentials.clientSecret, secretContext.clientSecret(platform))
        : null;
      upsert.run(platform, credentials.clientId, secret, now());
    },
    /** Throws SealBrokenError if the stored secret was altered. */
    get(platform: ProviderId): PlatformCredentials | null {
      const row = select.get(platform) as
        { client_id: string; client_secret: Buffer | null } | undefined;
      if (!row) return null;
      return {
        clientId: row.client_id,
        clientSecret: row.client_secret
          ? ring().decrypt(row.client_secret, secretContext.clientSecret(platform))
          : null,
      };
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
