/**
 * Playwright's global setup: builds the renderer once per run with the app's own Vite config (mode "renderer"),
 * into out/e2e-renderer so a run never disturbs out/renderer, which the desktop build and `start:browser` use.
 */
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..', '..');
export const E2E_RENDERER_DIR = path.join(root, 'out', 'e2e-renderer');

export default async function buildRenderer(): Promise<void> {
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    mode: 'renderer',
    logLevel: 'warn',
    build: { outDir: E2E_RENDERER_DIR, emptyOutDir: true, reportCompressedSize: false },
  });
}
