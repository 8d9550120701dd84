/**
 * Packages the app with electron-builder `--dir`, offline, and inspects the result. No Electron binary can be
 * fetched here, so electron-builder gets a placeholder Electron distribution: a fake `electron` executable that
 * carries only Electron's fuse wire (so the configured fuses are really flipped and can be read back), a locale
 * and a license file. Everything runs in a temporary project folder so the repository's out/ and release/ are
 * left alone; any download attempt would hit a closed local port and fail the test.
 *
 * `--dir` puts no icon and no desktop entry anywhere (those go into the installers), and the installers need tools
 * that cannot be fetched here. So the deb target then runs on a copy of the unpacked app through electron-builder's
 * own API and is stopped just before it would call fpm: everything the .deb would hold is decided by then (the
 * icon set, the desktop entry, app-update.yml and the package-type marker), and the test reads it there.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { build as electronBuilder } from 'electron-builder';
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

const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const closedPort = 'http://127.0.0.1:9';
/** Every route electron-builder could download through leads to a closed local port. */
const OFFLINE_ENV = {
  ELECTRON_BUILDER_OFFLINE: 'true',
  ELECTRON_MIRROR: `${closedPort}/`,
  HTTP_PROXY: closedPort,
  HTTPS_PROXY: closedPort,
  http_proxy: closedPort,
  https_proxy: closedPort,
  NO_PROXY: '',
  no_proxy: '',
  CI: 'true',
};

let work: string;
let appDir: string;
let entries: string[];
/** The deb target, stopped before fpm: its unpacked app, fpm's arguments and the desktop entry it wrote. */
let deb: { appDir: string; fpmArgs: string[]; desktopEntry: string };

/** `key: value` lines of a flat YAML file such as app-update.yml. */
function flatYaml(text: string): Record<string, string> {
  return Object.fromEntries(text.split('\n').flatMap((line) => {
    const m = /^(\w+): (.*)$/.exec(line);
    return m ? [[m[1], m[2]]] : [];
  }));
}

/** `Key=Value` lines of a desktop entry's [Desktop Entry] group. */
function desktopEntryKeys(text: string): Record<string, string> {
  const group = text.split(/^\[/m).find((g) => g.startsWith('Desktop Entry]')) ?? '';
  return Object.fromEntries(group.split('\n').flatMap((line) => {
    const at = line.indexOf('=');
    return at > 0 ? [[line.slice(0, at), line.slice(at + 1)]] : [];
  }));
}

/** The fuse wire as Electron ships it: version 1, eight fuses, each set opposite to what the config asks. */
function fakeElectronBinary(): Buffer {
  const wire = [FUSE_ENABLED, FUSE_DISABLED, FUSE_ENABLED, FUSE_ENABLED, FUSE_DISABLED, FUSE_DISABLED, FUSE_DISABLED, FUSE_ENABLED];
  return Buffer.concat([Buffer.from('#!/bin/sh\necho "placeholder Electron" >&2\nexit 1\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, wire.length, ...wire])]);
}

beforeAll(async () => {
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
  // Build resources: the icons and the macOS entitlements.
  cpSync(path.join(root, 'build'), path.join(project, 'build'), { recursive: true });
  // electron-builder resolves the production dependencies before its file filter drops them from the package.
  symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir');

  const electronVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
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
      env: { ...process.env, ...OFFLINE_ENV },
    },
  );
  expect(packaged.status, `${packaged.stdout}\n${packaged.stderr}`).toBe(0);
  appDir = path.join(work, 'release', 'linux-unpacked');
  entries = asar.listPackage(path.join(appDir, 'resources', 'app.asar'), { isPack: false }).map((e) => e.split(path.sep).join('/'));

  // On the release runner the .deb's homepage comes from the checkout's git remote; give this copy one too.
  for (const args of [['init', '--quiet'], ['remote', 'add', 'origin', 'https://github.com/your-github-account/api-user-desk.git']]) {
    const git = spawnSync('git', args, { cwd: project, encoding: 'utf8' });
    expect(git.status, git.stderr).toBe(0);
  }
  const debAppDir = path.join(work, 'deb-unpacked');
  cpSync(appDir, debAppDir, { recursive: true });
  const savedEnv = Object.fromEntries(Object.keys(OFFLINE_ENV).map((key) => [key, process.env[key]]));
  Object.assign(process.env, OFFLINE_ENV);
  try {
    await electronBuilder({
      projectDir: project,
      linux: [`deb:${ARCH[process.arch]}`],
      prepackaged: debAppDir,
      publish: 'never',
      config: { electronVersion, directories: { output: path.join(work, 'release-deb') } },
      // Called with fpm's arguments and the desktop entry's path; `true` stops the target before fpm runs.
      effectiveOptionComputed: async ([fpmArgs, desktopFile]: [string[], string]) => {
        deb = { appDir: debAppDir, fpmArgs, desktopEntry: readFileSync(desktopFile, 'utf8') };
        return true;
      },
    });
  } finally {
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
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

  it('points the packaged package.json at the main bundle and names the desktop entry Electron reports', () => {
    const packageJson = JSON.parse(asar.extractFile(path.join(appDir, 'resources', 'app.asar'), 'package.json').toString('utf8')) as { main: string; desktopName: string };
    expect(packageJson.main).toBe('out/main/index.js');
    // Electron derives the Linux window class (X11 WM_CLASS, Wayland app_id) from it.
    expect(packageJson.desktopName).toBe('api-user-desk.desktop');
  });

  it('writes resources/app-update.yml: electron-updater looks for releases of the GitHub repository it names', () => {
    const feed = flatYaml(readFileSync(path.join(appDir, 'resources', 'app-update.yml'), 'utf8'));
    expect(feed).toMatchObject({ provider: 'github', repo: 'api-user-desk', updaterCacheDirName: 'api-user-desk-updater' });
    expect(feed.owner).toMatch(/^[A-Za-z0-9][A-Za-z0-9-]*$/);
    // Nothing secret: the feed is public, and electron-updater needs no token for a public repository.
    expect(Object.keys(feed).filter((k) => /token|secret|password/i.test(k))).toEqual([]);
    // --dir is no installer: nothing marks it as a deb (electron-updater would treat it as an AppImage).
    expect(existsSync(path.join(appDir, 'resources', 'package-type'))).toBe(false);
  });

  it('carries the icon the window and the About box load at run time (resources/icon.png, 256 px)', () => {
    const icon = readFileSync(path.join(appDir, 'resources', 'icon.png'));
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height as big-endian integers at bytes 16 and 20.
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([256, 256]);
    expect(icon.equals(readFileSync(path.join(root, 'build', 'icons', '256x256.png')))).toBe(true);
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

  it('puts the icon set into the .deb as the hicolor theme icons the desktop entry names', () => {
    const mapped = deb.fpmArgs.filter((a) => a.includes('=/usr/share/icons/'));
    expect(mapped.map((a) => a.slice(a.indexOf('=') + 1)).sort()).toEqual(
      LINUX_ICON_SIZES.map((s) => `/usr/share/icons/hicolor/${s}x${s}/apps/api-user-desk.png`).sort(),
    );
    for (const arg of mapped) {
      const source = arg.slice(0, arg.indexOf('='));
      const size = /\/(\d+)x\1\/apps\//.exec(arg)?.[1];
      expect(path.relative(path.join(work, 'project', 'build', 'icons'), source)).toBe(`${size}x${size}.png`);
      expect(readFileSync(source).equals(readFileSync(path.join(root, 'build', 'icons', `${size}x${size}.png`)))).toBe(true);
    }
    expect(deb.fpmArgs.some((a) => a.endsWith('=/usr/share/applications/api-user-desk.desktop'))).toBe(true);
  });

  it("gives the .deb a desktop entry in English and German that matches the running window's class", () => {
    const entry = desktopEntryKeys(deb.desktopEntry);
    expect(entry).toMatchObject({
      Type: 'Application',
      Name: 'API User Desk',
      Icon: 'api-user-desk',
      Categories: 'Office;Development;',
      StartupWMClass: 'api-user-desk',
      Exec: '"/opt/API User Desk/api-user-desk" %U',
    });
    expect(entry.Comment).toMatch(/onOffice enterprise API users/);
    expect(entry['Comment[de]']).toMatch(/onOffice-enterprise-API-Benutzer/);
    const packageJson = JSON.parse(asar.extractFile(path.join(appDir, 'resources', 'app.asar'), 'package.json').toString('utf8')) as { desktopName: string };
    expect(`${entry.StartupWMClass}.desktop`).toBe(packageJson.desktopName);
  });

  it("marks the .deb's app for electron-updater's deb updater and gives it the same update feed", () => {
    expect(readFileSync(path.join(deb.appDir, 'resources', 'package-type'), 'utf8')).toBe('deb');
    expect(readFileSync(path.join(deb.appDir, 'resources', 'app-update.yml'), 'utf8')).toBe(readFileSync(path.join(appDir, 'resources', 'app-update.yml'), 'utf8'));
    const homepage = deb.fpmArgs[deb.fpmArgs.indexOf('--url') + 1];
    expect(homepage).toBe('https://github.com/your-github-account/api-user-desk');
  });

  it('ships the AppArmor profile that lets Electron sandbox itself on Ubuntu 24.04 and later', () => {
    const profile = readFileSync(path.join(deb.appDir, 'resources', 'apparmor-profile'), 'utf8');
    expect(profile).toContain('profile "api-user-desk" "/opt/API User Desk/api-user-desk"');
    expect(profile).toMatch(/^\s*userns,$/m);
  });
});
