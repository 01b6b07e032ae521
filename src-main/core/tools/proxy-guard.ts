import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { AccountSummary } from '../../../src-shared/account';
import type { AccountBrief } from '../vault/accounts-repo';
import { AppError } from '../../../src-shared/errors';
import { auditPath } from './proxy-audit';
import { DESCRIPTORS } from '../platforms/descriptors';
import type { TokenGuard } from '../platforms/platform-descriptor';
import type { ProxyTarget } from './proxy-target';
import { auditTool, type ToolsApiDeps } from './tool-context';
import type { ToolIdentity } from './tool-keys-repo';

type Params = [name: string, value: string][];

const word = (name: string) => new RegExp(`(?:^|[^a-z0-9_])${name}(?![a-z0-9_])`, 'i');

/** A guard's parameter rules, built once per guard instead of on every proxied call. */
interface ParamRules {
  refused: ReadonlySet<string>;
  fields: readonly { name: string; pattern: RegExp }[];
  /** `accounts.limit(5){id,name}` names its fields; `accounts` or `accounts.limit(5)` does not. */
  edges: readonly { name: string; bare: RegExp }[];
}

const compiled = new WeakMap<TokenGuard, ParamRules | null>();

/** The guard's parameter rules, or null when it has none (no parameter can then mint a token). */
function rulesOf(guard: TokenGuard): ParamRules | null {
  if (compiled.has(guard)) return compiled.get(guard)!;
  const refused = new Set((guard.params ?? []).map((name) => name.toLowerCase()));
  const fields = (guard.fields ?? []).map((name) => ({ name, pattern: word(name) }));
  const edges = (guard.tokenEdges ?? []).map((name) => ({
    name,
    bare: new RegExp(`${word(name).source}(?:\\.[a-z_]+\\([^)]*\\))*(?!\\s*[.{(])`, 'i'),
  }));
  const rules =
    refused.size === 0 && fields.length === 0 && edges.length === 0
      ? null
      : { refused, fields, edges };
  compiled.set(guard, rules);
  return rules;
}

/**
 * Why Graph-style parameters would hand out a token, or null: a refused parameter, a `fields`
 * list naming a refused field at any depth, or a token edge read with its default fields
 * (`me/accounts`, `fields=accounts` without `{…}`).
 */
function paramsReason(
  rules: ParamRules,
  path: string,
  method: string,
  params: Params,
): string | null {
  const found = params.find(([name]) => rules.refused.has(name.toLowerCase()));
  if (found) return `parameter ${found[0].toLowerCase()}`;
  const fields = params.filter(([name]) => name.toLowerCase() === 'fields').map(([, v]) => v);
  for (const field of rules.fields)
    if (fields.some((list) => field.pattern.test(list))) return `field ${field.name}`;
  for (const edge of rules.edges) {
    if (fields.some((list) => edge.bare.test(list))) return `default fields of ${edge.name}`;
    const last = path.split('/').filter(Boolean).at(-1)?.toLowerCase();
    const read = method === 'GET' || method === 'HEAD';
    if (read && last === edge.name && !fields.some((list) => list.trim() !== ''))
      return `edge ${edge.name}`;
  }
  return null;
}

/** Why this call would reach a token endpoint or ask for a token, or null when it would not. */
export function tokenMintingReason(
  provider: AccountSummary['provider'],
  method: string,
  target: Pick<ProxyTarget, 'path' | 'query'>,
): string | null {
  const guard = DESCRIPTORS[provider].api.tokenGuard;
  if (guard.paths.some((pattern) => pattern.test(target.path))) return 'token endpoint';
  const rules = rulesOf(guard);
  if (!rules) return null;
  return paramsReason(rules, target.path, method, [...new URLSearchParams(target.query)]);
}

const mediaType = (headers: IncomingHttpHeaders) =>
  (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/** The parameters a body carries, as the platform would read them; null when unreadable. */
function bodyParams(headers: IncomingHttpHeaders, body: Buffer | IncomingMessage): Params | null {
  const type = mediaType(headers);
  const parsed = type === 'application/x-www-form-urlencoded' || type === 'application/json';
  if (type === 'multipart/form-data' || (parsed && !Buffer.isBuffer(body))) return null;
  if (!Buffer.isBuffer(body) || !parsed) return [];
  const text = body.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return [...new URLSearchParams(text)];
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
    return Object.entries(value).map(([name, v]) => [name, typeof v === 'string' ? v : '']);
  } catch {
    return [];
  }
}

/** Why this body would ask the platform for a token (Graph reads parameters from bodies). */
export function bodyMintingReason(
  provider: AccountSummary['provider'],
  method: string,
  target: Pick<ProxyTarget, 'path'>,
  headers: IncomingHttpHeaders,
  body: Buffer | IncomingMessage | null,
): string | null {
  const guard = DESCRIPTORS[provider].api.tokenGuard;
  if (!guard.bodyParams || body === null) return null;
  const params = bodyParams(headers, body);
  // Multipart or a large form cannot be checked here without holding it: refused on Graph.
  if (params === null) return 'unreadable parameters';
  const rules = rulesOf(guard);
  return rules && paramsReason(rules, target.path, method, params);
}

/** Refuses (403 `proxy_path_forbidden`) and audits, before any platform call. */
export function refuseTokenMinting(
  deps: ToolsApiDeps,
  tool: ToolIdentity,
  account: AccountBrief,
  method: string,
  target: Pick<ProxyTarget, 'path' | 'query'>,
  body?: { headers: IncomingHttpHeaders; body: Buffer | IncomingMessage | null },
): void {
  const reason = body
    ? bodyMintingReason(account.provider, method, target, body.headers, body.body)
    : tokenMintingReason(account.provider, method, target);
  if (reason === null) return;
  const line = `tool "${tool.name}" ${method} ${auditPath(target.path)} → refused (${reason})`;
  auditTool(deps, account, 'tool_request', 'failed', line);
  throw new AppError('proxy_path_forbidden');
}
