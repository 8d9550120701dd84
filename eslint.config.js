import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronAtRuntime = {
  name: 'electron',
  message: "Only main/index.ts and main/electron/** may import 'electron' at run time; elsewhere use `import type`.",
  allowTypeImports: true,
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'release/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronAtRuntime] }],
      'no-restricted-syntax': [
        'error',
        { selector: "Identifier[name='ipcRenderer']", message: 'ipcRenderer belongs in preload/ only.' },
      ],
    },
  },
  {
    files: ['main/index.ts', 'main/electron/**', 'preload/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['preload/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
