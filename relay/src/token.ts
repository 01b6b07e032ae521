import { relayConfig, throughOrigins, type RelayConfig, type RelayEnv } from './config';
import { PROVIDER_RULES, RelayInputError, isRelayProvider, type UpstreamCall } from './providers';

/** A token request is a handful of short fields; anything bigger is not one. */
export const MAX_BODY_BYTES = 16 * 1024;
/** A token answer is small JSON; a bigger one is cut off rather than held. */
export const MAX_ANSWER_BYTES = 64 * 1024;
/** Answer the desktop well before its own 30 s bound, even when a platform hangs. */
export const UPSTREAM_TIMEOUT_MS = 10_000;

export interface RelayAnswer {
  status: number;
  body: string;
  contentType: string;
  /** For the log: the grant, never a value. */
  grant: string | null;
}

const json = (status: number, code: string, message: string, grant: string | null = null) => ({
  status,
  body: JSON.stringify({ ok: false, error: { code, message } }),
  contentType: 'application/json',
  grant,
});

/** `POST /token/{provider}`: checks the request, adds the secret, calls the one fixed URL. */
export async function relayToken(
  provider: string,
  request: Request,
  env: RelayEnv,
  fetcher: typeof fetch = fetch,
): Promise<RelayAnswer> {
  if (!isRelayProvider(provider))
    return json(404, 'unknown_provider', 'The relay serves instagram, facebook and tiktok.');
  const config = relayConfig(env);
  const client = config.clients[provider];
  if (!client)
    return json(503, 'relay_not_configured', `This relay has no ${provider} app configured.`);
  if (!request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded'))
    return json(415, 'form_expected', 'Send the token request as a URL-encoded form.');
  const text = await readBounded(request, MAX_BODY_BYTES);
  if (text === null) return json(413, 'body_too_large', 'The token request is too large.');
  const form = new URLSearchParams(text);
  const grant = form.get('grant_type') ?? '';
  const rules = PROVIDER_RULES[provider];
  const rule = Object.hasOwn(rules.grants, grant) ? rules.grants[grant] : undefined;
  if (!rule)
    return json(
      400,
      'unsupported_grant_type',
      `The relay does not complete that grant for ${provider}.`,
    );
  if (form.has('client_secret'))
    return json(
      400,
      'secret_not_accepted',
      'Send no client secret: the relay adds its own.',
      grant,
    );
  if (form.get(rules.clientIdField) !== client.id)
    return json(403, 'client_mismatch', 'The relay serves only its publisher’s own app.', grant);
  const params: Record<string, string> = {};
  for (const name of [...rule.required, ...rule.optional]) {
    const value = form.get(name);
    if (value) params[name] = value;
    else if (rule.required.includes(name))
      return json(400, 'parameter_missing', `The ${grant} request needs ${name}.`, grant);
  }
  let call: UpstreamCall;
  try {
    call = rule.build(params, client);
  } catch (error) {
    if (error instanceof RelayInputError)
      return json(400, error.code, 'The request names something the relay will not call.', grant);
    throw error;
  }
  return { ...(await callPlatform(call, config, fetcher)), grant };
}

async function callPlatform(
  call: UpstreamCall,
  config: RelayConfig,
  fetcher: typeof fetch,
): Promise<Omit<RelayAnswer, 'grant'>> {
  let answer: Response;
  try {
    answer = await fetcher(throughOrigins(call.url, config.origins), {
      method: call.method,
      headers: {
        accept: 'application/json',
        ...(call.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: call.form?.toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
  } catch (error) {
    return (error as Error)?.name === 'TimeoutError'
      ? json(504, 'upstream_timeout', 'The platform did not answer the relay in time.')
      : json(502, 'upstream_unreachable', 'The relay could not reach the platform.');
  }
  const body = await readBounded(answer, MAX_ANSWER_BYTES).catch(() => null);
  if (body === null)
    return json(502, 'upstream_unreadable', 'The platform’s answer could not be read whole.');
  return {
    status: answer.status,
    body: withoutSecrets(body, config.secrets),
    contentType: answer.headers.get('content-type') ?? 'application/octet-stream',
  };
}

/** A platform that echoes the request back (some error pages do) must not hand out the secret. */
function withoutSecrets(body: string, secrets: readonly string[]): string {
  let out = body;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}

/** The body as text, or null once it passes `limit` bytes (reading stops there). */
async function readBounded(message: Request | Response, limit: number): Promise<string | null> {
  const declared = Number(message.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    await message.body?.cancel();
    return null;
  }
  if (!message.body) return '';
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(whole);
}
