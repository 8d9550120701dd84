/**
 * Packages the app with electron-builder `--dir`, offline, and inspects the result. No Electron binary can be
 * fetched here, so electron-builder gets a placeholder Electron distribution: a fake `electron` executable that
 * carries only Electron's fuse wire (so the configured fuses are really flipped and can be read back), a locale
 * and a license file. Everything runs in a temporary project folder so the repository's out/ and release/ are
 * left alone; any download attempt would hit a closed local port and fail the test.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_ENABLED = 0x31;
const FUSE_DISABLED = 0x30;
const ARCH: Record<string, string> = { x64: 'x64', arm64: 'arm64', arm: 'armv7l', ia32: 'ia32' };
const skipReason =
  process.platform !== 'linux'
    ? 'the placeholder Electron distribution models the Linux layout only'
    : ARCH[process.arch] === undefined
      ? `no electron-builder architecture for ${process.arch}`
      : null;
if (skipReason !== null) console.log(`Skipping the electron-builder --dir packaging test: ${skipReason}.`);

let work: string;
let appDir: string;
let entries: string[];

/** The fuse wire as Electron ships it: version 1, eight fuses, each set opposite to what the config asks. */
function fakeElectronBinary(): Buffer {
  const wire = [FUSE_ENABLED, FUSE_DISABLED, FUSE_ENABLED, FUSE_ENABLED, FUSE_DISABLED, FUSE_DISABLED, FUSE_DISABLED, FUSE_ENABLED];
  return Buffer.concat([Buffer.from('#!/bin/sh\necho "placeholder Electron" >&2\nexit 1\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, wire.length, ...wire])]);
}

beforeAll(() => {
  if (skipReason !== null) return;
  work = mkdtempSync(path.join(tmpdir(), 'aud-package-dir-'));
  const project = path.join(work, 'project');
  const dist = path.join(work, 'electron-dist');
  mkdirSync(path.join(dist, 'locales'), { recursive: true });
  mkdirSync(path.join(dist, 'resources'), { recursive: true });
  writeFileSync(path.join(dist, 'electron'), fakeElectronBinary());
  chmodSync(path.join(dist, 'electron'), 0o755);
  writeFileSync(path.join(dist, 'locales', 'de.pak'), '');
  writeFileSync(path.join(dist, 'LICENSE'), 'placeholder');

  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--out-dir', path.join(project, 'out')], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(built.status, `${built.stdout}\n${built.stderr}`).toBe(0);
  copyFileSync(path.join(root, 'package.json'), path.join(project, 'package.json'));
  copyFileSync(path.join(root, 'electron-builder.yml'), path.join(project, 'electron-builder.yml'));
  // electron-builder resolves the production dependencies before its file filter drops them from the package.
  symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir');

  const electronVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  const closedPort = 'http://127.0.0.1:9';
  const packaged = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      'dir',
      `--${ARCH[process.arch]}`,
      '--projectDir',
      project,
      '--publish',
      'never',
      `--config.electronDist=${dist}`,
      `--config.electronVersion=${electronVersion}`,
      `--config.directories.output=${path.join(work, 'release')}`,
    ],
    {
      cwd: project,
      encoding: 'utf8',
      env: {
        ...process.env,
        ELECTRON_BUILDER_OFFLINE: 'true',
        ELECTRON_MIRROR: `${closedPort}/`,
        HTTP_PROXY: closedPort,
        HTTPS_PROXY: closedPort,
        http_proxy: closedPort,
        https_proxy: closedPort,
        NO_PROXY: '',
        no_proxy: '',
        CI: 'true',
      },
    },
  );
  expect(packaged.status, `${packaged.stdout}\n${packaged.stderr}`).toBe(0);
  appDir = path.join(work, 'release', 'linux-unpacked');
  entries = asar.listPackage(path.join(appDir, 'resources', 'app.asar'), { isPack: false }).map((e) => e.split(path.sep).join('/'));
}, 120_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(skipReason !== null)('electron-builder --dir (placeholder Electron, offline)', () => {
  it('packs the three bundles', () => {
    expect(entries).toContain('/out/main/index.js');
    expect(entries).toContain('/out/preload/index.cjs');
    expect(entries).toContain('/out/renderer/index.html');
    expect(entries.some((e) => /^\/out\/renderer\/assets\/[^/]+\.js$/.test(e))).toBe(true);
  });

  it('packs nothing but the bundles and package.json: no sources, tests, maps or node_modules', () => {
    const files = entries.filter((e) => /\.[a-z0-9]+$/i.test(e));
    for (const file of files) expect(file === '/package.json' || /^\/out\/(main|preload|renderer)\//.test(file), file).toBe(true);
    expect(entries.filter((e) => /\.(ts|tsx|map)$/.test(e) || e.includes('/node_modules') || e.includes('/tests/'))).toEqual([]);
  });

  it('points the packaged package.json at the main bundle', () => {
    const packageJson = JSON.parse(asar.extractFile(path.join(appDir, 'resources', 'app.asar'), 'package.json').toString('utf8')) as { main: string };
    expect(packageJson.main).toBe('out/main/index.js');
  });

  it('bundles every library into main and preload: only electron and node built-ins stay outside', () => {
    const extract = (file: string) => asar.extractFile(path.join(appDir, 'resources', 'app.asar'), file).toString('utf8');
    const mainImports = [...extract('out/main/index.js').matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]);
    for (const specifier of mainImports) expect(specifier === 'electron' || specifier?.startsWith('node:'), specifier).toBe(true);
    const preloadRequires = [...extract('out/preload/index.cjs').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(preloadRequires)).toEqual(new Set(['electron']));
  });

  it('flips the hardening fuses in the packaged executable', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'api-user-desk'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FUSE_DISABLED);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FUSE_DISABLED);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FUSE_DISABLED);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FUSE_DISABLED);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FUSE_ENABLED);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FUSE_ENABLED);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FUSE_ENABLED);
  });
});
