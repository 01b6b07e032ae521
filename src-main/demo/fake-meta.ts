import { randomBytes } from 'node:crypto';
import { jsonReply, type FakeRequest, type FaultSpec, type Reply } from './fake-http';
import type { FakeContext } from './fake-oauth-server';
import type { CodeProblem, TokenRecord } from './fake-tokens';

/** Meta's error envelope, shared by graph.instagram.com and graph.facebook.com. */
export function metaError(
  status: number,
  message: string,
  code: number,
  subcode?: number,
  headers: Record<string, string> = {},
): Reply {
  const error: Record<string, unknown> = { message, type: 'OAuthException', code };
  if (subcode !== undefined) error.error_subcode = subcode;
  error.fbtrace_id = randomBytes(8).toString('base64url');
  return jsonReply(status, { error }, headers);
}

/** Graph paths may carry a version (`/v27.0/me`); the rest of the path is the same. */
export function splitVersion(path: string): { version: string | null; rest: string } {
  const match = /^\/(v\d+\.\d+)(\/.*)$/.exec(path);
  return match ? { version: match[1]!, rest: match[2]! } : { version: null, rest: path };
}

/** Distinct Graph versions in these paths, in order of first use (`unversioned` when none). */
export function versionsOf(paths: string[]): string[] {
  return [...new Set(paths.map((path) => splitVersion(path).version ?? 'unversioned'))];
}

/** Graph takes the token as `access_token` (query or form) or as a Bearer header. */
export const graphToken = (request: FakeRequest) =>
  request.query.get('access_token') ?? request.form.get('access_token') ?? request.bearer;

export const codeProblemError = (problem: CodeProblem) =>
  problem === 'used'
    ? metaError(400, 'This authorization code has been used.', 100, 36009)
    : problem === 'expired'
      ? metaError(400, 'This authorization code has expired.', 100, 36007)
      : metaError(400, 'Invalid verification code format.', 100, 36007);

export const REDIRECT_MISMATCH = () =>
  metaError(
    400,
    'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
    100,
    36008,
  );

/** Meta's wrong-secret answer really uses code 1, the code it also uses for transient errors. */
export const BAD_SECRET = () => metaError(400, 'Error validating client secret.', 1);

/**
 * The token behind a Graph call, or Meta's answer: no token is code 2500, an unknown or revoked
 * one 190, an expired one 190/463.
 */
export function graphAuth(
  context: FakeContext,
  request: FakeRequest,
): { record: TokenRecord } | { reply: Reply } {
  const token = graphToken(request);
  if (!token)
    return {
      reply: metaError(
        400,
        'An active access token must be used to query information about the current user.',
        2500,
      ),
    };
  const record = context.tokens.find(token);
  if (!record || record.kind !== 'access' || context.tokens.dead(record))
    return { reply: metaError(400, 'Invalid OAuth access token - Cannot parse access token', 190) };
  if (context.tokens.expired(record))
    return {
      reply: metaError(
        400,
        `Error validating access token: Session has expired on ${new Date(record.expiresAt!).toUTCString()}.`,
        190,
        463,
      ),
    };
  return { record };
}

/** Keeps only the requested fields that exist; Graph rejects a field it does not know. */
export function pickFields(
  all: Record<string, unknown>,
  requested: string | null,
  fallback: string[],
  node: string,
): { value: Record<string, unknown> } | { reply: Reply } {
  const names = requested
    ? requested
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
    : fallback;
  const unknown = names.find((name) => !(name in all));
  if (unknown)
    return {
      reply: metaError(
        400,
        `(#100) Tried accessing nonexisting field (${unknown}) on node type (${node})`,
        100,
      ),
    };
  const value: Record<string, unknown> = { id: all.id };
  for (const name of names) if (all[name] !== undefined) value[name] = all[name];
  return { value };
}

/** Meta's answers to injected faults. */
export function metaFaultReply(fault: FaultSpec, request: FakeRequest): Reply {
  const usage = {
    'x-app-usage': JSON.stringify({ call_count: 100, total_time: 64, total_cputime: 31 }),
  };
  switch (fault.kind) {
    case '429':
      return metaError(429, '(#4) Application request limit reached', 4, undefined, {
        ...usage,
        'retry-after': String(fault.resetAfterSeconds ?? 60),
      });
    case 'quota':
      // Meta's real throttle answer: HTTP 400, code 17, usage header at 100 %.
      return metaError(400, '(#17) User request limit reached', 17, undefined, usage);
    case 'invalid_grant':
      return metaError(
        400,
        'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
        190,
        460,
      );
    case 'missing_fields':
      return jsonReply(200, /access_token/.test(request.path) ? { token_type: 'bearer' } : {});
    default: {
      const status = fault.kind === '503' ? 503 : 500;
      return jsonReply(status, {
        error: {
          message: 'An unexpected error has occurred. Please retry your request later.',
          type: 'OAuthException',
          is_transient: true,
          code: 2,
          fbtrace_id: randomBytes(8).toString('base64url'),
        },
      });
    }
  }
}

export const unknownPath = (request: FakeRequest) =>
  metaError(404, `Unknown path components: ${request.path}`, 2500);
