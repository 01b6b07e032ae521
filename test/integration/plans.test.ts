import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../src-shared/account';
import type { ConnectSession } from '../../src-shared/connect';
import type { PlanStatus } from '../../src-shared/plans';
import { LICENCE_FILE } from '../../src-main/core/plans/licence-store';
import { startConnectHarness, type ConnectHarness } from '../support/connect-harness';
import { issueTestLicence } from '../support/test-licences';

const youtube = (status: PlanStatus) => status.usage.find((row) => row.platform === 'youtube')!;

/**
 * Plans through the real core and the simulated platforms: the plan in force comes from the
 * verified licence key every time, and limits only ever refuse new connects.
 */
describe('plans and licence keys', () => {
  let h: ConnectHarness;
  beforeEach(async () => {
    h = await startConnectHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const plan = () => h.call<PlanStatus>('plan.get');
  const refusal = (channel: string, input: unknown) =>
    h.call(channel, input).then(
      () => null,
      (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
    );
  const connectYouTube = async (user: string) => {
    const { session } = await h.connect('youtube', { user });
    expect(session.stage, session.error?.message).toBe('connected');
    return session.account!;
  };

  it('starts on the Free plan: 1 per platform, usage counted, no licence', async () => {
    await connectYouTube('Maya Makes');
    const status = await plan();
    expect(status).toMatchObject({ plan: 'free', planName: 'Free', licence: null, storeUrl: null });
    expect(youtube(status)).toEqual({ platform: 'youtube', used: 1, limit: 1, over: [] });
    expect(status.usage.map((row) => row.limit)).toEqual([1, 1, 1, 1]);
  });

  it('at the limit, a new connect is refused before any consent page opens', async () => {
    await connectYouTube('Maya Makes');
    const opened = h.opened.length;
    expect(await refusal('accounts.connect', { provider: 'youtube' })).toEqual({
      code: 'tier_limit_reached',
      message:
        'Your Free plan connects 1 YouTube account; enter a licence key in Settings → Plan, or disconnect one first.',
    });
    expect(h.opened).toHaveLength(opened);
    expect(h.core.vault.require().pending.list()).toEqual([]);
    // Reconnecting the account already there never counts against the limit.
    const [account] = h.core.vault.require().accounts.list();
    const again = await h.connect('youtube', { user: 'Maya Makes' }, { accountId: account!.id });
    expect(again.session.stage).toBe('connected');
  });

  it('a valid key raises the limit at once; plan.changed says so; no secret of it is echoed', async () => {
    await connectYouTube('Maya Makes');
    const key = issueTestLicence({ plan: 'creator', holder: 'Maya Makes Studio', now: Date.now() });
    const status = await h.call<PlanStatus>('plan.enterLicence', { key });
    expect(status).toMatchObject({
      plan: 'creator',
      licence: { state: 'active', plan: 'creator', holder: 'Maya Makes Studio', problem: null },
    });
    expect(JSON.stringify(status)).not.toContain(key.split('.')[2]);
    expect(h.events.filter((event) => event.event === 'plan.changed')).toHaveLength(1);
    await connectYouTube('Leo Cooks');
    await connectYouTube('Studio Sol');
    expect(youtube(await plan())).toMatchObject({ used: 3, limit: 3 });
  });

  it('refuses a bad key with its sentence and keeps the key that was there', async () => {
    await h.grantPlan('creator');
    const stored = readFileSync(join(h.dataDir, LICENCE_FILE), 'utf8');
    const expired = issueTestLicence({ plan: 'agency', issuedDaysAgo: 400, days: 30 });
    expect(await refusal('plan.enterLicence', { key: expired })).toMatchObject({
      code: 'licence_expired',
      message: expect.stringMatching(/^This Agency licence expired on \d{4}-\d\d-\d\d;/),
    });
    expect(await refusal('plan.enterLicence', { key: 'SBL1.abc' })).toMatchObject({
      code: 'licence_invalid',
    });
    expect(readFileSync(join(h.dataDir, LICENCE_FILE), 'utf8')).toBe(stored);
    expect((await plan()).plan).toBe('creator');
  });

  it('editing the vault’s stored tier raises nothing', async () => {
    await connectYouTube('Maya Makes');
    h.core.vault.require().db.prepare("UPDATE tenants SET tier = 'agency'").run();
    expect((await plan()).plan).toBe('free');
    expect(await refusal('accounts.connect', { provider: 'youtube' })).toMatchObject({
      code: 'tier_limit_reached',
    });
    // Nor inside the connect's transaction, where a sign-in started before the edit ends.
    expect(() =>
      h.core.vault.require().accounts.saveConnection(
        {
          platform: 'youtube',
          platformUserId: 'UCother',
          displayName: 'Other',
          handle: null,
          avatarUrl: null,
          followers: null,
          accountType: null,
          channelId: null,
          pageId: null,
        },
        { accessToken: 'a', refreshToken: 'r', scopes: [], issuedAt: 0, accessExpiresAt: null },
      ),
    ).toThrow(expect.objectContaining({ code: 'tier_limit_reached' }));
  });

  it('editing the stored key file (a raised plan) loses the plan instead of raising it', async () => {
    await h.grantPlan('creator');
    const file = join(h.dataDir, LICENCE_FILE);
    const [prefix, body, signature] = readFileSync(file, 'utf8').trim().split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    const raised = Buffer.from(JSON.stringify({ ...payload, plan: 'agency' })).toString(
      'base64url',
    );
    writeFileSync(file, `${prefix}.${raised}.${signature}`);
    const status = await plan();
    expect(status.plan).toBe('free');
    expect(status.licence).toMatchObject({ state: 'invalid', plan: null, holder: null });
    expect(status.licence!.problem).toMatch(/changed after it was issued/);
  });

  it('a backup carrying a raised tier imports, and the limit stays the Free one', async () => {
    await connectYouTube('Maya Makes');
    h.core.vault.require().db.prepare("UPDATE tenants SET tier = 'agency'").run();
    const passphrase = 'backup passphrase 1';
    const { name } = await h.call<{ name: string }>('vault.exportBackup', { passphrase });
    h.core.vault.require().db.prepare("UPDATE tenants SET tier = 'free'").run();
    await h.call('vault.importBackup', { name, passphrase });
    const tier = h.core.vault.require().db.prepare('SELECT tier FROM tenants').get();
    expect(tier).toEqual({ tier: 'agency' }); // the backup really carried it
    expect(youtube(await plan())).toMatchObject({ used: 1, limit: 1 });
    expect(await refusal('accounts.connect', { provider: 'youtube' })).toMatchObject({
      code: 'tier_limit_reached',
    });
  });

  it('removing the licence keeps every account connected, healthy and refreshing; names those over', async () => {
    await h.grantPlan('creator');
    const accounts = [
      await connectYouTube('Maya Makes'),
      await connectYouTube('Leo Cooks'),
      await connectYouTube('Studio Sol'),
    ];
    const status = await h.call<PlanStatus>('plan.removeLicence');
    expect(status).toMatchObject({ plan: 'free', licence: null });
    expect(youtube(status)).toEqual({
      platform: 'youtube',
      used: 3,
      limit: 1,
      over: [
        { accountId: accounts[1]!.id, name: 'Leo Cooks' },
        { accountId: accounts[2]!.id, name: 'Studio Sol' },
      ],
    });
    const listed = await h.call<AccountSummary[]>('accounts.list');
    expect(listed.map((account) => [account.id, account.status])).toEqual(
      accounts.map((account) => [account.id, 'healthy']),
    );
    for (const account of accounts) {
      const vault = h.core.vault.require();
      const before = vault.tokens.readSecrets(account.id);
      // Asking for a token valid longer than the one held forces a real refresh at the platform.
      const after = await h.core.keepAlive.keeper.ensureFresh(account.id, 30 * 86_400, 'test');
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(h.fakes.youtube.isAccessTokenValid(after.accessToken)).toBe(true);
    }
    const checked = await h.call<AccountSummary[]>('accounts.check', {});
    expect(checked.map((account) => account.status)).toEqual(['healthy', 'healthy', 'healthy']);
    // Only a new one is refused; a reconnect of one over the limit still works.
    expect(await refusal('accounts.connect', { provider: 'youtube' })).toMatchObject({
      code: 'tier_limit_reached',
    });
    const again = await h.connect(
      'youtube',
      { user: 'Studio Sol' },
      { accountId: accounts[2]!.id },
    );
    expect((again.session as ConnectSession).stage).toBe('connected');
  });

  it('a stored key that has since expired leaves the Free plan in force and accounts untouched', async () => {
    await h.grantPlan('pro');
    await connectYouTube('Maya Makes');
    await connectYouTube('Leo Cooks');
    // The same key a year and more later: what the file holds once the licence has run out.
    writeFileSync(
      join(h.dataDir, LICENCE_FILE),
      issueTestLicence({ plan: 'pro', issuedDaysAgo: 400, days: 365 }),
    );
    const status = await plan();
    expect(status.plan).toBe('free');
    expect(status.licence).toMatchObject({
      state: 'expired',
      plan: 'pro',
      holder: 'Maya Makes Studio',
      problem: expect.stringMatching(/^This Pro licence expired on /),
    });
    expect(youtube(status)).toMatchObject({ used: 2, limit: 1 });
    expect(youtube(status).over.map((row) => row.name)).toEqual(['Leo Cooks']);
    const listed = await h.call<AccountSummary[]>('accounts.list');
    expect(listed.map((account) => account.status)).toEqual(['healthy', 'healthy']);
  });
});
