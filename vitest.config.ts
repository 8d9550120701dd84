import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'main/**/*.test.ts',
      'preload/**/*.test.ts',
      'renderer/**/*.test.ts',
      // Components render in happy-dom (a DOM in Node); each such file says so in its @vitest-environment docblock.
      'renderer/**/*.test.tsx',
      'tests/electron/**/*.test.ts',
      'tests/build/**/*.test.ts',
    ],
    environment: 'node',
    // Both languages' texts, as main has them (the renderer loads one language at a time; its tests get both).
    setupFiles: ['main/domain/i18n/catalogue.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
