// Lint: TypeScript rules that need types (floating promises) and the dependency direction of
// DESIGN.md (renderer never imports main, shared imports nothing of the app, core never electron).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (...patterns) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map(([group, message]) => ({ group, message })) },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: restrict(
      [
        [
          'node:*',
          'electron',
          'electron-store',
          'react',
          'react-dom',
          'better-sqlite3',
          'undici',
          'conf',
        ],
        'src-shared is pure TypeScript: no Node, Electron, React or I/O libraries.',
      ],
      [
        ['**/src-main/**', '**/src-renderer/**', '../src-main/*', '../src-renderer/*'],
        'src-shared imports nothing of the app.',
      ],
    ),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: restrict(
      [
        ['node:*', 'electron', 'electron-store', 'better-sqlite3', 'undici', 'conf'],
        'The renderer runs in a sandboxed page: no Node or Electron.',
      ],
      [
        ['**/src-main/**', '../src-main/*', '../../src-main/*'],
        'The renderer talks to main only through src-renderer/ipc.ts.',
      ],
    ),
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: restrict(
      [
        ['electron', 'electron/*', 'electron-store'],
        'The core runs under plain Node: receive Electron capabilities through Host.',
      ],
      [
        ['**/electron/*', '**/serve/*'],
        'The core never imports a shell; the shells import the core.',
      ],
    ),
  },
);
