import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../src-shared/account';
import type { AccountAlert } from '../../src-shared/alerts';
import { PROVIDER_IDS, type PlatformId } from '../../src-shared/platforms';
import { startConnectHarness, type ConnectHarness } from '../support/connect-harness';

const DAY = 86_400_000;

/** A real webhook receiver on 127.0.0.1:0 keeping every body it got. */
async function webhookReceiver() {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(body);
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('account alerts, usage and the re-auth forecast through the core', () => {
  let h: ConnectHarness;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  const accounts = {} as Record<PlatformId, AccountSummary>;
  const list = () => h.call<AccountSummary[]>('accounts.list');
  const byId = async (id: string) => (await list()).find((a) => a.id === id)!;

  beforeAll(async () => {
    h = await startConnectHarness();
    hook = await webhookReceiver();
    for (const provider of ['youtube', 'instagram', 'tiktok', 'x'] as const) {
      const { session } = await h.connect(provider);
      accounts[provider] = session.account!;
    }
    await h.call('settings.update', { alertWebhookUrl: hook.url, alertHoldSeconds: 0 });
  });
  afterAll(async () => {
    await h.close();
    await hook.close();
  });

  it('refuses a webhook URL that is not http(s), naming the field', async () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ftp://example.com/x',
      'nope',
    ]) {
      const result = await h.core.dispatch('settings.update', { alertWebhookUrl: url });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok)
        expect(result.error.message).toContain(
          'alertWebhookUrl: Use an http:// or https:// address.',
        );
    }
    expect((await h.call<{ alertWebhookUrl: string }>('settings.get')).alertWebhookUrl).toBe(
      hook.url,
    );
  });

  it('sends a transition to the webhook, the renderer and a notification, and a recovery too', async () => {
    const x = accounts.x;
    const before = hook.bodies.length;
    const at = Date.now();
    h.core.transitions.publish({
      accountId: x.id,
      platform: 'x',
      label: x.displayName,
      from: 'healthy',
      to: 'needs_reauth',
      reason: 'X no longer accepts this sign-in; reconnect the account.',
      at,
    });
    h.core.transitions.publish({
      accountId: x.id,
      platform: 'x',
      label: x.displayName,
      from: 'needs_reauth',
      to: 'healthy',
      reason: null,
      at: at + 1,
    });
    await until(() => hook.bodies.length >= before + 2);
    // The webhook adds its delivery `id` (for de-duplication); the rest is the alert itself.
    const sent = hook.bodies.slice(before).map((b) => {
      const { id, ...alert } = JSON.parse(b) as AccountAlert & { id: string };
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      return alert;
    });
    expect(sent.map((a) => [a.accountId, a.oldStatus, a.newStatus])).toEqual([
      [x.id, 'healthy', 'needs_reauth'],
      [x.id, 'needs_reauth', 'healthy'],
    ]);
    expect(sent[0]).toMatchObject({
      platform: 'x',
      label: x.displayName,
      at: new Date(at).toISOString(),
    });
    const raised = h.events.filter((e) => e.event === 'alerts.raised').map((e) => e.payload);
    expect(raised).toEqual(expect.arrayContaining(sent));
    expect(h.notifications).toEqual(
      expect.arrayContaining([
        {
          title: `X · ${x.displayName} needs attention`,
          body: sent[0]!.reason,
          accountId: sent[0]!.accountId,
        },
        {
          title: `X · ${x.displayName} is working again`,
          body: 'Nothing to do.',
          accountId: sent[0]!.accountId,
        },
      ]),
    );
  });

  it('says nothing about an account that is no longer connected', async () => {
    const before = hook.bodies.length;
    const raisedBefore = h.events.filter((e) => e.event === 'alerts.raised').length;
    h.core.transitions.publish({
      accountId: 'gone-account',
      platform: 'x',
      label: 'Gone',
      from: 'healthy',
      to: 'needs_reauth',
      reason: null,
      at: Date.now(),
    });
    // A control published after it: once its alerts arrive, the gone account's would have too.
    const x = accounts.x;
    const control = (from: 'healthy' | 'expiring', to: 'healthy' | 'expiring') =>
      h.core.transitions.publish({
        accountId: x.id,
        platform: 'x',
        label: x.displayName,
        from,
        to,
        reason: null,
        at: Date.now(),
      });
    control('healthy', 'expiring');
    control('expiring', 'healthy');
    await until(() => hook.bodies.length >= before + 2);
    const sent = hook.bodies.slice(before).map((b) => JSON.parse(b) as AccountAlert);
    expect(sent.map((a) => [a.accountId, a.newStatus])).toEqual([
      [x.id, 'expiring'],
      [x.id, 'healthy'],
    ]);
    const raised = h.events.filter((e) => e.event === 'alerts.raised').slice(raisedBefore);
    expect(raised.map((e) => (e.payload as AccountAlert).accountId)).toEqual([x.id, x.id]);
  });

  it('answers "send test" on the contract channel', async () => {
    const before = hook.bodies.length;
    expect(await h.call('alerts.testWebhook')).toMatchObject({ delivered: true, status: 200 });
    expect(JSON.parse(hook.bodies[before]!)).toMatchObject({ kind: 'test' });
    expect(
      await h.call('alerts.testWebhook', { url: 'http://127.0.0.1:1/nothing-listens' }),
    ).toMatchObject({ delivered: false, status: null });
  });

  it('counts TikTok posts against the cap; the platform’s own "too many posts" wins', async () => {
    const tiktok = accounts.tiktok;
    expect(h.core.usage.postsLeftToday(tiktok.id)).toBe(15);
    for (let i = 0; i < 3; i++) h.core.usage.recordPost(tiktok.id);
    expect(h.core.usage.postsLeftToday(tiktok.id)).toBe(12);
    expect((await byId(tiktok.id)).usage).toMatchObject({ postsToday: 3, postCap: 15 });
    await h.call('settings.update', { tiktokDailyPostCap: 2 });
    expect(h.core.usage.postsLeftToday(tiktok.id)).toBe(0);
    expect((await byId(tiktok.id)).usage.postCap).toBe(2);
    await h.call('settings.update', { tiktokDailyPostCap: 15 });
    const until = Date.now() + 3_600_000;
    h.core.usage.markPostingCapped(tiktok.id, until);
    expect(h.core.usage.postsLeftToday(tiktok.id)).toBe(0);
    expect((await byId(tiktok.id)).usage.postingCappedUntil).toBe(new Date(until).toISOString());
    // X has no post cap of Switchboard's; its last rate-limit headers show in the summary.
    expect(h.core.usage.postsLeftToday(accounts.x.id)).toBeNull();
    const reset = Date.now() + 900_000;
    h.core.usage.recordRateLimit(accounts.x.id, {
      path: '/2/users/me',
      limit: 75,
      remaining: 74,
      resetAt: reset,
    });
    await new Promise((resolve) => setTimeout(resolve, 5)); // a later observation
    h.core.usage.recordRateLimit(accounts.x.id, {
      path: '/2/tweets',
      limit: 100,
      remaining: 7,
      resetAt: reset,
    });
    expect((await byId(accounts.x.id)).usage.rateLimit).toEqual({
      endpoint: '/2/tweets',
      limit: 100,
      remaining: 7,
      resetAt: new Date(reset).toISOString(),
    });
    expect(h.core.vault.require().accounts.get(accounts.x.id)).toEqual(await byId(accounts.x.id));
    expect(h.events.some((e) => e.event === 'accounts.changed')).toBe(true);
  });

  it('forecasts each platform’s re-auth and warns within the window, through the webhook', async () => {
    const now = Date.now();
    const forecast = Object.fromEntries(
      (await list()).map((a) => [a.platform, a.reauthBy ? Date.parse(a.reauthBy) - now : null]),
    );
    expect(forecast.tiktok).toBeGreaterThan(170 * DAY); // the fake's refresh_expires_in
    expect(forecast.x).toBeGreaterThan(179 * DAY);
    expect(forecast.instagram).toBeGreaterThan(59 * DAY);
    expect(forecast.youtube).toBeGreaterThan(179 * DAY);
    expect(h.core.alerting.checkForecast()).toEqual([]);
    await h.call('settings.update', { googleTestingMode: true });
    const youtube = await byId(accounts.youtube.id);
    expect(Date.parse(youtube.reauthBy!) - now).toBeLessThanOrEqual(7 * DAY);
    expect(youtube.reauthReason).toMatch(/Testing mode/);
    // One account read alone answers the same as the list.
    expect(h.core.vault.require().accounts.get(youtube.id)).toEqual(youtube);
    // The settings change alone raised it, before any timer could run (the 15-minute check or
    // the first one after start): by the time the answer's microtasks have settled.
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      h.events.some(
        (e) => e.event === 'alerts.raised' && (e.payload as AccountAlert).kind === 'reauth_due',
      ),
    ).toBe(true);
    await until(() => hook.bodies.some((body) => body.includes('reauth_due')));
    expect(h.core.alerting.checkForecast()).toEqual([]);
    const due = hook.bodies.filter((body) => body.includes('reauth_due'));
    expect(due).toHaveLength(1);
    expect(JSON.parse(due[0]!)).toMatchObject({
      kind: 'reauth_due',
      reauthBy: youtube.reauthBy,
    });
  });

  it('never sends a token: every body the webhook got and every alert event, searched for every token the fakes issued', () => {
    const issued = PROVIDER_IDS.flatMap((id) => h.fakes[id].tokens.issuedTokens);
    expect(issued.length).toBeGreaterThan(4);
    const outputs = [
      ...hook.bodies,
      ...h.events
        .filter((e) => e.event === 'alerts.raised' || e.event === 'accounts.changed')
        .map((e) => JSON.stringify(e.payload)),
    ].join('\n');
    expect(hook.bodies.length).toBeGreaterThan(3);
    for (const token of issued) expect(outputs).not.toContain(token);
  });
});
