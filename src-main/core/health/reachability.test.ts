import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { failureDetail, probeReachability } from './reachability';

/** A host on 127.0.0.1 that accepts requests and never answers them. */
async function hangingHost(): Promise<{ url: string; server: Server }> {
  const held: ServerResponse[] = [];
  const server = createServer((_request, response) => held.push(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  server.on('close', () => held.forEach((response) => response.destroy()));
  return { url: `http://127.0.0.1:${port}/probe`, server };
}

describe('reachability probe labels', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a host that never answers is "no answer within" the limit, not a number', async () => {
    const host = await hangingHost();
    servers.push(host.server);
    const result = await probeReachability(host.url, 200);
    expect(result).toMatchObject({ reachable: false, detail: 'no answer within 200 ms' });
  });

  it('a refused connection names its system code', async () => {
    const host = await hangingHost();
    const { url } = host;
    await new Promise((resolve) => host.server.close(resolve));
    const result = await probeReachability(url, 1_000);
    expect(result).toMatchObject({ reachable: false, detail: 'unreachable (ECONNREFUSED)' });
  });

  it('reads a DOMException by its name: its numeric legacy code means nothing to a creator', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(timeout.code).toBe(23);
    expect(failureDetail(timeout, 5_000)).toBe('no answer within 5000 ms');
    expect(failureDetail(Object.assign(new Error('x'), { code: 'UND_ERR_BODY_TIMEOUT' }), 9)).toBe(
      'no answer within 9 ms',
    );
    const refusedDom = new DOMException('refused', 'NetworkError');
    expect(failureDetail(refusedDom, 5_000)).toBe('unreachable (NetworkError)');
    expect(failureDetail('odd', 5_000)).toBe('unreachable (error)');
  });
});
