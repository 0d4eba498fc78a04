// Lint rules, including the layers of docs/architecture.md: shared ← core ← main / cli / preview,
// and the renderer and preload reach only shared. Each layer may import only itself and the
// layers below it, so no chain of imports can reach upwards. Electron exists only in src/main
// (the glue) and src/preload.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';

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

/**
 * A layer's folders by name: an import whose path passes through one of them (relative or not)
 * reaches that layer. Matched on the path as written, so `../../main/dialogs` from src/core counts.
 */
const reaching = (layers, message) => ({
  regex: `(^|/)(${layers.join('|')})(/|$)`,
  message,
});
const noPreview = reaching(
  ['preview'],
  'The browser preview is for development and tests only: shipped code must never reach it.',
);

/** Where Electron may be imported: the glue and the preload. */
const electronGlue = ['src/main/**/*.ts', 'src/preload/**/*.ts'];

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
      '.stryker-tmp',
      'reports',
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
    // Everything that is not glue: no electron anywhere (core, CLI, preview, tests, benchmarks).
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    ignores: electronGlue,
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    // The core: plain Node, below every process folder.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            reaching(
              ['main', 'cli', 'preview', 'renderer', 'preload'],
              'The core is shared by the app, the command line and the preview: it imports only src/core and src/shared (docs/architecture.md).',
            ),
          ],
        },
      ],
    },
  },
  {
    // The command line sits on the core, beside the Electron glue.
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            reaching(
              ['main', 'renderer', 'preload'],
              'The command line runs on the core alone (docs/architecture.md).',
            ),
            noPreview,
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            reaching(
              ['cli', 'renderer', 'preload'],
              'The Electron glue talks to the page only through IPC and builds on the core (docs/architecture.md).',
            ),
            noPreview,
          ],
        },
      ],
    },
  },
  {
    // The preview wires the core to a browser page, as main wires it to Electron.
    files: ['src/preview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            reaching(
              ['main', 'cli', 'renderer'],
              'The preview builds on the core, as the app does (docs/architecture.md).',
            ),
          ],
        },
      ],
    },
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
            reaching(
              ['core', 'main', 'renderer', 'preload', 'cli', 'preview'],
              'shared is the bottom layer: it imports nothing from the other folders.',
            ),
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
            reaching(
              ['core', 'main', 'preload', 'cli', 'preview'],
              'The renderer talks only to window.diarist.',
            ),
          ],
        },
      ],
    },
  },
  {
    // Every word a person reads or hears on the page comes from the catalogues (src/shared/i18n):
    // JSX text, and the attributes that are shown or spoken. A file not converted yet says so in a
    // disable comment at its top, so the list of what is left is `grep -l no-literal-string`.
    files: ['src/renderer/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: [
              'aria-label',
              'aria-description',
              'aria-roledescription',
              'aria-valuetext',
              'title',
              'placeholder',
              'alt',
              'label',
            ],
          },
          // Punctuation and symbols alone, and the product names, which no language translates.
          words: { exclude: ['[0-9!-/:-@[-`{-~\\s–—…×✕·•]+', 'Diarist', 'pyannoteAI'] },
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
            reaching(
              ['core', 'main', 'renderer', 'cli', 'preview'],
              'The preload only bridges the shared contract.',
            ),
          ],
        },
      ],
    },
  },
  {
    // The preview page's bridge runs in the page (bundled for the browser by scripts/build.mjs).
    files: ['src/preview/browser/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests index into fixtures they just built; a failed assertion reads better than a guard.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
