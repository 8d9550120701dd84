import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Bundles the headless CLI into one ES module for the package bin; node built-ins stay external.
export default defineConfig({
  build: {
    ssr: 'main/cli.ts',
    outDir: 'dist',
    emptyOutDir: false,
    target: 'node24',
    minify: false,
    rollupOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      // One file for the package bin: main/cli.ts imports each command's module on demand, which would split it.
      output: { entryFileNames: 'cli.mjs', format: 'es', inlineDynamicImports: true },
    },
  },
  ssr: { noExternal: true },
});
