/**
 * The app icons in build/: `npm run icons` renders them again from build/icon.svg into a temporary folder, and every
 * committed file must come out byte for byte the same (so the drawing and the files cannot drift apart, and the
 * script is deterministic). Then the formats are read back: the PNGs' dimensions, the .ico directory and the
 * .icns chunks, each entry's size checked against its payload.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const buildDir = path.join(root, 'build');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 72, 96, 128, 256];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let rendered: string;

/** Width, height, bit depth and colour type from a PNG's IHDR chunk. */
function pngHeader(png: Buffer): { width: number; height: number; bitDepth: number; colorType: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature').toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png[24] ?? -1, colorType: png[25] ?? -1 };
}

function committedFiles(): string[] {
  return ['icon.png', 'icon.icns', 'icon.ico', ...readdirSync(path.join(buildDir, 'icons')).map((f) => path.join('icons', f))].sort();
}

beforeAll(() => {
  rendered = mkdtempSync(path.join(tmpdir(), 'aud-icons-'));
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'icons.mjs'), '--out-dir', rendered], { cwd: root, encoding: 'utf8' });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
}, 60_000);

afterAll(() => {
  if (rendered !== undefined) rmSync(rendered, { recursive: true, force: true });
});

describe('build/ icons', () => {
  it('are exactly what `npm run icons` renders from build/icon.svg', () => {
    const again = ['icon.png', 'icon.icns', 'icon.ico', ...readdirSync(path.join(rendered, 'icons')).map((f) => path.join('icons', f))].sort();
    expect(again).toEqual(committedFiles());
    for (const file of again) expect(readFileSync(path.join(rendered, file)).equals(readFileSync(path.join(buildDir, file))), file).toBe(true);
  });

  it('start from a square drawing', () => {
    const svg = readFileSync(path.join(buildDir, 'icon.svg'), 'utf8');
    expect(svg).toMatch(/<svg [^>]*viewBox="0 0 1024 1024"/);
  });

  it('icon.png is a 1024×1024 RGBA PNG', () => {
    const png = readFileSync(path.join(buildDir, 'icon.png'));
    expect(pngHeader(png)).toEqual({ width: 1024, height: 1024, bitDepth: 8, colorType: 6 });
    expect(png.length).toBeLessThan(400_000);
  });

  it("icons/ holds Linux's set, each file as large as its name says", () => {
    expect(readdirSync(path.join(buildDir, 'icons')).sort()).toEqual(LINUX_SIZES.map((s) => `${s}x${s}.png`).sort());
    for (const size of LINUX_SIZES) {
      const header = pngHeader(readFileSync(path.join(buildDir, 'icons', `${size}x${size}.png`)));
      expect([header.width, header.height, header.colorType], `${size}x${size}.png`).toEqual([size, size, 6]);
    }
  });

  it('icon.ico holds 16 to 256 px, BMP below 64 px and PNG above, each entry as large as its directory says', () => {
    const ico = readFileSync(path.join(buildDir, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    let end = 6 + count * 16;
    for (let i = 0; i < count; i += 1) {
      const entry = 6 + i * 16;
      const size = ico[entry] === 0 ? 256 : (ico[entry] ?? -1);
      expect(ico[entry + 1] === 0 ? 256 : ico[entry + 1]).toBe(size);
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset).toBeGreaterThanOrEqual(6 + count * 16);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      end = Math.max(end, offset + length);
      const payload = ico.subarray(offset, offset + length);
      if (size >= 64) {
        expect(pngHeader(payload), `${size} px entry`).toMatchObject({ width: size, height: size });
      } else {
        // BITMAPINFOHEADER: 40 bytes, the height counts the colour rows and the transparency mask.
        expect([payload.readUInt32LE(0), payload.readInt32LE(4), payload.readInt32LE(8), payload.readUInt16LE(14)], `${size} px entry`).toEqual([40, size, 2 * size, 32]);
      }
      sizes.push(size);
    }
    expect(sizes.sort((a, b) => a - b)).toEqual(ICO_SIZES);
    expect(end).toBe(ico.length);
  });

  it('icon.icns holds 16 to 1024 px, its chunks filling the file exactly', () => {
    const icns = readFileSync(path.join(buildDir, 'icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    // PNG chunks by type and pixel size (ic11 to ic14 are the @2x variants of 16 to 256 pt).
    const pngTypes: Record<string, number> = { ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 };
    const types: string[] = [];
    let offset = 8;
    while (offset < icns.length) {
      const type = icns.toString('latin1', offset, offset + 4);
      const length = icns.readUInt32BE(offset + 4);
      expect(length, type).toBeGreaterThan(8);
      const payload = icns.subarray(offset + 8, offset + length);
      const size = pngTypes[type];
      if (size !== undefined) expect(pngHeader(payload), type).toMatchObject({ width: size, height: size });
      types.push(type);
      offset += length;
    }
    expect(offset).toBe(icns.length);
    // is32/s8mk and il32/l8mk: the classic 16 and 32 px bitmaps with their masks, for the Finder's small sizes.
    expect(types.sort()).toEqual([...Object.keys(pngTypes), 'il32', 'is32', 'l8mk', 's8mk'].sort());
  });

  it('are the ones electron-builder.yml packs for each platform', () => {
    const config = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(/^linux:\n(?: {2}.*\n)*? {2}icon: build\/icons\n/m);
    expect(config).toMatch(/^win:\n(?: {2}.*\n)*? {2}icon: build\/icon\.ico\n/m);
    expect(config).toMatch(/^mac:\n(?: {2}.*\n)*? {2}icon: build\/icon\.icns\n/m);
  });
});
