import { randomUUID } from 'node:crypto';
import { generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';
import type { ConnectSession } from '../../../src-shared/connect';
import { AppError, isAppError } from '../../../src-shared/errors';
import { PROVIDERS, type ProviderId } from '../../../src-shared/platforms';
import { fixedRedirectPort } from '../platforms/credentials';
import type { RateLimitSnapshot } from '../platforms/platform-adapter';
import { redirectsThroughRelay, relayCallbackUrl } from '../platforms/relay';
import type { ConnectedProfile } from '../vault/types';
import type { CallbackPage } from './callback-page';
import type { ConnectService, ConnectServiceOptions } from './connect-types';
import { ConnectRun, forgetOldRuns } from './connect-session';
import {
  callbackError,
  checkReconnectTarget,
  checkScopes,
  connectOutcome,
  discardTokens,
  failurePage,
  finishConnect,
  pageProfileOf,
  successPage,
  usableCredentials,
} from './connect-steps';
import { startCallbackListener } from './loopback-listener';

/** How long a sign-in waits for the browser before it gives up. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5 * 60_000;

/**
 * Connecting accounts: one sign-in per platform at a time, each a loopback listener, a browser
 * tab and a chain of steps that stores the platform's tokens before anything else can fail.
 */
export function createConnectService(options: ConnectServiceOptions): ConnectService {
  const { vault, adapters, events, log } = options;
  const runs = new Map<string, ConnectRun>();
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;

  const publish = (run: ConnectRun) => events.emit('accounts.connectProgress', run.view());

  const fail = async (run: ConnectRun, error: unknown): Promise<void> => {
    const body = isAppError(error)
      ? { code: error.code, message: error.message }
      : {
          code: 'internal' as const,
          message: 'Something went wrong inside Switchboard; the details are in its log.',
        };
    if (!isAppError(error)) log.error(`connect ${run.provider} failed`, error);
    if (
      !run.finish(
        run.cancelRequested ? 'cancelled' : 'failed',
        run.cancelRequested
          ? {
              code: 'oauth_cancelled',
              message: 'The sign-in was cancelled; nothing was connected.',
            }
          : body,
      )
    )
      return;
    // A cancel counts as cancelled whatever the step it interrupted threw meanwhile.
    const outcome = connectOutcome(run.cancelRequested ? 'oauth_cancelled' : body.code);
    options.metrics.recordConnect(PROVIDERS[run.provider].platform, outcome);
    vault.current()?.audit.record({
      accountId: run.reconnectAccountId,
      platform: PROVIDERS[run.provider].platform,
      action: 'connect',
      outcome: 'failed',
      detail: body.code,
    });
    await settleRun(run);
  };

  /** Closes the listener, revokes and forgets tokens that did not become an account. */
  const settleRun = async (run: ConnectRun): Promise<void> => {
    publish(run);
    const pending = run.pending;
    run.pending = null;
    if (pending) await discardTokens(adapters[run.provider], run.client, pending, vault, log);
    await run.listener?.close();
  };

  const onCallback = async (run: ConnectRun, params: URLSearchParams): Promise<CallbackPage> => {
    const adapter = adapters[run.provider];
    try {
      const denied = params.get('error');
      if (denied) throw callbackError(denied, params.get('error_description'));
      if (!params.get('code'))
        throw new AppError(
          'platform_bad_response',
          'The platform sent no sign-in code back; start the sign-in again.',
        );
      run.stage = 'exchanging';
      publish(run);
      const exchanged = await adapter.exchangeCode(params, run.attempt, run.client);
      // Persist first: from here on a failure revokes these tokens instead of losing them.
      const pendingId = randomUUID();
      vault.require().pending.store(pendingId, run.provider, exchanged.tokens);
      run.pending = { id: pendingId, tokens: exchanged.tokens };
      const granted = adapter.scopesFromCallback(params) ?? exchanged.grantedScopes;
      checkScopes(adapter, granted);
      if (run.cancelRequested) throw new AppError('oauth_cancelled');
      // TikTok answers only the profile fields its granted scopes allow.
      const step = await adapter.profile(
        exchanged.tokens.accessToken,
        run.client,
        granted ?? undefined,
      );
      if (run.cancelRequested) throw new AppError('oauth_cancelled');
      if (step.kind === 'choose_page') {
        run.stage = 'choose_page';
        run.pages = step.pages;
        publish(run);
        return {
          status: 200,
          ok: true,
          title: 'Almost done',
          message:
            'Go back to Switchboard and choose which Facebook Page’s Instagram account to connect.',
        };
      }
      await complete(run, () => Promise.resolve(step.profile));
      return successPage(run);
    } catch (error) {
      await fail(run, error);
      return failurePage(run);
    }
  };

  const complete = async (run: ConnectRun, profile: () => Promise<ConnectedProfile>) => {
    run.stage = 'saving';
    publish(run);
    const account = await finishConnect(run, await profile(), vault.require());
    // Rate-limit facts seen during the sign-in (X sends them on every answer) now have an account.
    for (const seen of run.rateLimits)
      vault.require().usage.recordRateLimit(account.id, seen.path, seen);
    run.pending = null;
    run.account = account;
    run.finish('connected');
    options.metrics.recordConnect(PROVIDERS[run.provider].platform, 'success');
    publish(run);
    events.emit('accounts.changed', vault.require().accounts.list());
    await run.listener?.close();
  };

  const runOf = (connectId: string): ConnectRun => {
    const run = runs.get(connectId);
    if (!run) throw new AppError('connect_not_found');
    return run;
  };

  return {
    /** Starts a sign-in: listener up, browser opened; the outcome arrives as progress events. */
    async start(provider: ProviderId, accountId?: string): Promise<ConnectSession> {
      const open = vault.require();
      const info = PROVIDERS[provider];
      const busy = [...runs.values()].find(
        (run) => !run.finished && PROVIDERS[run.provider].platform === info.platform,
      );
      if (busy) throw new AppError('oauth_connect_in_progress');
      checkReconnectTarget(open, provider, accountId);
      const client = usableCredentials(options.credentials.resolve(provider), provider);
      forgetOldRuns(runs);

      const adapter = adapters[provider];
      // Meta through the publisher's relay: the platform redirects to the relay's https page,
      // which forwards the browser to the port `state` names, so any free port will do.
      const viaRelay = redirectsThroughRelay(provider, client.relay);
      const fixedPort = viaRelay ? 0 : (fixedRedirectPort(options.settings.get(), provider) ?? 0);
      const state = generateRandomState();
      let run: ConnectRun | null = null;
      const listener = await startCallbackListener({
        port: fixedPort,
        portSetting: `the ${info.displayName} redirect port`,
        path: adapter.callbackPath,
        state,
        portPrefixedState: viaRelay,
        log,
        onCallback: (params) => onCallback(run!, params),
        onStray: (reason) => {
          if (reason === 'state') options.metrics.recordConnect(info.platform, 'state_mismatch');
        },
      });
      run = new ConnectRun(
        provider,
        {
          redirectUri: viaRelay ? relayCallbackUrl(client.relay!, provider) : listener.redirectUri,
          state: listener.state,
          codeVerifier: generateRandomCodeVerifier(),
        },
        client,
        options.now() + timeoutMs,
        accountId ?? null,
      );
      run.listener = listener;
      try {
        run.authorizeUrl = (await adapter.authorizeUrl(run.attempt, client)).toString();
      } catch (error) {
        await listener.close();
        throw error;
      }
      runs.set(run.connectId, run);
      const started = run;
      started.timer = setTimeout(
        () => void fail(started, new AppError('oauth_timeout')),
        timeoutMs,
      );
      started.timer.unref();
      publish(started);
      await options.host.openExternal(started.authorizeUrl).catch((error: unknown) => {
        // The page offers the link itself; a browser that did not open is not a failed sign-in.
        log.warn(`could not open the browser: ${(error as Error).message}`);
      });
      return started.view();
    },

    async cancel(connectId: string): Promise<ConnectSession> {
      const run = runOf(connectId);
      if (run.finished) return run.view();
      run.cancelRequested = true;
      // Mid-exchange the steps notice the flag after their current call and clean up themselves.
      if (run.stage === 'waiting_for_browser' || run.stage === 'choose_page')
        await fail(run, new AppError('oauth_cancelled'));
      return run.view();
    },

    async choosePage(connectId: string, pageId: string): Promise<ConnectSession> {
      const run = runOf(connectId);
      if (run.stage !== 'choose_page' || !run.pending)
        throw new AppError('connect_not_found', 'That sign-in is not waiting for a Page.');
      const page = run.pages?.find((candidate) => candidate.pageId === pageId);
      if (!page) throw new AppError('invalid_input', 'Choose one of the Pages listed.');
      const adapter = adapters[run.provider];
      const { accessToken } = run.pending.tokens;
      try {
        await complete(run, () => pageProfileOf(adapter, accessToken, page, run));
      } catch (error) {
        await fail(run, error);
      }
      return run.view();
    },

    /** Keeps a platform's rate-limit facts for the sign-in running on that platform, if any. */
    noteRateLimit(snapshot: RateLimitSnapshot): void {
      const platform = PROVIDERS[snapshot.provider].platform;
      const run = [...runs.values()].find(
        (candidate) => !candidate.finished && PROVIDERS[candidate.provider].platform === platform,
      );
      run?.rateLimits.push(snapshot);
    },

    list: (): ConnectSession[] =>
      [...runs.values()].filter((run) => !run.finished).map((run) => run.view()),

    /** Resolves when the sign-in ends, however it ends (for tests and the shutdown). */
    settled: (connectId: string): Promise<ConnectSession> => runOf(connectId).settled,

    /** Revokes and removes tokens of sign-ins a crash left behind (called once the vault opens). */
    async recoverPending(): Promise<number> {
      const open = vault.current();
      if (!open) return 0;
      const leftovers = open.pending
        .list()
        .filter((pending) => ![...runs.values()].some((run) => run.pending?.id === pending.id));
      for (const pending of leftovers) {
        const client = options.credentials.resolve(pending.provider);
        if (pending.tokens && client)
          await discardTokens(
            adapters[pending.provider],
            client,
            { id: pending.id, tokens: pending.tokens },
            vault,
            log,
          );
        else open.pending.remove(pending.id);
      }
      return leftovers.length;
    },

    async close(): Promise<void> {
      await Promise.all(
        [...runs.values()]
          .filter((run) => !run.finished)
          .map((run) => fail(run, new AppError('oauth_cancelled'))),
      );
    },
  };
}

export type { ConnectService };
