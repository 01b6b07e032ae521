import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The release workflow's smoke test of the real Electron app. Not part of `npm test` (the
// Electron binary cannot be downloaded everywhere); its steps also run there, against demo mode.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/smoke/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
