import { create } from 'zustand';
import type { ConnectSession, ConnectStage, ProviderStatus } from '../../../src-shared/connect';
import { defaultMessage, type ErrorCode } from '../../../src-shared/errors';
import type { AppInfo } from '../../../src-shared/ipc-contract';
import { PLATFORMS, PROVIDERS, type ProviderId } from '../../../src-shared/platforms';
import { asIpcError, invoke, on } from '../../ipc';
import { accountName } from './accounts-store';
import { useAccounts } from './use-accounts';

/** One sign-in as this screen follows it, from the click to its end. */
export interface Attempt {
  provider: ProviderId;
  /** The account being reconnected, if any. */
  accountId: string | null;
  /** Null until main answers (or when it refused before a sign-in started). */
  session: ConnectSession | null;
  error: { code: ErrorCode; message: string } | null;
}

/** Stage order, so a late answer never takes a sign-in backwards. */
const STAGE_RANK: Record<ConnectStage, number> = {
  waiting_for_browser: 0,
  exchanging: 1,
  choose_page: 2,
  saving: 3,
  connected: 4,
  failed: 4,
  cancelled: 4,
};

export function isRunning(attempt: Attempt): boolean {
  if (!attempt.session) return attempt.error === null;
  return STAGE_RANK[attempt.session.stage] < 4;
}

interface ConnectState {
  mode: AppInfo['mode'] | null;
  /** Null until platforms.list answers (then buttons assume a provider is configured). */
  providers: ProviderStatus[] | null;
  /** At most one per provider: main runs one sign-in per provider at a time. */
  attempts: Partial<Record<ProviderId, Attempt>>;
  /** The last thing worth announcing politely; `id` changes so a repeat is read again. */
  announcement: { id: number; text: string } | null;
  load(): Promise<void>;
  start(provider: ProviderId, accountId?: string | null): Promise<ConnectSession | null>;
  /** Explains, without calling main, that a provider needs credentials first. */
  explainNotConfigured(provider: ProviderId, message?: string | null): void;
  cancel(provider: ProviderId): Promise<void>;
  choosePage(provider: ProviderId, pageId: string): Promise<void>;
  dismiss(provider: ProviderId): void;
  follow(): () => void;
}

type Set = (fn: (state: ConnectState) => Partial<ConnectState>) => void;

let announcements = 0;
const announce = (text: string) => ({ announcement: { id: ++announcements, text } });

function withAttempt(state: ConnectState, provider: ProviderId, attempt: Attempt | null) {
  const attempts = { ...state.attempts };
  if (attempt) attempts[provider] = attempt;
  else delete attempts[provider];
  return { attempts };
}

/** Takes a session from an answer or a progress event into the screen's state. */
function receive(set: Set, session: ConnectSession) {
  set((state) => {
    const current = state.attempts[session.provider];
    const known = current?.session;
    if (known && known.connectId === session.connectId) {
      if (STAGE_RANK[session.stage] < STAGE_RANK[known.stage]) return {};
    } else if (known && STAGE_RANK[session.stage] === 4) {
      return {}; // the end of an older sign-in this screen no longer shows
    }
    const name = PROVIDERS[session.provider].displayName;
    const platform = PLATFORMS[PROVIDERS[session.provider].platform].displayName;
    if (session.stage === 'connected') {
      if (session.account) useAccounts.getState().upsert(session.account);
      const who = session.account ? ` ${accountName(session.account)}` : '';
      return {
        ...withAttempt(state, session.provider, null),
        ...announce(`${platform} account${who} connected.`),
      };
    }
    if (session.stage === 'cancelled') {
      return {
        ...withAttempt(state, session.provider, null),
        ...announce(`Sign-in to ${name} cancelled; nothing was connected.`),
      };
    }
    return withAttempt(state, session.provider, {
      provider: session.provider,
      accountId: current?.accountId ?? null,
      session,
      error: session.error,
    });
  });
}

function refuse(set: Set, provider: ProviderId, code: ErrorCode, message: string) {
  set((state) => {
    const current = state.attempts[provider];
    return withAttempt(state, provider, {
      provider,
      accountId: current?.accountId ?? null,
      session: current?.session ?? null,
      error: { code, message },
    });
  });
}

export const useConnect = create<ConnectState>((set, get) => ({
  mode: null,
  providers: null,
  attempts: {},
  announcement: null,
  load: async () => {
    const [info, providers, running] = await Promise.allSettled([
      invoke('app.info', {}),
      invoke('platforms.list', {}),
      invoke('accounts.connections', {}),
    ]);
    if (info.status === 'fulfilled') set({ mode: info.value.mode });
    if (providers.status === 'fulfilled') set({ providers: providers.value });
    if (running.status === 'fulfilled') for (const session of running.value) receive(set, session);
  },
  start: async (provider, accountId = null) => {
    set((state) => ({
      ...withAttempt(state, provider, { provider, accountId, session: null, error: null }),
      announcement: null,
    }));
    try {
      const session = await invoke('accounts.connect', {
        provider,
        ...(accountId ? { accountId } : {}),
      });
      receive(set, session);
      return session;
    } catch (error) {
      const failure = asIpcError(error);
      refuse(set, provider, failure.code, failure.message);
      return null;
    }
  },
  explainNotConfigured: (provider, message) =>
    refuse(
      set,
      provider,
      'platform_not_configured',
      message ?? defaultMessage('platform_not_configured'),
    ),
  cancel: async (provider) => {
    const session = get().attempts[provider]?.session;
    if (!session) return;
    try {
      receive(set, await invoke('accounts.cancelConnect', { connectId: session.connectId }));
    } catch (error) {
      const failure = asIpcError(error);
      // Already over: the progress event that ended it says how.
      if (failure.code !== 'connect_not_found')
        refuse(set, provider, failure.code, failure.message);
      else set((state) => withAttempt(state, provider, null));
    }
  },
  choosePage: async (provider, pageId) => {
    const session = get().attempts[provider]?.session;
    if (!session) return;
    try {
      receive(set, await invoke('accounts.choosePage', { connectId: session.connectId, pageId }));
    } catch (error) {
      const failure = asIpcError(error);
      refuse(set, provider, failure.code, failure.message);
    }
  },
  dismiss: (provider) => set((state) => withAttempt(state, provider, null)),
  follow: () => on('accounts.connectProgress', (session) => receive(set, session)),
}));
