import { builtinModules } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * The desktop app's three bundles, one per `--mode` (scripts/build.mjs runs all three):
 * - renderer: the React UI from renderer/index.html into out/renderer, served to the window from app://desk/.
 * - main: main/index.ts into out/main/index.js (ES module, Node target); electron and node built-ins stay
 *   external, node:sqlite included, everything else (zod, the services) is bundled. So is electron-updater: it is
 *   CommonJS that reaches `electron` and the built-ins through createRequire, and main/electron/updater.ts loads it
 *   with a dynamic import, so its code runs only when a packaged app checks for updates. app.asar needs no
 *   node_modules for it.
 * - preload: preload/index.ts into out/preload/index.cjs. A sandboxed preload can only `require('electron')`,
 *   so it is CommonJS with the contract and zod bundled in.
 */
const root = import.meta.dirname;
const out = path.join(root, 'out');
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:sqlite', 'node:test', 'node:sea'];

function nodeBundle(entry: string, outDir: string, fileName: string, format: 'es' | 'cjs', external: string[]): UserConfig {
  return {
    root,
    publicDir: false,
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      target: 'node24',
      minify: false,
      sourcemap: false,
      rolldownOptions: {
        external,
        output: { entryFileNames: fileName, format, codeSplitting: false },
      },
    },
    ssr: { noExternal: true, target: 'node' },
  };
}

/**
 * The two languages' texts are chunks of their own (renderer/i18n/translate.ts loads the one shown). The page asks
 * for both at once with modulepreload, so the first screen's texts arrive beside the app's own code instead of
 * after it; only the language shown is ever run.
 */
function preloadLanguages(): Plugin {
  return {
    name: 'preload-languages',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunks = Object.values(context.bundle ?? {}).filter((c) => c.type === 'chunk' && /^assets\/(de|en)-[\w-]+\.js$/.test(c.fileName));
        return chunks.map((c) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${c.fileName}` }, injectTo: 'head' as const }));
      },
    },
  };
}

export default defineConfig(({ mode }): UserConfig => {
  switch (mode) {
    case 'renderer':
      return {
        root: path.join(root, 'renderer'),
        base: './',
        publicDir: false,
        plugins: [react(), preloadLanguages()],
        build: { outDir: path.join(out, 'renderer'), emptyOutDir: true, target: 'chrome140', sourcemap: false },
      };
    case 'main':
      return nodeBundle('main/index.ts', path.join(out, 'main'), 'index.js', 'es', ['electron', ...nodeBuiltins]);
    case 'preload':
      return nodeBundle('preload/index.ts', path.join(out, 'preload'), 'index.cjs', 'cjs', ['electron']);
    default:
      throw new Error(`vite.config.ts builds the desktop app with --mode renderer, main or preload (got "${mode}").`);
  }
});
