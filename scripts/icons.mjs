// `npm run icons`: renders every icon electron-builder packs from the one drawing build/icon.svg, into build/:
// icon.png (1024×1024, the source of the others), icons/NxN.png (Linux's icon set, each size rendered from the
// drawing rather than scaled down), icon.icns (macOS, 16 to 1024) and icon.ico (Windows, 16 to 256). The output
// is byte for byte the same on every run, so the committed files can be checked against the drawing
// (tests/build/icons.test.ts). `--out-dir DIR` writes elsewhere than build/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Resvg, initWasm } from '@resvg/resvg-wasm';

const require = createRequire(import.meta.url);
const png2icons = require('png2icons');

const root = path.resolve(import.meta.dirname, '..');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
const outDir = path.resolve(root, values['out-dir'] ?? 'build');

// The package's exports name only its JavaScript; the wasm file sits beside it.
await initWasm(readFileSync(path.join(path.dirname(require.resolve('@resvg/resvg-wasm')), 'index_bg.wasm')));
const svg = readFileSync(path.join(root, 'build', 'icon.svg'));

function render(size) {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  const image = resvg.render();
  const png = Buffer.from(image.asPng());
  image.free();
  resvg.free();
  return png;
}

function write(relative, bytes) {
  const file = path.join(outDir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  console.log(`${path.relative(root, file)}  ${bytes.length} bytes`);
}

const master = render(1024);
write('icon.png', master);
for (const size of LINUX_SIZES) write(path.join('icons', `${size}x${size}.png`), render(size));

// Bicubic scaling (png2icons' BICUBIC averages over the whole footprint; BICUBIC2 and the faster ones alias badly
// at 16 px), all colours kept. The .ico is the variant for executables: BMP below 64 px (the file
// properties dialog of older Windows shows PNG entries scrambled), PNG above.
const icns = png2icons.createICNS(master, png2icons.BICUBIC, 0);
const ico = png2icons.createICO(master, png2icons.BICUBIC, 0, false, true);
if (icns === null || ico === null) {
  console.error('png2icons could not convert build/icon.png.');
  process.exit(1);
}
write('icon.icns', icns);
write('icon.ico', ico);
