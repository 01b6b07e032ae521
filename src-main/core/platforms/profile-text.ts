import { cleanDisplayText, PROFILE_TEXT_LIMITS } from '../../../src-shared/display-text';
import type { ConnectedProfile } from '../vault/types';
import type { PageChoice } from './platform-adapter';

const name = (value: string | null) => cleanDisplayText(value, PROFILE_TEXT_LIMITS.displayName);
const handle = (value: string | null) => cleanDisplayText(value, PROFILE_TEXT_LIMITS.handle);

/**
 * A profile as a platform sent it, made safe to show: every adapter passes what it read through
 * here, because the name and handle reach the window, tray menu, notifications and webhook. A
 * name left empty falls back to the handle, then to the account id, as the adapters do.
 */
export function safeProfile(profile: ConnectedProfile): ConnectedProfile {
  const safeHandle = handle(profile.handle);
  return {
    ...profile,
    displayName:
      name(profile.displayName) ?? safeHandle ?? name(profile.platformUserId) ?? 'Unnamed account',
    handle: safeHandle,
  };
}

/** A Facebook Page choice made safe to show in the picker (the same rules as a profile). */
export function safePageChoice(page: PageChoice): PageChoice {
  return {
    ...page,
    pageName: name(page.pageName) ?? name(page.instagramUserId) ?? 'Unnamed Page',
    instagramUsername: handle(page.instagramUsername),
  };
}
