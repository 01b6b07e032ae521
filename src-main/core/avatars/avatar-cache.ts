import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlatformId } from '../../../src-shared/platforms';
import { avatarKey } from '../avatar-key';
import { DATA_DIR_MODE, PRIVATE_FILE_MODE } from '../data-folder';
import type { Logger } from '../logger';
import type { PlatformHttp } from '../net/platform-http';
import { AVATAR_EXTENSIONS, avatarDataUrl, typeOfExtension } from './avatar-image';
import { allowedAvatarUrl, fetchAvatar } from './avatar-fetch';

/** Avatars are shown at 40–96 px; a real one is a few KiB, so this leaves a wide margin. */
export const AVATAR_MAX_BYTES = 512 * 1024;
/** After a failed download the same picture is not asked for again before this. */
export const AVATAR_RETRY_MS = 15 * 60_000;

/** Which account's picture, from where (the URL the platform gave at connect). */
export interface AvatarSource {
  accountId: string;
  platform: PlatformId;
  url: string | null;
}

export interface AvatarCache {
  /** The account's avatar as a data: URL, fetched once per source URL; null = show the placeholder. */
  get(source: AvatarSource): Promise<string | null>;
  /** Deletes the pictures of accounts that are gone (disconnected, replaced by a restore). */
  prune(liveAccountIds: ReadonlySet<string>): void;
}

// `<account id>-<avatarKey>.<ext>`; ids are UUIDs, but anything path-like is refused anyway.
const FILE = /^([A-Za-z0-9_-]{1,128})-([0-9a-f]{16})\.(png|jpg|webp|gif)$/;
const TEMPORARY = /\.tmp-[0-9a-f]+$/;
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Avatars fetched by main and kept in `<data folder>/avatars/`, so the page never loads a picture
 * from the internet (its CSP allows `img-src 'self' data:` only) and the pictures survive a
 * restart and an offline start. A failure never throws: the placeholder (or the picture already
 * kept for the account) stays.
 */
export function createAvatarCache(options: {
  dir: string;
  http(platform: PlatformId): PlatformHttp;
  hosts(platform: PlatformId): readonly RegExp[];
  now(): number;
  log: Logger;
  maxBytes?: number;
  retryMs?: number;
}): AvatarCache {
  const maxBytes = options.maxBytes ?? AVATAR_MAX_BYTES;
  const retryMs = options.retryMs ?? AVATAR_RETRY_MS;
  const failedUntil = new Map<string, number>();
  const inFlight = new Map<string, Promise<string | null>>();

  const files = (): string[] => {
    try {
      return readdirSync(options.dir);
    } catch {
      return [];
    }
  };
  const kept = (accountId: string) =>
    files().flatMap((name) => {
      const match = FILE.exec(name);
      return match && match[1] === accountId ? [{ name, key: match[2]!, ext: match[3]! }] : [];
    });
  const read = (file: { name: string; ext: string }): string | null => {
    const type = typeOfExtension(file.ext);
    try {
      return type ? avatarDataUrl(type, readFileSync(join(options.dir, file.name))) : null;
    } catch {
      return null;
    }
  };

  const download = async (source: AvatarSource & { url: string }, key: string) => {
    const stale = kept(source.accountId).find((file) => file.key !== key);
    const fallback = () => (stale ? read(stale) : null);
    const hosts = options.hosts(source.platform);
    const url = allowedAvatarUrl(source.url, hosts);
    if (!url) {
      // Permanent for this URL: it names a host that is not one of the platform's avatar CDNs.
      failedUntil.set(`${source.accountId}:${key}`, Number.POSITIVE_INFINITY);
      options.log.warn(`avatar of account ${source.accountId} not fetched: not an avatar host`);
      return fallback();
    }
    try {
      const { type, bytes } = await fetchAvatar(
        options.http(source.platform),
        url,
        hosts,
        maxBytes,
      );
      const name = `${source.accountId}-${key}.${AVATAR_EXTENSIONS[type]}`;
      mkdirSync(options.dir, { recursive: true, mode: DATA_DIR_MODE });
      const temporary = join(options.dir, `${name}.tmp-${randomBytes(6).toString('hex')}`);
      writeFileSync(temporary, bytes, { mode: PRIVATE_FILE_MODE });
      renameSync(temporary, join(options.dir, name));
      for (const old of kept(source.accountId)) {
        if (old.name !== name) rmSync(join(options.dir, old.name), { force: true });
      }
      return avatarDataUrl(type, bytes);
    } catch (error) {
      failedUntil.set(`${source.accountId}:${key}`, options.now() + retryMs);
      const why = error instanceof Error ? error.message : 'unknown error';
      options.log.warn(
        `avatar of account ${source.accountId} not fetched from ${url.host}: ${why}`,
      );
      return fallback();
    }
  };

  return {
    async get(source) {
      if (!source.url || !SAFE_ID.test(source.accountId)) return null;
      const key = avatarKey(source.url);
      const current = kept(source.accountId).find((file) => file.key === key);
      if (current) {
        const cached = read(current);
        if (cached) return cached;
      }
      const flightKey = `${source.accountId}:${key}`;
      if ((failedUntil.get(flightKey) ?? 0) > options.now()) {
        const stale = kept(source.accountId)[0];
        return stale ? read(stale) : null;
      }
      let pending = inFlight.get(flightKey);
      if (!pending) {
        pending = download({ ...source, url: source.url }, key).finally(() =>
          inFlight.delete(flightKey),
        );
        inFlight.set(flightKey, pending);
      }
      return pending;
    },
    prune(liveAccountIds) {
      for (const name of files()) {
        const match = FILE.exec(name.replace(TEMPORARY, ''));
        if (!match) continue;
        if (TEMPORARY.test(name) || !liveAccountIds.has(match[1]!)) {
          rmSync(join(options.dir, name), { force: true });
        }
      }
    },
  };
}
