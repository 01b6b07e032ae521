import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { KeyProtector } from '../host';
import { open, seal, SealBrokenError } from './sealed-box';

const FORMAT = 1;
const HEADER_BYTES = 5; // format (1) + key version (4)

/**
 * The vault's data keys, unwrapped in memory. Every secret is sealed under the current version
 * with associated data `<context>|v<version>`, where context names its row and field: a
 * ciphertext copied to another row, field or key version does not open.
 * Blob layout: format (1) | key version (u32 BE) | sealed box.
 */
export class KeyRing {
  private constructor(
    private readonly keys: Map<number, Buffer>,
    readonly currentVersion: number,
  ) {}

  /** Unwraps the stored keys, creating (and wrapping) version 1 in an empty vault. */
  static async load(db: Database.Database, protector: KeyProtector, now: number): Promise<KeyRing> {
    const rows = db.prepare('SELECT version, wrapped, is_current FROM vault_keys').all() as {
      version: number;
      wrapped: Buffer;
      is_current: number;
    }[];
    if (rows.length === 0) {
      const key = randomBytes(32);
      const wrapped = await protector.wrap(key);
      db.prepare(
        'INSERT INTO vault_keys (version, wrapped, protector, is_current, created_at) VALUES (1, ?, ?, 1, ?)',
      ).run(wrapped, protector.kind, now);
      return new KeyRing(new Map([[1, key]]), 1);
    }
    const keys = new Map<number, Buffer>();
    for (const row of rows) keys.set(row.version, await protector.unwrap(row.wrapped));
    const current = rows.find((row) => row.is_current === 1) ?? rows[rows.length - 1]!;
    return new KeyRing(keys, current.version);
  }

  /** A ring with one more, fresh key as current; the caller stores it before using it. */
  withFreshKey(): { ring: KeyRing; version: number; key: Buffer } {
    const version = Math.max(...this.keys.keys()) + 1;
    const key = randomBytes(32);
    return { ring: new KeyRing(new Map([...this.keys, [version, key]]), version), version, key };
  }

  /** Only the current key, once everything has been re-encrypted under it. */
  onlyCurrent(): KeyRing {
    return new KeyRing(
      new Map([[this.currentVersion, this.key(this.currentVersion)]]),
      this.currentVersion,
    );
  }

  key(version: number): Buffer {
    const key = this.keys.get(version);
    if (!key) throw new SealBrokenError();
    return key;
  }

  encrypt(plaintext: string, context: string): Buffer {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt8(FORMAT, 0);
    header.writeUInt32BE(this.currentVersion, 1);
    const sealed = seal(
      this.key(this.currentVersion),
      Buffer.from(plaintext, 'utf8'),
      `${context}|v${this.currentVersion}`,
    );
    return Buffer.concat([header, sealed]);
  }

  /** Throws SealBrokenError when the blob was altered, moved, or sealed under an unknown key. */
  decrypt(blob: Buffer, context: string): string {
    if (blob.length < HEADER_BYTES || blob.readUInt8(0) !== FORMAT) throw new SealBrokenError();
    const version = blob.readUInt32BE(1);
    return open(this.key(version), blob.subarray(HEADER_BYTES), `${context}|v${version}`).toString(
      'utf8',
    );
  }
}

/** Contexts, one per encrypted field, so the binding is spelled the same everywhere. */
export const secretContext = {
  accessToken: (accountId: string) => `tokens/${accountId}/access_token`,
  refreshToken: (accountId: string) => `tokens/${accountId}/refresh_token`,
  clientSecret: (platform: string) => `platform_credentials/${platform}/client_secret`,
  pendingAccessToken: (id: string) => `pending_connections/${id}/access_token`,
  pendingRefreshToken: (id: string) => `pending_connections/${id}/refresh_token`,
  signingSecret: (purpose: string) => `signing_secrets/${purpose}/secret`,
};
