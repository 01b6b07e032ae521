import { useEffect, useState } from 'react';
import type { AccountSummary } from '../../../src-shared/account';
import { ipc } from '../../ipc';
import { createAvatarLoader, type AvatarLoader } from './avatar-loader';

const loadAvatar = createAvatarLoader(ipc.invoke);

/**
 * The account's picture, kept by main and handed over as a data: URL (the page's CSP allows no
 * https: image); the neutral circle while it loads, when the platform gave none, or on failure.
 */
export function AccountAvatar({
  account,
  load = loadAvatar,
}: {
  account: Pick<AccountSummary, 'id' | 'avatarKey'>;
  load?: AvatarLoader;
}) {
  const [shown, setShown] = useState<{ key: string; src: string } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const { id, avatarKey } = account;

  useEffect(() => {
    if (!avatarKey) return;
    let live = true;
    void load(id, avatarKey).then((src) => {
      if (live && src) setShown({ key: `${id}:${avatarKey}`, src });
    });
    return () => {
      live = false;
    };
  }, [id, avatarKey, load]);

  const key = `${id}:${avatarKey ?? ''}`;
  if (avatarKey && shown?.key === key && failed !== key) {
    return (
      <img
        className="avatar"
        src={shown.src}
        alt=""
        data-avatar="loaded"
        onError={() => setFailed(key)}
      />
    );
  }
  return <span className="avatar" aria-hidden="true" />;
}
