import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../src-main/core/app';
import { startServeServer, type ServeServer } from '../../src-main/serve/server';
import { exchangeLink, linkSecret } from './http-client';
import { capturingLogger, tempDir } from './test-host';

/** A built renderer in miniature: index.html and one asset (plus `extra` files by path). */
export function rendererFolder(extra: Record<string, string | Buffer> = {}): string {
  const dir = tempDir('switchboard-renderer-').path;
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  for (const [path, content] of Object.entries(extra)) writeFileSync(join(dir, path), content);
  return dir;
}

/** Serve mode's HTTP server on a free port, with its log kept for assertions. */
export async function serve(
  core: Pick<Core, 'dispatch' | 'subscribe'>,
  rendererDir = rendererFolder(),
): Promise<ServeServer & { log: ReturnType<typeof capturingLogger>; rendererDir: string }> {
  const log = capturingLogger();
  const server = await startServeServer({ core, rendererDir, port: 0, log });
  return Object.assign(server, { log, rendererDir });
}

/** Spends the server's first link as the page would; resolves with the header to send. */
export async function sessionAuth(server: ServeServer): Promise<{ Authorization: string }> {
  const answer = await exchangeLink(server.port, linkSecret(server.pageUrl));
  if (answer.status !== 200) throw new Error(`session exchange answered ${answer.status}`);
  return { Authorization: `Bearer ${answer.session}` };
}

/** A core stand-in whose events the test emits itself, counting who listens. */
export function eventSource() {
  const listeners = new Set<(message: { event: string; payload: unknown }) => void>();
  return {
    core: {
      dispatch: async () => ({ ok: true as const, value: null }),
      subscribe(listener: (message: { event: string; payload: unknown }) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    } as unknown as Pick<Core, 'dispatch' | 'subscribe'>,
    emit: (event: string, payload: unknown) => {
      for (const listener of listeners) listener({ event, payload });
    },
    listeners: () => listeners.size,
  };
}
