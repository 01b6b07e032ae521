import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CreatedTool, CreateToolInput, ToolSummary } from '../../src-shared/tools';
import type { ProviderId } from '../../src-shared/platforms';
import { startConnectHarness, type ConnectHarness } from './connect-harness';
import { httpRequest, type RawResponse } from './http-client';

/** A connect harness with accounts connected and helpers to call the local /v1 API. */
export async function startToolsHarness(providers: ProviderId[]) {
  const h: ConnectHarness = await startConnectHarness({ proxyTimeoutMs: 2_000 });
  const accounts: Partial<Record<ProviderId, string>> = {};
  for (const provider of providers) {
    const { session } = await h.connect(provider);
    if (!session.account) throw new Error(`${provider} did not connect: ${session.stage}`);
    accounts[provider] = session.account.id;
  }
  const port = h.core.healthServer!.port;
  /** Every answer the API gave, so a test can search them all for secrets. */
  const answers: RawResponse[] = [];

  const call = async (
    method: string,
    path: string,
    key: string | null,
    options: { headers?: Record<string, string>; body?: string } = {},
  ) => {
    const answer = await httpRequest(port, {
      method,
      path,
      headers: {
        Host: `127.0.0.1:${port}`,
        ...(key ? { Authorization: `Bearer ${key}` } : {}),
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: options.body } : {}),
    });
    answers.push(answer);
    return answer;
  };

  /** Every tool key made, so a test can prove none reached a log. */
  const keys: string[] = [];
  // Live keys must have distinct names: the first unnamed key is `uploader`, then `uploader 2`…
  let unnamed = 0;
  const createKey = async (input: Partial<CreateToolInput> = {}) => {
    const name = input.name ?? (++unnamed === 1 ? 'uploader' : `uploader ${unnamed}`);
    const created = await h.call<CreatedTool>('tools.create', {
      accounts: 'all',
      rights: ['token', 'proxy'],
      ...input,
      name,
    });
    keys.push(created.key);
    return created;
  };

  /** The vault database and its WAL, as bytes. */
  const vaultBytes = () =>
    Buffer.concat(
      readdirSync(h.dataDir)
        .filter((name) => name.startsWith('vault.sqlite'))
        .map((name) => readFileSync(join(h.dataDir, name))),
    );

  /** Sets an account's access token to expire `ms` from now (the tokens row, not the platform). */
  const expireIn = (accountId: string, ms: number) =>
    h.core.vault
      .require()
      .db.prepare('UPDATE tokens SET access_expires_at = ? WHERE account_id = ?')
      .run(Date.now() + ms, accountId);

  const secretsOf = (accountId: string) => h.core.vault.require().tokens.readSecrets(accountId);

  const call_ = () => h.call<ToolSummary[]>('tools.list');
  return {
    ...h,
    h,
    keys,
    accounts,
    port,
    answers,
    call,
    call_,
    createKey,
    vaultBytes,
    expireIn,
    secretsOf,
  };
}

export type ToolsHarness = Awaited<ReturnType<typeof startToolsHarness>>;

/** Every token any fake issued. */
export function issuedTokens(h: ConnectHarness): string[] {
  return [h.fakes.youtube, h.fakes.instagram, h.fakes.facebook, h.fakes.tiktok, h.fakes.x].flatMap(
    (fake) => fake.tokens.issuedTokens,
  );
}
