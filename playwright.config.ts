import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Playwright's own Chromium when installed; otherwise a system Chromium (CHROMIUM_PATH or /usr/bin).
const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const executablePath = existsSync(systemChromium) ? systemChromium : undefined;

const chromium = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 1,
  launchOptions: {
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

export default defineConfig({
  globalSetup: './test/e2e/globalSetup.ts',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'renderer', testDir: 'test/e2e/renderer', use: chromium },
    { name: 'electron', testDir: 'test/e2e/electron' },
    { name: 'screenshots', testDir: 'test/e2e/screenshots', use: chromium },
    { name: 'bench', testDir: 'test/e2e/bench', use: chromium, timeout: 180_000 },
  ],
});
