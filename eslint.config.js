// Lint: TypeScript rules that need types (floating promises) and the dependency direction of
// DESIGN.md (renderer never imports main, shared imports nothing of the app, core never electron).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (...patterns) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: patterns.map(([match, message]) =>
        typeof match === 'string' ? { regex: match, message } : { group: match, message },
      ),
    },
  ],
});

const CORE_SHELL_RULES = [
  [
    ['electron', 'electron/*', 'electron-store'],
    'The core runs under plain Node: receive Electron capabilities through Host.',
  ],
  [['**/electron/*', '**/serve/*'], 'The core never imports a shell; the shells import the core.'],
];

/**
 * The core's layers, top to bottom (DESIGN.md, Layout): a file may import only layers below its
 * own. Written once here; the rules below are generated from it. `top` and `base` are files in
 * src-main/core itself: the composition root with the contract's handlers, and the bottom kit.
 */
export const CORE_LAYERS = [
  'top',
  'tools',
  'plans',
  'alerts',
  'usage',
  'refresh',
  'connect',
  'avatars',
  'platforms',
  'oauth',
  'health',
  'vault',
  'net',
  'base',
];
/** The files of src-main/core itself that form the top layer; every other one there is `base`. */
const CORE_TOP_FILES = ['app', 'app-[a-z-]+', 'api', 'api-[a-z-]+', 'config'];

/** One lint block per layer forbidding imports of every layer above it (and the shells). */
function coreLayering() {
  const top = `(${CORE_TOP_FILES.join('|')})(\\.test)?(\\.js)?$`;
  const topGlobs = ['app.ts', 'app-*.ts', 'api.ts', 'api-*.ts', 'config.ts', 'config.test.ts'];
  return CORE_LAYERS.slice(1).map((layer, index) => {
    const above = CORE_LAYERS.slice(1, index + 1).join('|');
    // From a folder, other folders are `../name`; from a base file they are `./name`. Test kits
    // (*.test-kit.ts) script a layer for the tests below it and are not part of the layering.
    const up = layer === 'base' ? '\\./' : '(\\.\\./)+';
    const folders = `^${up}(${above})(/(?![^/]*\\.test-kit$)|$)`;
    const message = `The core's layers (eslint.config.js CORE_LAYERS): ${layer}/ may import only layers below it.`;
    const rules = [...CORE_SHELL_RULES, [`^${up}${top}`, message]];
    if (above) rules.push([folders, message]);
    return layer === 'base'
      ? {
          files: ['src-main/core/*.ts'],
          ignores: topGlobs.map((glob) => `src-main/core/${glob}`),
          rules: restrict(...rules),
        }
      : { files: [`src-main/core/${layer}/**/*.ts`], rules: restrict(...rules) };
  });
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    // One program from tsconfig.json (every .ts file is in it): a third faster than the
    // project service, which works out each file's project for itself.
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
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
  { files: ['src-main/core/**/*.ts'], rules: restrict(...CORE_SHELL_RULES) },
  ...coreLayering(),
);
