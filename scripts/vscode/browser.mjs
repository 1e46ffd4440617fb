// Headless Debian Chromium driven by playwright-core. Nothing here downloads a browser.
import { chromium } from 'playwright-core';
import { chromiumPath } from './paths.mjs';

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/**
 * Launches the browser with one page open (`page`, in `context`); `newPage()` opens another page in
 * a fresh context: its own storage, so nothing a workbench kept in the browser leaks into the next.
 * Headed when ECS_SNAPSHOTS_HEADED=1 (useful on a developer's computer with a display).
 */
export async function openBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found: run `node scripts/provision.mjs` (or set ECS_SNAPSHOTS_CHROMIUM).');
  const browser = await chromium.launch({ executablePath, headless: process.env.ECS_SNAPSHOTS_HEADED !== '1', args: FLAGS });
  const newPage = async () => {
    // Clipboard access lets scenarios check "Copy ID" as a person would see it.
    const context = await browser.newContext({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
    return { context, page: await context.newPage() };
  };
  const { context, page } = await newPage();
  return {
    browser,
    context,
    page,
    newPage,
    close: () => browser.close().catch(() => undefined),
  };
}
