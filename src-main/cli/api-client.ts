import { DEFAULT_METRICS_PORT } from '../../src-shared/settings';
import { CliError, EXIT } from './exit-codes';

/** What `/v1/accounts` says of an account (token-free). */
export interface ApiAccount {
  id: string;
  platform: string;
  provider: string;
  label: string | null;
  displayName: string;
  handle: string | null;
  status: string;
  statusReason: string | null;
  accessExpiresAt: string | null;
  reauthBy: string | null;
}

export interface ApiToken {
  accessToken: string;
  expiresAt: string | null;
  scopes: string[];
}

/** The local API's base URL: SWITCHBOARD_API, else the health and metrics server's default. */
export function apiBase(env: NodeJS.ProcessEnv): string {
  const raw = env.SWITCHBOARD_API?.trim() || `http://127.0.0.1:${DEFAULT_METRICS_PORT}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(
      EXIT.usage,
      `SWITCHBOARD_API is not a URL: set it like http://127.0.0.1:${DEFAULT_METRICS_PORT}.`,
    );
  }
  return url.origin;
}

/** Calls `/v1` with the tool key; maps Switchboard's own refusals to exit codes and sentences. */
export function createApiClient(base: string, key: string) {
  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(`${base}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${key}` },
        // A streamed upload body needs this under Node's fetch.
        ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch {
      throw new CliError(
        EXIT.appUnreachable,
        `Switchboard is not answering at ${base}: start the app (or serve mode) and check that Settings → Health and metrics is on.`,
      );
    }
  }

  async function json<T>(path: string, init?: RequestInit): Promise<T> {
    const answer = await request(path, init);
    if (answer.ok) return (await answer.json()) as T;
    throw await refusal(answer, base);
  }

  return {
    request,
    accounts: () => json<{ accounts: ApiAccount[] }>('/v1/accounts').then((a) => a.accounts),
    token: (accountId: string, minValiditySeconds: number) =>
      json<ApiToken>(`/v1/accounts/${encodeURIComponent(accountId)}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ minValiditySeconds }),
      }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Switchboard's own error envelope, when the answer is one (a platform's answer is not). */
export async function ownError(
  answer: Response,
): Promise<{ code: string; message: string; reason?: string } | null> {
  if (!answer.headers.get('content-type')?.includes('application/json')) return null;
  try {
    const body = (await answer.clone().json()) as {
      ok?: unknown;
      error?: { code?: unknown; message?: unknown };
      reason?: unknown;
    };
    if (body.ok !== false || typeof body.error?.code !== 'string') return null;
    return {
      code: body.error.code,
      message: String(body.error.message ?? ''),
      ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
    };
  } catch {
    return null;
  }
}

/** The CliError for a refused call: Switchboard's own codes by meaning, the rest as platform errors. */
export async function refusal(answer: Response, base: string, proxied = false): Promise<CliError> {
  const own = await ownError(answer);
  // Through the proxy a bare 404 is the platform's; elsewhere it means no local API is there.
  if (!proxied && answer.status === 404 && !own)
    return new CliError(
      EXIT.appUnreachable,
      `No Switchboard local API at ${base} (is SWITCHBOARD_API the health and metrics server's address?).`,
    );
  if (!own) return new CliError(EXIT.platformError, `The platform answered HTTP ${answer.status}.`);
  if (own.code === 'tool_key_invalid')
    return new CliError(
      EXIT.keyInvalid,
      'The tool key is invalid or was revoked: make a new one in Settings → Tools.',
    );
  if (own.code === 'tool_forbidden' || own.code === 'account_not_found')
    return new CliError(EXIT.accountRefused, `${own.message} (${own.code})`);
  if (answer.status === 409)
    return new CliError(
      EXIT.accountNeedsCreator,
      `${own.reason ?? own.message} Open Switchboard to fix it. (${own.code})`,
    );
  if (answer.status === 503 && own.code === 'vault_locked')
    return new CliError(EXIT.appUnreachable, `${own.message} (${own.code})`);
  return new CliError(EXIT.platformError, `${own.message} (${own.code})`);
}
