import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { failure } from '../dispatch';
import { bearerOf, readJsonBody, sendJson } from '../loopback-http';
import { createKeySlots } from './key-slots';
import { looksLikeToolKey } from './tool-key';
import type { ToolIdentity } from './tool-keys-repo';
import {
  accountFor,
  auditTool,
  refuseIfNeedsCreator,
  sendError,
  type ToolsApiDeps,
} from './tool-context';
import { proxyAccountId } from './proxy-target';
import { proxyCall } from './tool-proxy';
import { DEFAULT_MIN_VALIDITY_SECONDS, MAX_MIN_VALIDITY_SECONDS } from '../../../src-shared/tools';

const TokenRequestSchema = z.strictObject({
  minValiditySeconds: z.number().int().min(0).max(MAX_MIN_VALIDITY_SECONDS).optional(),
});

/**
 * A request body must keep a minimum pace (receipt-deadline.ts); once it is in, a tool that
 * stops reading its answer for this long (or a platform silent this long) is let go instead of
 * holding a connection for ever.
 */
export const IDLE_REQUEST_MS = 60_000;

const TOKEN_PATH = /^\/v1\/accounts\/([A-Za-z0-9-]{1,64})\/token$/;

/**
 * The local API for a creator's tools, under /v1/ on the health server (which has already
 * checked Host). A web page must never reach it: any request a browser marks as coming from a
 * page (Origin, Sec-Fetch-Site other than `none`) is refused before the key is even read.
 */
export function createToolsApi(deps: ToolsApiDeps) {
  const slots = createKeySlots();
  const identify = (request: IncomingMessage): ToolIdentity => {
    const presented = bearerOf(request);
    if (!presented || !looksLikeToolKey(presented)) throw new AppError('tool_key_invalid');
    const tool = deps.keys().verify(presented);
    if (!tool) throw new AppError('tool_key_invalid');
    return tool;
  };

  const listAccounts = (tool: ToolIdentity, response: ServerResponse) => {
    const all = deps.vault.require().accounts.listAll();
    const visible = tool.accountIds
      ? all.filter((account) => tool.accountIds!.includes(account.id))
      : all;
    sendJson(response, 200, { accounts: visible });
  };

  const handToken = async (
    tool: ToolIdentity,
    accountId: string,
    request: IncomingMessage,
    response: ServerResponse,
  ) => {
    const account = accountFor(deps, tool, accountId, 'token');
    const parsed = TokenRequestSchema.safeParse(await readJsonBody(request));
    if (!parsed.success) {
      throw new AppError(
        'invalid_input',
        `Send {} or { "minValiditySeconds": 0–${MAX_MIN_VALIDITY_SECONDS} }.`,
      );
    }
    const minValidity = parsed.data.minValiditySeconds ?? DEFAULT_MIN_VALIDITY_SECONDS;
    try {
      refuseIfNeedsCreator(account);
      const secrets = await deps.keeper.ensureFresh(accountId, minValidity, `tool:${tool.name}`);
      auditTool(deps, account, 'tool_token', 'ok', `tool "${tool.name}" took an access token`);
      sendJson(response, 200, {
        accessToken: secrets.accessToken,
        tokenType: 'Bearer',
        expiresAt:
          secrets.accessExpiresAt === null ? null : new Date(secrets.accessExpiresAt).toISOString(),
        scopes: secrets.scopes,
      });
    } catch (error) {
      auditTool(deps, account, 'tool_token', 'failed', `tool "${tool.name}" asked for a token`);
      throw error;
    }
  };

  return async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '';
    let kind: 'accounts' | 'token' | 'proxy' = 'accounts';
    let tool: ToolIdentity | null = null;
    request.setTimeout(IDLE_REQUEST_MS, () => request.destroy());
    try {
      const site = request.headers['sec-fetch-site'];
      if (request.headers.origin !== undefined || (site !== undefined && site !== 'none'))
        throw new AppError('forbidden_origin');
      tool = identify(request);
      slots.hold(tool.id, response);
      const tokenMatch = TOKEN_PATH.exec(url);
      const proxied = proxyAccountId(url);
      if (url === '/v1/accounts') {
        if (request.method !== 'GET') return methodNotAllowed(response, 'GET');
        listAccounts(tool, response);
      } else if (tokenMatch) {
        kind = 'token';
        if (request.method !== 'POST') return methodNotAllowed(response, 'POST');
        await handToken(tool, tokenMatch[1]!, request, response);
      } else if (proxied || url.startsWith('/v1/proxy/')) {
        kind = 'proxy';
        if (!proxied) throw new AppError('proxy_path_invalid');
        await proxyCall(deps, tool, proxied, request, response);
      } else {
        throw new AppError('not_found');
      }
      deps.count?.(tool.name, kind, String(response.statusCode));
    } catch (error) {
      let account = null;
      if (tool && kind !== 'accounts') {
        const id = TOKEN_PATH.exec(url)?.[1] ?? proxyAccountId(url);
        account = id ? (deps.vault.current()?.accounts.brief(id) ?? null) : null;
      }
      sendError(response, error, deps.log, account);
      if (tool) deps.count?.(tool.name, kind, String(response.statusCode));
    }
  };
}

function methodNotAllowed(response: ServerResponse, allow: string): void {
  sendJson(response, 405, failure('method_not_allowed'), { Allow: allow });
}
