// `npm run build`: the desktop app's three bundles into out/ (see vite.config.ts). Targets may be named to build
// only some of them (`node scripts/build.mjs main preload`), and `--out-dir DIR` builds elsewhere than out/ (the
// tests use it so they never disturb a build in progress).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const TARGETS = ['renderer', 'main', 'preload'];

const { values, positionals } = parseArgs({ options: { 'out-dir': { type: 'string' } }, allowPositionals: true });
const unknown = positionals.filter((t) => !TARGETS.includes(t));
if (unknown.length > 0) {
  console.error(`Unknown build target ${unknown.join(', ')}; choose from ${TARGETS.join(', ')}.`);
  process.exit(2);
}
const targets = positionals.length > 0 ? positionals : TARGETS;
const outDir = path.resolve(root, values['out-dir'] ?? 'out');

if (targets.includes('renderer') && !existsSync(path.join(root, 'renderer', 'index.html'))) {
  console.error('Cannot build the renderer: renderer/index.html is missing.');
  process.exit(1);
}

for (const mode of targets) {
  console.log(`Building ${mode}…`);
  await build({ configFile: path.join(root, 'vite.config.ts'), mode, logLevel: 'warn', build: { outDir: path.join(outDir, mode) } });
}
console.log(`Built ${targets.join(', ')} into ${path.relative(root, outDir) || '.'}/.`);
