import { Counter } from 'prom-client';
import type { Metrics } from '../health/metrics';
import type { Logger } from '../logger';
import type { OriginTable } from '../net/origin-table';
import type { ToolsApiDeps } from './tool-context';
import type { TokenKeeper } from '../refresh/token-keeper';
import type { VaultGate } from '../vault/vault-gate';
import type { ToolUsage } from './proxy-usage';
import { createToolHandlers, toolKeysOf } from './tool-handlers';
import { createToolsApi } from './tools-api';

/**
 * Everything the tools domain gives the core: the IPC handlers for Settings → Tools and the /v1
 * API the health server mounts. One call from the composition root.
 */
export function createTools(deps: {
  vault: VaultGate;
  keeper: TokenKeeper;
  origins: OriginTable;
  adapters: ToolsApiDeps['adapters'];
  usage: ToolUsage;
  metrics: Pick<Metrics, 'registry'>;
  log: Logger;
  now: () => number;
  onChange?: () => void;
  upstreamTimeoutMs?: number;
  /** The bundled `switchboard` command, for "Install the command" (Host.commandEntry). */
  commandEntry?: string;
}) {
  const keys = toolKeysOf(deps.vault, deps.now);
  // The tool's name is a bounded label: keys are few and made by the creator by hand.
  const requests = new Counter({
    name: 'switchboard_tool_requests_total',
    help: 'Calls of the local tool API by tool key name, kind (accounts, token, proxy) and HTTP status.',
    labelNames: ['tool', 'kind', 'outcome'],
    registers: [deps.metrics.registry],
  });
  return {
    handlers: createToolHandlers({
      keys,
      vault: deps.vault,
      ...(deps.onChange ? { onChange: deps.onChange } : {}),
      ...(deps.commandEntry ? { commandEntry: deps.commandEntry } : {}),
    }),
    api: createToolsApi({
      keys,
      vault: deps.vault,
      keeper: deps.keeper,
      origins: deps.origins,
      adapters: deps.adapters,
      usage: deps.usage,
      log: deps.log,
      now: deps.now,
      ...(deps.upstreamTimeoutMs ? { upstreamTimeoutMs: deps.upstreamTimeoutMs } : {}),
      count: (tool, kind, outcome) => requests.inc({ tool, kind, outcome }),
    }),
  };
}
