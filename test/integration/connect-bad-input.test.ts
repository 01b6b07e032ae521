import { createServer } from 'node:net';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../src-shared/account';
import type { ConnectSession } from '../../src-shared/connect';
import type { ProviderId } from '../../src-shared/platforms';
import { driveConsent } from '../support/consent-driver';
import { httpRequest } from '../support/http-client';
import { startConnectHarness, type ConnectHarness } from '../support/connect-harness';

/** Submits the fake's consent form and returns where it redirects, without following it. */
async function consentRedirect(authorizeUrl: string): Promise<string> {
  const page = await (await request(authorizeUrl)).body.text();
  const action = /<form method="post" action="([^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&');
  const requestId = /name="request_id" value="([^"]+)"/.exec(page)![1]!;
  const user = /<option value="([^"]+)"/.exec(page)![1]!;
  const form = new URLSearchParams({ request_id: requestId, user, decision: 'allow' });
  for (const [, scope] of page.matchAll(/name="scope" value="([^"]+)" checked/g))
    form.append('scope', scope!);
  const posted = await request(new URL(action, authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  await posted.body.dump();
  return String(posted.headers.location);
}

const callbackGet = (url: string, headers: Record<string, string> = {}) => {
  const target = new URL(url);
  return httpRequest(Number(target.port), {
    path: `${target.pathname}${target.search}`,
    headers: { Host: target.host, ...headers },
  });
};

describe('connect: bad input ends cleanly, with a code, nothing half-stored, the listener closed', () => {
  let h: ConnectHarness;
  beforeEach(async () => {
    h = await startConnectHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const start = (provider: ProviderId, extra: Record<string, unknown> = {}) =>
    h.call<ConnectSession>('accounts.connect', { provider, ...extra });
  const redirectOf = (session: ConnectSession) =>
    new URL(new URL(session.authorizeUrl).searchParams.get('redirect_uri')!);
  const stateOf = (session: ConnectSession) =>
    new URL(session.authorizeUrl).searchParams.get('state')!;

  async function expectNothingKeptAndClosed(session: ConnectSession) {
    const vault = h.core.vault.require();
    expect(vault.pending.list()).toEqual([]);
    const target = redirectOf(session);
    // Refused, or dropped when it rides a connection kept alive from an earlier stray request.
    await expect(callbackGet(`${target.href}?code=late&state=${stateOf(session)}`)).rejects.toThrow(
      /ECONNREFUSED|socket hang up|ECONNRESET/,
    );
  }

  it('a stray request with the wrong state is answered and ignored; the real callback still works', async () => {
    const session = await start('youtube');
    const target = redirectOf(session);
    const stray = await callbackGet(`${target.href}?code=evil&state=guess`);
    expect(stray.status).toBe(400);
    expect(h.core.connect.list()[0]!.stage).toBe('waiting_for_browser');
    const oversized = await callbackGet(`${target.href}?state=${'s'.repeat(5000)}`);
    expect(oversized.status).toBe(414);
    const wrongPath = await callbackGet(
      `${target.origin}/elsewhere?code=evil&state=${stateOf(session)}`,
    );
    expect(wrongPath.status).toBe(404);
    await driveConsent(session.authorizeUrl);
    expect((await h.core.connect.settled(session.connectId)).stage).toBe('connected');
    // A replay after the sign-in finds nobody listening.
    await expectNothingKeptAndClosed(session);
  });

  it('a callback without a code fails with platform_bad_response', async () => {
    const session = await start('tiktok');
    const page = await callbackGet(`${redirectOf(session).href}?state=${stateOf(session)}`);
    expect(page.body).toContain('no sign-in code');
    const done = await h.core.connect.settled(session.connectId);
    expect(done.error?.code).toBe('platform_bad_response');
    await expectNothingKeptAndClosed(session);
  });

  it('Deny in the browser → oauth_denied, and the page says so', async () => {
    const { session, page } = await h.connect('x', { decision: 'deny' });
    expect(session.stage).toBe('failed');
    expect(session.error?.code).toBe('oauth_denied');
    expect(page.body).toContain('declined');
    await expectNothingKeptAndClosed(session);
  });

  it('refuses a second concurrent sign-in for the same platform (either Instagram path)', async () => {
    await start('instagram');
    await expect(start('instagram')).rejects.toMatchObject({ code: 'oauth_connect_in_progress' });
    await expect(start('facebook')).rejects.toMatchObject({ code: 'oauth_connect_in_progress' });
  });

  it.each([
    ['not_json', 'platform_bad_response'],
    ['missing_fields', 'platform_bad_response'],
    ['500', 'platform_error'],
  ] as const)('a token answer that is %s → %s, nothing stored', async (kind, code) => {
    h.fakes.youtube.faults.add({ path: '/token', kind });
    const { session } = await h.connect('youtube');
    expect(session.error?.code).toBe(code);
    expect(h.core.vault.require().accounts.list()).toEqual([]);
    await expectNothingKeptAndClosed(session);
  });

  it('an X code used after its 30 seconds is refused: oauth_code_rejected', async () => {
    const session = await start('x');
    const location = await consentRedirect(session.authorizeUrl);
    h.clock.advance(31_000);
    const page = await callbackGet(location);
    expect(page.body).toContain('Not connected');
    const done = await h.core.connect.settled(session.connectId);
    expect(done.error?.code).toBe('oauth_code_rejected');
    await expectNothingKeptAndClosed(session);
  });

  it('a reconnect that signs in as someone else is refused; the account and the new tokens do not mix', async () => {
    const first = await h.connect('youtube');
    const account = first.session.account!;
    const before = h.core.vault.require().tokens.readSecrets(account.id);
    const issuedBefore = h.fakes.youtube.issuedRefreshTokens.length;
    const { session } = await h.connect(
      'youtube',
      { user: 'UCleoCooks00000000000002' },
      { accountId: account.id },
    );
    expect(session.error?.code).toBe('reconnect_wrong_account');
    const after = h.core.vault.require().tokens.readSecrets(account.id);
    expect(after.accessToken).toBe(before.accessToken);
    const intruder = h.fakes.youtube.issuedRefreshTokens[issuedBefore]!;
    expect(h.fakes.youtube.revokedTokens).toContain(intruder);
    await expectNothingKeptAndClosed(session);
  });

  it('scopes narrowed by the creator refuse the connect and name what is missing', async () => {
    const scope = 'https://www.googleapis.com/auth/youtube.readonly';
    const { session } = await h.connect('youtube', { uncheckScopes: [scope] });
    expect(session.error?.code).toBe('oauth_scope_missing');
    // By its plain name, never the scope URL (the detail page uses the same words).
    expect(session.error?.message).toContain('“See your channel and its videos”');
    expect(session.error?.message).not.toContain('https://');
    expect(h.core.vault.require().accounts.list()).toEqual([]);
    await expectNothingKeptAndClosed(session);
  });

  it('over the plan limit at the last step (the licence removed mid sign-in): a clear error naming plan and limit; the new tokens are revoked and removed', async () => {
    await h.grantPlan('creator');
    await h.connect('youtube');
    const revokedBefore = h.fakes.youtube.revokedTokens.length;
    // There was room when this sign-in started; the plan in force when it ends is what counts.
    const started = await h.call<ConnectSession>('accounts.connect', { provider: 'youtube' });
    await h.call('plan.removeLicence');
    await driveConsent(started.authorizeUrl, { user: 'UCleoCooks00000000000002' });
    const session = await h.core.connect.settled(started.connectId);
    expect(session.error?.code).toBe('tier_limit_reached');
    expect(session.error?.message).toMatch(/Your Free plan connects 1 YouTube account/);
    expect(h.fakes.youtube.revokedTokens.length).toBeGreaterThan(revokedBefore);
    expect(await h.call<AccountSummary[]>('accounts.list')).toHaveLength(1);
    await expectNothingKeptAndClosed(session);
  });

  it.each([
    ['youtube', 'noChannel', 'account_not_eligible', /no YouTube channel/i],
    ['instagram', 'personalAccount', 'account_not_eligible', /professional/i],
    ['x', 'suspended', 'account_suspended', /suspend/i],
  ] as const)('%s with %s → %s', async (provider, flag, code, words) => {
    (h.fakes[provider].users[0] as unknown as Record<string, boolean>)[flag] = true;
    const { session } = await h.connect(provider);
    expect(session.error?.code).toBe(code);
    expect(session.error?.message).toMatch(words);
    await expectNothingKeptAndClosed(session);
  });

  it('TikTok says plainly when the account is not eligible (an error on the redirect)', async () => {
    h.fakes.tiktok.users[0]!.ineligible = true;
    const { session, page } = await h.connect('tiktok');
    expect(session.error?.message).toMatch(/eligible/i);
    expect(page.body).toMatch(/eligible/i);
  });

  it('cancel from the UI ends the sign-in and closes the listener', async () => {
    const session = await start('x');
    const cancelled = await h.call<ConnectSession>('accounts.cancelConnect', {
      connectId: session.connectId,
    });
    expect(cancelled.stage).toBe('cancelled');
    expect(cancelled.error?.code).toBe('oauth_cancelled');
    await expectNothingKeptAndClosed(session);
    // Counted as what it was, not as an error a Prometheus user would chase (issue 20).
    const metrics = await h.core.metrics.render();
    expect(metrics).toContain(
      'switchboard_oauth_connect_total{platform="x",outcome="cancelled"} 1',
    );
    expect(metrics).not.toContain('outcome="error"');
  });

  it('a taken fixed port says which setting to change', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(h.ports.x, '127.0.0.1', resolve));
    try {
      await expect(start('x')).rejects.toMatchObject({ code: 'oauth_port_in_use' });
    } finally {
      blocker.close();
    }
  });

  it('persists first: the tokens are in the vault before the profile call answers', async () => {
    h.fakes.youtube.faults.add({ path: '/youtube/v3/channels', kind: 'latency', ms: 400 });
    const session = await start('youtube');
    const browser = driveConsent(session.authorizeUrl);
    await expect.poll(() => h.core.vault.require().pending.list().length).toBe(1);
    expect(h.core.vault.require().accounts.list()).toEqual([]);
    await browser;
    expect((await h.core.connect.settled(session.connectId)).stage).toBe('connected');
    expect(h.core.vault.require().pending.list()).toEqual([]);
  });

  it('tokens a crash left pending are revoked at the platform and removed at the next start', async () => {
    const vault = h.core.vault.require();
    // What a crash between the token answer and the account row leaves behind.
    vault.pending.store('crashed', 'tiktok', {
      accessToken: 'act.crashed-token',
      refreshToken: 'rft.crashed-token',
      scopes: ['user.info.basic'],
      issuedAt: Date.now(),
      accessExpiresAt: Date.now() + 7_200_000,
    });
    expect(await h.core.connect.recoverPending()).toBe(1);
    expect(vault.pending.list()).toEqual([]);
    expect(h.fakes.tiktok.requests.some((entry) => entry.path === '/v2/oauth/revoke/')).toBe(true);
  });
});

describe('connect: timeouts', () => {
  it('a sign-in nobody finishes times out with oauth_timeout and closes its listener', async () => {
    const h = await startConnectHarness({ connectTimeoutMs: 300 });
    try {
      const session = await h.call<ConnectSession>('accounts.connect', { provider: 'youtube' });
      const done = await h.core.connect.settled(session.connectId);
      expect(done.error?.code).toBe('oauth_timeout');
      const target = new URL(new URL(session.authorizeUrl).searchParams.get('redirect_uri')!);
      await expect(callbackGet(`${target.href}?code=x&state=y`)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await h.close();
    }
  });
});
