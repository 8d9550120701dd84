import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const electronAtRuntime = {
  name: 'electron',
  message: "Only main/index.ts and main/electron/** may import 'electron' at run time; elsewhere use `import type`.",
  allowTypeImports: true,
};
const updaterOutsideAdapter = {
  name: 'electron-updater',
  message: 'Only main/electron/updater.ts may use electron-updater; the rest of the app goes through its UpdatesPort.',
};
/** main/ (services, Electron, host, domain) never reaches into the renderer; the renderer reaches main/domain only. */
const noRendererFromMain = { regex: '(^|/)renderer/', message: 'main/ never imports the renderer.' };
const noIpcRenderer = { selector: "Identifier[name='ipcRenderer']", message: 'ipcRenderer belongs in preload/ only.' };
const noDynamicUpdater = {
  selector: "ImportExpression[source.value='electron-updater']",
  message: updaterOutsideAdapter.message,
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'release/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Node's globals everywhere but the renderer, which runs in a page (below).
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    ignores: ['renderer/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronAtRuntime, updaterOutsideAdapter] }],
      'no-restricted-syntax': ['error', noIpcRenderer, noDynamicUpdater],
    },
  },
  {
    files: ['main/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronAtRuntime, updaterOutsideAdapter], patterns: [noRendererFromMain] }] },
  },
  {
    files: ['main/index.ts', 'main/electron/**', 'preload/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [updaterOutsideAdapter], patterns: [noRendererFromMain] }] },
  },
  {
    files: ['preload/**'],
    rules: { 'no-restricted-syntax': ['error', noDynamicUpdater] },
  },
  {
    // The browser host runs the services in plain Node: no Electron adapter, and so never the updater.
    files: ['main/host/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronAtRuntime, updaterOutsideAdapter],
          patterns: [{ group: ['**/electron/*'], message: 'The browser host runs without Electron: nothing from main/electron/.' }, noRendererFromMain],
        },
      ],
    },
  },
  {
    // The renderer reaches main only through the contract (preload/contract.ts), never by importing main/ itself.
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronAtRuntime, updaterOutsideAdapter],
          patterns: [
            {
              regex: '(^|/)main/(?!domain/)',
              message: 'The renderer imports from preload/contract.ts and main/domain/ (pure data and types), nothing else of main/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The contract's values are zod schemas: the renderer takes only its types, and its lists from main/domain, so
    // no schema library goes into the page's bundle. (Tests may use the schemas to hold the renderer to them.)
    files: ['renderer/**'],
    ignores: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronAtRuntime, updaterOutsideAdapter, { name: 'zod', allowTypeImports: true, message: 'The renderer carries no schema library; main validates.' }],
          patterns: [
            {
              regex: '(^|/)main/(?!domain/)',
              message: 'The renderer imports from preload/contract.ts and main/domain/ (pure data and types), nothing else of main/.',
            },
            {
              regex: '(^|/)preload/contract\\.ts$',
              allowTypeImports: true,
              message: 'Only types from the contract: its values are zod schemas. Lists and defaults come from main/domain/vocabulary.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // main/domain is shared with the renderer: pure data, types and functions, no Node, no Electron, no renderer.
    files: ['main/domain/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron', 'electron/*', 'react', 'react-dom', 'zod'], message: 'main/domain is pure data and types.' },
            { regex: '^\\.\\./\\.\\./(?!domain/)|^\\.\\./\\.\\./\\.\\./|renderer/|preload/', message: 'main/domain imports only main/domain.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/electron/updater.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': ['error', noIpcRenderer] },
  },
);
