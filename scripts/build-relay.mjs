// Bundles the relay (relay/src) into single files with esbuild: the Cloudflare Worker
// (dist/relay/worker.mjs, what wrangler deploys and the tests load into workerd) and the
// self-hosted Node server (dist/relay/node.mjs, what the Dockerfile runs). Hono is bundled in,
// so neither needs node_modules at run time.
import { build } from 'esbuild';

const common = { bundle: true, format: 'esm', logLevel: 'warning', legalComments: 'none' };

export async function buildRelay(outdir = 'dist/relay') {
  await Promise.all([
    build({
      ...common,
      entryPoints: ['relay/src/worker.ts'],
      outfile: `${outdir}/worker.mjs`,
      platform: 'neutral',
      target: 'es2022',
      conditions: ['workerd', 'worker', 'browser'],
    }),
    build({
      ...common,
      entryPoints: ['relay/src/node.ts'],
      outfile: `${outdir}/node.mjs`,
      platform: 'node',
      target: 'node20',
    }),
  ]);
  return { worker: `${outdir}/worker.mjs`, node: `${outdir}/node.mjs` };
}

if (import.meta.url === `file://${process.argv[1]}`) await buildRelay();
