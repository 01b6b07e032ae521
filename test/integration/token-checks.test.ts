import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../../src-shared/account';
import { ROTATION_LOST_REASON } from '../../src-main/core/refresh/refresh-failure';
import { startConnectHarness, type ConnectHarness } from '../support/connect-harness';

const X_TOKEN = /^\/2\/oauth2\/token$/;
const X_ME = '/2/users/me';
let h: ConnectHarness;

beforeEach(async () => {
  h = await startConnectHarness();
});
afterEach(async () => {
  await h.close();
});

async function connectX(): Promise<string> {
  const { session } = await h.connect('x');
  return session.account!.id;
}
const calls = (path: RegExp | string) =>
  h.fakes.x.requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path)))
    .length;
const check = (accountId?: string) =>
  h.call<AccountSummary[]>('accounts.check', accountId ? { accountId } : {});

describe('token health checks (accounts.check)', () => {
  it('probes with a cheap read that never spends a rotation, and records the check', async () => {
    const id = await connectX();
    const tokenCalls = calls(X_TOKEN);
    const [account] = await check(id);
    expect(account).toMatchObject({ id, status: 'healthy', lastError: null });
    expect(account!.lastCheckAt).not.toBeNull();
    expect(calls(X_ME)).toBeGreaterThanOrEqual(1);
    expect(calls(X_TOKEN)).toBe(tokenCalls);
    expect((await check()).map((a) => a.id)).toEqual([id]);
  });

  it('a 401 on a locally valid token: one single-flight refresh, then a verdict', async () => {
    const id = await connectX();
    const tokenCalls = calls(X_TOKEN);
    // All three probes are refused; their three afterRejection calls share one refresh.
    h.fakes.x.faults.add({ path: X_ME, kind: 'invalid_grant', times: 3 });
    const [account] = await Promise.all([check(id), check(id), check(id)]).then((all) => all[0]!);
    expect(calls(X_TOKEN) - tokenCalls).toBe(1);
    expect(account).toMatchObject({ status: 'healthy', lastError: null });
    // Every attempt is counted in /metrics.
    expect(await h.core.metrics.render()).toContain(
      'switchboard_token_refresh_total{platform="x",outcome="success"} 1',
    );
  });

  it('a fresh token refused too: reconnect needed, said about the platform in plain words', async () => {
    const id = await connectX();
    h.fakes.x.faults.add({ path: X_ME, kind: 'invalid_grant', times: 2 });
    const [account] = await check(id);
    expect(account).toMatchObject({
      status: 'needs_reauth',
      statusReason:
        'X refuses even a freshly renewed token — reconnect the account to grant access again.',
    });
  });

  it('persist first: the probe after a rotation fails, the new tokens are kept', async () => {
    const id = await connectX();
    const before = h.core.vault.require().tokens.readSecrets(id);
    h.fakes.x.faults.add({ path: X_ME, kind: 'invalid_grant' });
    h.fakes.x.faults.add({ path: X_ME, kind: '500' });
    const [account] = await check(id);
    const after = h.core.vault.require().tokens.readSecrets(id);
    expect(after.generation).toBe(before.generation + 1);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(h.fakes.x.isAccessTokenValid(after.accessToken)).toBe(true);
    expect(h.fakes.x.tokens.isRefreshTokenValid(after.refreshToken!)).toBe(true);
    expect(account).toMatchObject({ status: 'healthy', lastError: 'platform_error' });
  });

  it('a restored rotating account is probed once and refreshed at most once: rotation lost', async () => {
    const id = await connectX();
    const vault = h.core.vault.require();
    const restored = vault.tokens.readSecrets(id);
    // The live app rotates after the backup was taken; then the backup comes back.
    await h.core.keepAlive.keeper.ensureFresh(id, 3 * 3600, 'before restore');
    vault.tokens.write(id, { ...restored, refreshToken: restored.refreshToken });
    vault.refresh.change(id, { status: 'verify', reason: 'restored' });
    const tokenCalls = calls(X_TOKEN);
    h.fakes.x.faults.add({ path: X_ME, kind: 'invalid_grant' });
    const [account] = await check(id);
    expect(calls(X_TOKEN) - tokenCalls).toBe(1);
    expect(account).toMatchObject({
      status: 'needs_reauth',
      statusReason: ROTATION_LOST_REASON,
      lastError: 'rotation_lost',
    });
    await check(id);
    expect(calls(X_TOKEN) - tokenCalls).toBe(1);
  });

  it('a restored account whose probe passes is healthy without any refresh', async () => {
    const id = await connectX();
    h.core.vault.require().refresh.change(id, { status: 'verify', reason: 'restored' });
    const tokenCalls = calls(X_TOKEN);
    const [account] = await check(id);
    expect(account).toMatchObject({ status: 'healthy' });
    expect(calls(X_TOKEN)).toBe(tokenCalls);
  });

  it('a suspended account is an account problem, not a token problem', async () => {
    const id = await connectX();
    for (const user of h.fakes.x.users) user.suspended = true;
    const [account] = await check(id);
    expect(account).toMatchObject({ status: 'account_problem', lastError: 'account_suspended' });
    // The renderer hears of it (coalesced), and the event carries no token.
    await vi.waitFor(() =>
      expect(
        h.events.some(
          (e) =>
            e.event === 'accounts.changed' &&
            (e.payload as AccountSummary[]).some((a) => a.status === 'account_problem'),
        ),
      ).toBe(true),
    );
    const secrets = h.core.vault.require().tokens.readSecrets(id);
    const text = JSON.stringify(h.events);
    expect(text).not.toContain(secrets.accessToken);
    expect(text).not.toContain(secrets.refreshToken!);
    for (const user of h.fakes.x.users) user.suspended = false;
    const [recovered] = await check(id);
    expect(recovered).toMatchObject({ status: 'healthy', lastError: null });
  });
});
