/**
 * `npm run start:browser`: the app without an Electron binary. Runs the main-process services in Node, serves the
 * built renderer on 127.0.0.1 and prints the address to open. Secrets are sealed with the app passphrase.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAppServices } from '../api/app.ts';
import { languageFromLocale, translate, type Language } from '../domain/i18n/catalogue.ts';
import { TEST_SCRYPT } from '../store/secrets.ts';
import { startBrowserHost } from './server.ts';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Test mode for the end-to-end tests (tests/e2e/fixtures.ts): `API_USER_DESK_TEST_KEY_DERIVATION=cheap` derives keys for new
 * passphrases and backups with TEST_SCRYPT instead of the app's settings, so each step takes a fraction of the time.
 * Read here only, announced on stderr when on; any other value is refused rather than ignored.
 */
export function keyDerivationFor(env: NodeJS.ProcessEnv): { scrypt?: typeof TEST_SCRYPT } {
  const mode = env.API_USER_DESK_TEST_KEY_DERIVATION;
  if (mode === undefined || mode === '') return {};
  if (mode === 'cheap') return { scrypt: TEST_SCRYPT };
  throw new Error(`API_USER_DESK_TEST_KEY_DERIVATION must be "cheap" or unset, not ${JSON.stringify(mode.slice(0, 40))}`);
}

/** The per-user data folder, as Electron's app.getPath('userData') would place it. */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const name = 'API User Desk';
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', name);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), name);
}

/** The terminal's language: the locale of the environment, else the system's (the page has its own setting). */
export function terminalLanguage(env: NodeJS.ProcessEnv): Language {
  return languageFromLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale);
}

async function main(): Promise<void> {
  const lang = terminalLanguage(process.env);
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, renderer: { type: 'string' } },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(translate(lang, 'cli.host.port'));
  // The override is for development and tests; people get the standard per-user folder.
  const dataDir = values['data-dir'] ?? process.env.API_USER_DESK_DATA_DIR ?? defaultDataDir(process.env, process.platform);
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const keyDerivation = keyDerivationFor(process.env);
  if (keyDerivation.scrypt) process.stderr.write(`${translate(lang, 'cli.host.testMode')}\n`);
  const services = await createAppServices({ host: 'browser', appVersion: pkg.version, platform: process.platform, dataDir, ...keyDerivation });
  const host = await startBrowserHost({ services, rendererDir: values.renderer ?? path.join(root, 'out', 'renderer'), port });
  const recovered = services.info().databaseRecovered;
  if (recovered) {
    process.stdout.write(`${translate(lang, 'cli.host.recovered', { reason: recovered.reason, path: recovered.movedTo })}\n`);
  }
  // The address stands on a line of its own: people copy it, and the end-to-end tests read it.
  process.stdout.write(`${translate(lang, 'cli.host.open')}\n${host.url}\n`);
  process.stdout.write(`${translate(lang, 'cli.host.dataFolder', { path: dataDir })}\n${translate(lang, 'cli.host.stop')}\n`);
  const stop = async (): Promise<void> => {
    await host.stop();
    await services.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

if (import.meta.main) {
  main().catch((e: unknown) => {
    process.stderr.write(`API User Desk (browser): ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
