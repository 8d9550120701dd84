// `npm start`: builds the desktop app and opens it in Electron. `npm run start:electron` (--no-build) opens the
// last build. Where no Electron binary is installed, it says why and points at the browser version instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const electronPackage = path.join(root, 'node_modules', 'electron');

// The binary is located the way the electron package does it (path.txt names it inside dist/), but without
// require('electron'): that tries to download a missing binary, which cannot work offline.
function electronBinary() {
  const pathFile = path.join(electronPackage, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const executable = override ? path.join(override, relative ?? 'electron') : relative && path.join(electronPackage, 'dist', relative);
  return executable && existsSync(executable) ? executable : null;
}

// electron 45 installs without its binary; fetch it once here (a connected machine gets the window, an offline one
// fails fast and is told what to do instead).
function fetchBinary() {
  console.log('Fetching the Electron binary (once)…');
  const r = spawnSync(process.execPath, [path.join(electronPackage, 'install.js')], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
  return r.status === 0;
}

const executable = electronBinary() ?? (existsSync(path.join(electronPackage, 'install.js')) && fetchBinary() ? electronBinary() : null);
if (executable === null) {
  console.error(
    'API User Desk cannot open its desktop window here: the Electron binary is not installed (node_modules/electron ' +
      "has no dist/ folder) and could not be fetched: Electron's download host cannot be reached from this " +
      'machine. Run `npm run start:browser` to use the same app in your browser. For the desktop window, ' +
      'run `node node_modules/electron/install.js` where the download host is reachable, or point ' +
      'ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron of the version in package.json.',
  );
  process.exit(1);
}

if (!process.argv.includes('--no-build')) {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
} else if (!existsSync(path.join(root, 'out', 'main', 'index.js'))) {
  console.error('There is no build to open yet: run `npm run build` first, or `npm start` to build and open the app.');
  process.exit(1);
}

const env = { ...process.env };
// Set by some shells and tools; it would turn Electron into a plain Node process.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(executable, [root], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
