/**
 * Runs a built main bundle (<outDir>/main/index.js) in this Node process with the Electron stand-in answering for
 * `electron`. The bundle and the stand-in are loaded by Node itself (require of an ES module), not by the test
 * runner's module system, so the module hook sees the bundle's `import … from 'electron'` and test and bundle
 * share one stand-in instance.
 */
import { createRequire, registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ElectronStandIn from './electron-stand-in.ts';

export const root = path.resolve(import.meta.dirname, '..', '..');
const standInUrl = pathToFileURL(path.join(import.meta.dirname, 'electron-stand-in.ts')).href;

const nodeRequire = createRequire(import.meta.url);

let hooked = false;

export function loadStandIn(): typeof ElectronStandIn {
  if (!hooked) {
    registerHooks({
      resolve: (specifier, context, nextResolve) =>
        specifier === 'electron' ? { url: standInUrl, format: 'module-typescript', shortCircuit: true } : nextResolve(specifier, context),
    });
    hooked = true;
  }
  return nodeRequire('electron') as typeof ElectronStandIn;
}

export function loadMainBundle(outDir: string): void {
  nodeRequire(path.join(outDir, 'main', 'index.js'));
}
