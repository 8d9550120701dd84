/**
 * The real desktop app in a real Electron, driven by Playwright's `_electron`. It runs only where an Electron
 * binary is installed (not on machines that cannot download it) and prints why it was skipped otherwise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../preload/contract.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

/** The binary the electron package would run, found without require('electron') (which would try a download). */
function electronBinary(): string | null {
  const electronPackage = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

const executable = electronBinary();
const skipReason = executable === null ? 'no Electron binary is installed (node_modules/electron has no dist/; it cannot be downloaded here)' : null;
if (skipReason !== null) console.log(`Skipping the Electron end-to-end test: ${skipReason}.`);

describe.skipIf(skipReason !== null)('the desktop app in Electron', () => {
  it('opens one sandboxed window whose page reaches main only through window.desk', { timeout: 120_000 }, async () => {
    const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'aud-electron-e2e-'));
    const { _electron } = await import('@playwright/test');
    type PageGlobals = { document: { getElementById(id: string): { childElementCount: number } | null } };
    // ELECTRON_RUN_AS_NODE, if inherited, would start Electron as plain Node.
    const env = Object.fromEntries(
      Object.entries({ ...process.env, API_USER_DESK_DATA_DIR: dataDir }).filter(
        (entry): entry is [string, string] => entry[0] !== 'ELECTRON_RUN_AS_NODE' && entry[1] !== undefined,
      ),
    );
    const app = await _electron.launch({ executablePath: executable ?? undefined, args: [root], env });
    try {
      const page = await app.firstWindow();
      expect(page.url()).toBe('app://desk/index.html');
      const rendered = () => ((globalThis as unknown as PageGlobals).document.getElementById('root')?.childElementCount ?? 0) > 0;
      await page.waitForFunction(rendered, undefined, { timeout: 30_000 });
      const surface = await page.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        desk: Object.keys((globalThis as unknown as { desk: object }).desk).sort(),
      }));
      expect(surface.require).toBe('undefined');
      expect(surface.process).toBe('undefined');
      expect(surface.desk).toEqual([...CHANNEL_NAMES, 'on'].sort());
      const info = await page.evaluate(() => (globalThis as unknown as { desk: { appInfo(r: object): Promise<unknown> } }).desk.appInfo({}));
      expect(info).toMatchObject({ ok: true, value: { host: 'electron' } });
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
