/**
 * For the services' tests: a fresh data folder and a sandbox per test, services built as either host builds them
 * (with the cheapest key derivation the format accepts, so no test pays for production scrypt unless it means
 * to), and small helpers to call channels. The desktop variant runs over a stand-in for the OS key store, which
 * cannot exist where the tests run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { ChannelName, Result } from '../../preload/contract.ts';
import { createKeyStore } from '../electron/keystore.ts';
import { startSandbox, type SandboxHandle } from '../sandbox/index.ts';
import { TEST_SCRYPT } from '../store/secrets.ts';
import { standInSafeStorage } from '../../tests/support/safe-storage-stand-in.ts';
import { createAppServices } from './app.ts';
import type { AppServices, AppServicesOptions } from './app-types.ts';

export const PASSPHRASE = 'correct horse battery staple';

export async function call<T = unknown>(s: AppServices, channel: ChannelName, request: unknown = {}): Promise<Result<T>> {
  return (await s.dispatch(channel, request)) as Result<T>;
}

export async function value<T = unknown>(s: AppServices, channel: ChannelName, request: unknown = {}): Promise<T> {
  const r = await call<T>(s, channel, request);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** A journal export as the browser host streams it, collected. */
export async function streamedExport(s: AppServices, format: 'jsonl' | 'csv'): Promise<string> {
  const opened = s.openJournalExport({ format, filter: {}, exportId: `test-${format}-${Math.random().toString(36).slice(2, 10)}` });
  if (!opened.ok) throw new Error(opened.error.message);
  let out = '';
  await opened.value.pipe(async (chunk) => {
    out += chunk;
  }, new AbortController().signal);
  return out;
}

export interface ServicesKit {
  readonly dir: string;
  readonly sandbox: SandboxHandle;
  /** Services as the browser host builds them; closed after the test. */
  services(extra?: Partial<AppServicesOptions>): Promise<AppServices>;
  /** Services as the desktop app builds them, over a stand-in for the OS key store. */
  desktopServices(backend: 'gnome_libsecret' | 'basic_text'): Promise<AppServices>;
  /** Closes services before the test ends (a restart), so they are not closed twice. */
  close(s: AppServices): Promise<void>;
  /** The sandbox's API user of a scenario. */
  user(scenario: string): { token: string; secret: string; scenario: string };
  /** A website profile of that scenario's API user, pointing at the sandbox. */
  createProfile(s: AppServices, scenario?: string): Promise<{ id: string; label: string; credentials: { tokenHint: string; state: string } }>;
}

/** Registers the per-test set-up and tear-down; call it at the top of a test file. */
export function useServicesKit(scenarios: string[] = ['healthy-website', 'wrong-secret']): ServicesKit {
  let dir = '';
  let sandbox: SandboxHandle | null = null;
  const open: AppServices[] = [];
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'aud-api-'));
    sandbox = await startSandbox({ scenarios, seed: 11 });
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const track = (s: AppServices): AppServices => {
    open.push(s);
    return s;
  };
  const kit: ServicesKit = {
    get dir() {
      return dir;
    },
    get sandbox() {
      if (sandbox === null) throw new Error('the sandbox starts before each test');
      return sandbox;
    },
    services: async (extra = {}) =>
      track(await createAppServices({ host: 'browser', appVersion: '0.0.0-test', platform: 'linux', dataDir: dir, scrypt: TEST_SCRYPT, ...extra })),
    desktopServices: async (backend) => {
      const keyStore = createKeyStore(standInSafeStorage(backend).storage, 'linux');
      return track(await createAppServices({ host: 'electron', appVersion: '0.0.0-test', platform: 'linux', dataDir: dir, keyStore, scrypt: TEST_SCRYPT }));
    },
    close: async (s) => {
      open.splice(open.indexOf(s), 1);
      await s.close();
    },
    user: (scenario) => {
      const u = kit.sandbox.apiUsers.find((x) => x.scenario === scenario);
      if (!u) throw new Error(scenario);
      return u;
    },
    createProfile: async (s, scenario = 'healthy-website') => {
      const u = kit.user(scenario);
      return value(s, 'profilesCreate', {
        label: `Website ${scenario}`,
        customer: 'Musterimmobilien GmbH',
        endpoint: { kind: 'custom', url: kit.sandbox.endpoint },
        useCase: 'website',
        token: u.token,
        secret: u.secret,
      });
    },
  };
  return kit;
}
