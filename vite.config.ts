import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { buildInfoDefines } from './scripts/build-info.mjs';
import { splitUnitFiles } from './scripts/test-pools.mjs';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));
// Files that change process-wide state (mocks, fake timers, stubs…) run isolated; the rest
// share workers and module caches (scripts/test-pools.mjs says why and how files are sorted).
const unitFiles = splitUnitFiles(projectRoot);
const unitOptions = {
  testTimeout: 20_000,
  // Vitest's default is one worker fewer than the cores: one on a two-core CI machine,
  // where most files wait on child processes, sockets or scrypt and leave a core idle.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  sequence: { groupOrder: 0 },
};

export default defineConfig({
  root: 'src-renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or styles: the Content-Security-Policy forbids them.
    assetsInlineLimit: 0,
  },
  define: buildInfoDefines(),
  test: {
    root: projectRoot,
    setupFiles: ['test/support/no-internet.ts'],
    projects: [
      {
        extends: true,
        test: {
          ...unitOptions,
          name: 'unit',
          include: unitFiles.shared,
          // One worker runs file after file with a shared module cache, which skips each file's
          // start-up; the guard fails a file that leaves process-wide state behind.
          isolate: false,
          setupFiles: ['test/support/shared-pool-guard.ts'],
        },
      },
      {
        extends: true,
        test: {
          ...unitOptions,
          name: 'unit-isolated',
          include: unitFiles.isolated,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two files at a time: each waits on its demo process and on the browser in turn, so
          // one alone leaves a core idle. Every file has its own demo, data folder and contexts.
          maxWorkers: 2,
          // One Chromium for the run; each file connects to it (test/e2e/chromium.ts).
          globalSetup: ['test/e2e/chromium-server.ts'],
          // After the unit project, so CPU-heavy browser and packaging runs never slow timing-sensitive tests.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
