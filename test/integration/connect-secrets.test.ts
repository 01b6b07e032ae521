import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectSession } from '../../src-shared/connect';
import { PROVIDER_IDS } from '../../src-shared/platforms';
import { driveConsent } from '../support/consent-driver';
import { DEMO_CLIENTS } from '../../src-main/demo/fake-platforms';
import { httpRequest } from '../support/http-client';
import { startConnectHarness, type ConnectHarness } from '../support/connect-harness';

const SETTINGS_SECRET = 'typed-in-settings-secret-7c1d0e';

/**
 * Runs the whole connect surface — every platform, the Page picker, refusals, faults, renames,
 * disconnects, Settings → Platforms — and then searches everything that leaves the main process
 * for any token a fake issued and any client secret.
 */
describe('no token or client secret leaves main during connect, manage and disconnect', () => {
  let h: ConnectHarness;
  const outputs: string[] = [];
  const record = (label: string, value: unknown) =>
    outputs.push(`${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);

  beforeAll(async () => {
    h = await startConnectHarness();
    const call = async (channel: string, input: unknown = {}) => {
      const result = await h.core.dispatch(channel, input);
      record(`ipc ${channel}`, result);
      return result;
    };
    const connectVia = async (
      provider: string,
      choice = {},
      meanwhile?: () => Promise<unknown>,
    ) => {
      const started = await call('accounts.connect', { provider });
      if (!started.ok) return;
      const session = started.value as ConnectSession;
      await meanwhile?.();
      const page = await driveConsent(session.authorizeUrl, choice).catch((error: Error) => error);
      record('callback page', page instanceof Error ? page.message : page.body);
      if (
        h.core.connect
          .list()
          .some((s) => s.connectId === session.connectId && s.stage === 'choose_page')
      ) {
        const waiting = h.core.connect.list().find((s) => s.connectId === session.connectId)!;
        await call('accounts.choosePage', {
          connectId: session.connectId,
          pageId: waiting.pages![0]!.pageId,
        });
      }
      await h.core.connect.settled(session.connectId);
    };

    // Room on every platform for the Page picker and the faults below.
    await h.grantPlan('creator');
    for (const provider of PROVIDER_IDS) await connectVia(provider);
    await connectVia('facebook', { user: '10220000000000002' }); // the Page picker (tier limit too)
    await connectVia('x', { decision: 'deny' });
    // Over the limit at the last step (the licence removed mid sign-in) with a failing revoke:
    // the clean-up logs what went wrong.
    h.fakes.tiktok.faults.add({ path: '/v2/oauth/revoke/', kind: '500' });
    await connectVia('tiktok', { user: '-000OpenIdTomFixesIt0002' }, () =>
      call('plan.removeLicence'),
    );
    await h.grantPlan('creator');
    h.fakes.tiktok.faults.add({ path: '/v2/oauth/token/', kind: 'invalid_grant' });
    await connectVia('tiktok');
    h.fakes.youtube.faults.add({ path: '/token', kind: 'not_json' });
    await connectVia('youtube');
    await call('platforms.setCredentials', {
      provider: 'x',
      clientId: 'x-client',
      clientSecret: SETTINGS_SECRET,
    });
    await call('platforms.list');
    await call('accounts.connect', { provider: 'x' }).then(async (result) => {
      if (result.ok)
        await call('accounts.cancelConnect', {
          connectId: (result.value as ConnectSession).connectId,
        });
    });
    const list = await call('accounts.list');
    const accounts = (list.ok ? list.value : []) as { id: string }[];
    await call('accounts.rename', { accountId: accounts[0]!.id, label: 'Main channel' });
    for (const account of accounts) await call('accounts.disconnect', { accountId: account.id });
    await call('accounts.connections');

    const port = h.core.healthServer!.port;
    for (const path of ['/health', '/health/detailed', '/metrics']) {
      const response = await httpRequest(port, { path, headers: { Host: `127.0.0.1:${port}` } });
      record(path, response.body);
    }
    for (const event of h.events) record(`event ${event.event}`, event.payload);
    for (const line of h.log.lines) record('log', line);
  });
  afterAll(async () => {
    await h.close();
  });

  it('exercised what it claims: accounts connected, refusals happened, and the fakes issued tokens', () => {
    const text = outputs.join('\n');
    expect(text).toContain('"stage":"connected"');
    expect(text).toContain('oauth_denied');
    expect(text).toContain('tier_limit_reached');
    expect(text).toContain('switchboard_oauth_connect_total');
    expect(outputs.filter((line) => line.startsWith('log: ')).length).toBeGreaterThan(0);
    const issued = PROVIDER_IDS.flatMap((id) => h.fakes[id].tokens.issuedTokens);
    expect(issued.length).toBeGreaterThan(8);
  });

  it('no issued token, client secret or Settings secret appears in any output', () => {
    const text = outputs.join('\n');
    const secrets = [
      ...PROVIDER_IDS.flatMap((id) => h.fakes[id].tokens.issuedTokens),
      ...Object.values(DEMO_CLIENTS).flatMap((client) =>
        client.clientSecret ? [client.clientSecret] : [],
      ),
      SETTINGS_SECRET,
    ];
    const leaked = secrets.filter((secret) => text.includes(secret));
    expect(leaked).toEqual([]);
  });
});
