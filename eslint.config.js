// Lint rules, including the process boundaries from docs/architecture: the renderer cannot reach
// Node or Electron, shared code is platform-free, and core services under src/main never import
// electron (only the thin glue files at the top of src/main may).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
];
const noElectron = {
  name: 'electron',
  message:
    'Core code must run under plain Node: keep electron in the glue files at the top of src/main.',
};
const noNode = nodeBuiltins.map((name) => ({
  group: [name],
  message: 'This code must not depend on Node.',
}));

const noPreview = {
  group: ['**/preview/**', '**/preview'],
  message:
    'The browser preview is for development and tests only: shipped code must never reach it.',
};

/** Files at the top of src/main that are allowed to import electron (the glue). */
const electronGlue = ['src/main/*.ts', 'src/preload/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'release',
      'coverage',
      'test-results',
      'playwright-report',
      'test/fixtures',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Everything that is not glue: no electron anywhere (core, CLI, tests, benchmarks, scripts).
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    ignores: electronGlue,
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    // Shipped Node code (core and CLI): no electron in core, never the preview.
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts'],
    ignores: electronGlue,
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noPreview] }] },
  },
  {
    // The Electron glue may use electron, but never the preview.
    files: ['src/main/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noPreview] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            ...noNode,
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'],
              message: 'shared imports nothing from the process folders.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            ...noNode,
            {
              group: ['**/main/**', '**/preload/**', '**/cli/**'],
              message: 'The renderer talks only to window.diarist.',
            },
            noPreview,
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noNode,
            {
              group: ['**/main/**', '**/renderer/**'],
              message: 'The preload only bridges the shared contract.',
            },
            noPreview,
          ],
        },
      ],
    },
  },
  {
    // The preview's stand-in for the preload runs in the page.
    files: ['src/preview/bridge-client.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests index into fixtures they just built; a failed assertion reads better than a guard.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
