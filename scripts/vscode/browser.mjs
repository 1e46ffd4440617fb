// Headless Debian Chromium driven by playwright-core. Nothing here downloads a browser.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './paths.mjs';

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/**
 * Opens a fresh, throw-away browser profile. `close()` ends the browser and removes the profile.
 * Headed when ECS_SNAPSHOTS_HEADED=1 (useful on a developer's computer with a display).
 */
export async function openBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found: run `node scripts/provision.mjs` (or set ECS_SNAPSHOTS_CHROMIUM).');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'ecs-snapshots-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: process.env.ECS_SNAPSHOTS_HEADED !== '1',
    args: FLAGS,
    viewport,
    // Clipboard access lets scenarios check "Copy ID" as a person would see it.
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
