import type { Ipc } from '../../ipc';

/** Pictures kept in memory at most; a windowed list of thousands asks only for the rows it shows. */
const KEPT = 300;

/** Loads an account's avatar from main (`accounts.avatar`) as a data: URL; null = the placeholder. */
export type AvatarLoader = (accountId: string, avatarKey: string) => Promise<string | null>;

/**
 * One request per account and picture, shared by every place that shows it. A null answer is not
 * kept, so a later mount asks again (main remembers its own failures and does not hammer the CDN).
 */
export function createAvatarLoader(invoke: Ipc['invoke']): AvatarLoader {
  const kept = new Map<string, Promise<string | null>>();
  return (accountId, avatarKey) => {
    const key = `${accountId}:${avatarKey}`;
    const known = kept.get(key);
    if (known) return known;
    const loading = invoke('accounts.avatar', { accountId })
      .then(({ dataUrl }) => (dataUrl?.startsWith('data:image/') ? dataUrl : null))
      .catch(() => null)
      .then((dataUrl) => {
        if (dataUrl === null) kept.delete(key);
        return dataUrl;
      });
    kept.set(key, loading);
    if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
    return loading;
  };
}
