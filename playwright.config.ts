import { defineConfig } from '@playwright/test';

/** Debian's Chromium (no downloaded browsers here); one worker on this two-core machine. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  globalSetup: './tests/e2e/build-renderer.ts',
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  // The host derives keys cheaply in its test mode (tests/e2e/fixtures.ts), so no step waits on production scrypt;
  // the limits leave room for a loaded two-core machine, not for key derivation.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 860 },
    locale: 'de-DE',
    trace: 'on-first-retry',
  },
});
