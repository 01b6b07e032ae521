// The 250 ms reachability budget of /health/detailed at its boundary: with a platform that never
// answers, the detailed evaluation is still waiting at 249 ms and answers at 250 ms with the
// platform's last result ("No answer yet."). Only setTimeout is faked; sockets stay real.
import { createServer, type ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HealthDocument } from '../../src-shared/health';
import { createTestCore, type TestCore } from '../../src-main/core/app';
import { REACHABILITY_BUDGET_MS } from '../../src-main/core/health/health-service';
import { createOriginTable } from '../../src-main/core/net/origin-table';
import { httpRequest } from '../support/http-client';
import { capturingLogger, memorySettingsStore, recordingHost, tempDir } from '../support/test-host';
import { profile, tokenSet } from '../support/vault-fixtures';

/** Real I/O turns (setImmediate is not faked; vi.waitFor would advance the fake timers). */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn += 1) {
    if (turn > 100_000) throw new Error('condition not met');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('the reachability budget of /health/detailed', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  const held: ServerResponse[] = [];
  const probes: string[] = [];
  // X's API host: the probe hangs; /control answers at once.
  const host = createServer((request, response) => {
    probes.push(request.url ?? '');
    if (request.url === '/control') response.end('ok');
    else held.push(response);
  });
  let port: number;

  beforeEach(async () => {
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    port = (host.address() as { port: number }).port;
    dir = tempDir();
    core = await createTestCore(
      {
        dataDir: dir.path,
        metricsPort: 0,
        origins: createOriginTable({ 'https://api.x.com': `http://127.0.0.1:${port}` }),
        reachabilityTimeoutMs: 5_000,
      },
      recordingHost(memorySettingsStore()).host,
      { log: capturingLogger() },
    );
    core.vault.require().accounts.saveConnection(profile('x', '1'), tokenSet('x-budget'));
  });
  afterEach(async () => {
    vi.useRealTimers();
    for (const response of held.splice(0)) response.destroy();
    await core.close();
    host.closeAllConnections();
    await new Promise((resolve) => host.close(resolve));
    dir.remove();
  });

  it('is 250 ms: still waiting at 249 ms, answering at 250 ms without the hanging platform', async () => {
    expect(REACHABILITY_BUDGET_MS).toBe(250);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    core.health.invalidate();
    let document: HealthDocument | null = null;
    void core.health.detailed().then((answer) => (document = answer));
    // The probe reached the platform (a positive signal), and hangs there.
    await until(() => probes.includes('/2/users/me'));

    vi.advanceTimersByTime(249);
    // A control round trip: an answer released at 249 ms would have arrived by now.
    expect((await httpRequest(port, { path: '/control' })).body).toBe('ok');
    expect(document).toBeNull();

    vi.advanceTimersByTime(1);
    await until(() => document !== null);
    expect(document!.checks['x:reachability']![0]).toMatchObject({
      status: 'warn',
      output: 'No answer yet.',
    });
  });
});
