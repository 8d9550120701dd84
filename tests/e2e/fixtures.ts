/**
 * E2E fixtures: each test gets a fresh data folder and the browser host started on it as a child process (so a
 * test can stop it and start it again on the same folder), plus a local onOffice sandbox. Pages are opened on the
 * host's session URL and awaited until the app marks itself ready.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startSandbox, type SandboxHandle } from '../../main/sandbox/index.ts';
import { de } from '../../main/domain/i18n/catalogue.ts';
import { spawnHost } from '../host-process.ts';
import { E2E_RENDERER_DIR } from './build-renderer.ts';


export interface DeskHost {
  url: string;
  stop(): Promise<void>;
}

/** Starts `main/host/main.ts` on a data folder and resolves with the address it prints. */
export async function startHost(dataDir: string): Promise<DeskHost> {
  const { url, stop } = await spawnHost({ dataDir, rendererDir: E2E_RENDERER_DIR, readyWithinMs: 20_000 });
  return { url, stop };
}

/** Opens the app and waits until it has loaded its first state. */
export async function openApp(page: Page, host: DeskHost): Promise<void> {
  await page.goto(host.url);
  await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
}

interface Fixtures {
  dataDir: string;
  /** Starts a host on the test's data folder; every host started is stopped after the test. */
  launch: () => Promise<DeskHost>;
  host: DeskHost;
  sandbox: SandboxHandle;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'aud-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  launch: async ({ dataDir }, use) => {
    const started: DeskHost[] = [];
    await use(async () => {
      const host = await startHost(dataDir);
      started.push(host);
      return host;
    });
    await Promise.all(started.map((h) => h.stop()));
  },
  host: async ({ launch }, use) => {
    await use(await launch());
  },
  // eslint-disable-next-line no-empty-pattern -- as above: no dependencies
  sandbox: async ({}, use) => {
    const sandbox = await startSandbox({ scenarios: ['healthy-website'] });
    await use(sandbox);
    await sandbox.stop();
  },
});

export { expect };

/** The German texts, as the app starts in German: tests find controls by what people read. */
export const DE = de;
export const PASSPHRASE = 'korrekt Pferd Batterie Heftklammer';

export async function setPassphrase(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByLabel(DE['vault.setup.passphrase'], { exact: true }).fill(passphrase);
  await page.getByLabel(DE['vault.setup.confirm'], { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: DE['vault.setup.submit'] }).click();
  await expect(page.getByRole('button', { name: DE['profiles.new'] })).toBeVisible();
}

export interface NewProfile {
  label: string;
  endpoint: string;
  token: string;
  secret: string;
  /** Only for a marketplace provider's API user. */
  apiClaim?: string;
}

/** Fills the "new profile" form and submits it; the caller checks the outcome. */
export async function fillNewProfile(page: Page, p: NewProfile): Promise<void> {
  await page.getByRole('button', { name: DE['profiles.new'] }).click();
  await page.getByLabel(DE['field.label'], { exact: true }).fill(p.label);
  await page.getByRole('radio', { name: new RegExp(DE['field.endpoint.custom']) }).check();
  await page.getByLabel(DE['field.endpointUrl'], { exact: true }).fill(p.endpoint);
  await page.getByLabel(DE['field.token'], { exact: true }).fill(p.token);
  await page.getByLabel(DE['field.secret'], { exact: true }).fill(p.secret);
  if (p.apiClaim !== undefined) await page.getByLabel(DE['field.apiClaim'], { exact: true }).fill(p.apiClaim);
  await page.getByRole('button', { name: DE['profile.create.submit'] }).click();
}

export const tokenHint = (token: string): string => `${token.slice(0, 4)}…${token.slice(-4)}`;

/** Well-formed credentials for profiles that never call out (32 and 64 characters). */
export const SAMPLE_TOKEN = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
export const SAMPLE_SECRET = 'f'.repeat(20) + '0123456789abcdef0123456789abcdef01234567890a';
/** A loopback address nothing listens on: accepted as an endpoint, never reached. */
export const UNUSED_ENDPOINT = 'http://127.0.0.1:9/api/stable/api.php';
