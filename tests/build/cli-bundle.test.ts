import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const outDir = mkdtempSync(path.join(tmpdir(), 'aud-cli-bundle-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the bundled command line (package bin)', () => {
  it('builds into one module that runs without the sources', () => {
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.cli.config.ts', '--outDir', outDir, '--logLevel', 'warn'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    const bundle = path.join(outDir, 'cli.mjs');
    expect(existsSync(bundle)).toBe(true);

    // Run from an empty folder: nothing but Node's own modules is there to import.
    const empty = mkdtempSync(path.join(tmpdir(), 'aud-cli-run-'));
    try {
      const list = spawnSync(process.execPath, [bundle, 'sandbox', '--list'], { cwd: empty, encoding: 'utf8' });
      expect(list.status, list.stderr).toBe(0);
      expect(list.stdout).toContain('healthy-website');
      const call = spawnSync(process.execPath, [bundle, 'call', '--endpoint', 'stable', '--action', 'read', '--resource', 'estate'], {
        cwd: empty,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
      expect(call.status).toBe(3);
      expect(call.stderr).toMatch(/ONOFFICE_TOKEN/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
