import type { ServerResponse } from 'node:http';
import { AppError } from '../../../src-shared/errors';

/**
 * Requests one tool key may have in flight at once. A tool uploading in parallel rarely runs
 * more than a few (the platforms themselves take only a few uploads at once per account), and
 * MAX_CONNECTIONS / 8 keys would be needed to fill the health server with requests it cannot
 * shed, so one runaway or hostile tool cannot lock out the others, /health or /metrics.
 */
export const MAX_REQUESTS_PER_KEY = 8;

/** Places per tool key for /v1 requests in flight. */
export interface KeySlots {
  /** Holds one of `keyId`'s places until `response` closes; throws `tool_key_busy` when none is free. */
  hold(keyId: string, response: ServerResponse): void;
  /** Requests `keyId` has in flight. */
  held(keyId: string): number;
}

export function createKeySlots(max = MAX_REQUESTS_PER_KEY): KeySlots {
  const inFlight = new Map<string, number>();
  return {
    hold(keyId, response) {
      const now = inFlight.get(keyId) ?? 0;
      if (now >= max) throw new AppError('tool_key_busy');
      inFlight.set(keyId, now + 1);
      // 'close' comes once the answer is written or the tool hung up, whichever is first.
      response.once('close', () => {
        const left = (inFlight.get(keyId) ?? 1) - 1;
        if (left > 0) inFlight.set(keyId, left);
        else inFlight.delete(keyId);
      });
    },
    held: (keyId) => inFlight.get(keyId) ?? 0,
  };
}
