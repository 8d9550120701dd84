// The whole test suite in one command: type check, lint, unit and integration tests, and the browser e2e once it
// exists. Prints a plain "N passed, N failed, N skipped" line last (CI reads that line).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`Node ${process.versions.node} runs this script; the project needs Node 24 (run it through npm, which puts the project's Node 24 first on PATH).`);
  process.exit(2);
}

const work = mkdtempSync(path.join(tmpdir(), 'aud-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;

function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${path.basename(cmd)} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = r.status === 0;
  console.log(`=== ${label}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`}`);
  return ok;
}

function stage(label, cmd, args) {
  if (run(label, cmd, args)) passed += 1;
  else failed += 1;
}

stage('type check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
if (existsSync(path.join(root, 'tsconfig.renderer.json'))) stage('type check (renderer)', bin('tsc'), ['-p', 'tsconfig.renderer.json', '--noEmit']);
stage('lint', bin('eslint'), ['--max-warnings', '0', '.']);

const vitestJson = path.join(work, 'vitest.json');
const vitestOk = run('unit and integration tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A crashed suite (e.g. an import error) fails no single test but must still fail the run.
  const brokenSuites = report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed'));
  failed += brokenSuites.length;
  if (!vitestOk && report.numFailedTests === 0 && brokenSuites.length === 0) failed += 1;
} else {
  failed += 1;
}

const e2eDir = path.join(root, 'tests', 'e2e');
if (existsSync(e2eDir) && readdirSync(e2eDir).some((f) => f.endsWith('.spec.ts'))) {
  const pwJson = path.join(work, 'playwright.json');
  const ok = spawnSync(bin('playwright'), ['test', '--reporter=list,json'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson },
  }).status === 0;
  if (existsSync(pwJson)) {
    const stats = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
    skipped += stats.skipped;
    if (!ok && stats.unexpected === 0) failed += 1;
  } else if (!ok) {
    failed += 1;
  }
}

rmSync(work, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
