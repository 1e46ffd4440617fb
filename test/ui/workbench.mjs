// What a person does in the workbench, as small verbs for the scenarios: open the view, use the
// command palette, type into an input box, read the status bar and notifications, take screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { screenshotsDir } from '../../scripts/vscode/paths.mjs';

const TIMEOUT = 20_000;

export class Workbench {
  /** @param {import('playwright-core').Page} page @param {string} url */
  constructor(page, url, context = {}) {
    this.page = page;
    this.url = url;
    /** Anything the runner knows that scenarios may need (e.g. the sandbox endpoint). */
    this.context = context;
  }

  /** Loads the workbench and waits until the extension has contributed its activity bar entry (`title` in the display language). */
  async open(title = 'ECS Snapshots') {
    await this.page.goto(this.url);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.activityBarItem(title).waitFor({ timeout: 60_000 });
  }

  activityBarItem(title = 'ECS Snapshots') {
    return this.page.locator(`.activitybar .action-item a.action-label[aria-label^="${title}"]`).first();
  }

  /** Clicks the extension's activity bar entry unless its side bar is already showing. */
  async openView(title = 'ECS Snapshots') {
    if (!(await this.sideBarTitle()).includes(title)) await this.activityBarItem(title).click();
    await this.waitUntil(() => this.sideBarTitle(), (text) => text.includes(title), `the side bar does not show ${title}`);
  }

  /** The side bar's title; with a single view VS Code shows "Container: View" here. */
  async sideBarTitle() {
    return (await this.page.locator('.sidebar .composite.title').first().innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
  }

  /** The header of a view in the side bar (e.g. "Disks"). */
  viewHeader(name) {
    return this.page.locator('.sidebar .pane-header').filter({ hasText: new RegExp(`^\\s*${name}`, 'i') }).first();
  }

  /** Texts of the rows of the tree in the side bar. */
  async treeRows() {
    return (await this.page.locator('.sidebar .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Opens the command palette (F1), types the command's title, clicks the match and waits for the palette to close. */
  async runCommand(title) {
    await this.startCommand(title);
    await this.quickInput().waitFor({ state: 'hidden', timeout: TIMEOUT });
  }

  /** Like runCommand, for a command that opens its own input box at once (the quick input stays open). */
  async startCommand(title) {
    await this.openPalette();
    await this.typeIntoQuickInput(`>${title}`);
    const row = this.quickInputRows().filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) }).first();
    await row.waitFor({ timeout: TIMEOUT });
    await row.click();
  }

  async openPalette() {
    await this.page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await this.page.keyboard.press('F1');
    // F1 is sometimes swallowed while the workbench is still settling (seen with a folder open):
    // a person presses the other palette key.
    const opened = await this.quickInput().waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (opened) return;
    await this.page.keyboard.press('Control+Shift+P');
    await this.quickInput().waitFor({ timeout: TIMEOUT });
  }

  quickInput() {
    return this.page.locator('.quick-input-widget input').first();
  }

  quickInputRows() {
    return this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  }

  /** Replaces the quick input's text by typing it key by key, as a person would. */
  async typeIntoQuickInput(text) {
    const input = this.quickInput();
    await input.waitFor({ timeout: TIMEOUT });
    await input.press('Control+A');
    await input.pressSequentially(text, { delay: 15 });
  }

  async quickInputLabels() {
    await this.quickInputRows().first().waitFor({ timeout: TIMEOUT });
    return this.quickInputRows().locator('.label-name').allInnerTexts();
  }

  async statusBarTexts() {
    return (await this.page.locator('.statusbar-item').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  }

  async notificationTexts() {
    return (await this.page.locator('.notification-toast .notification-list-item-message').allInnerTexts()).map((t) => t.trim());
  }

  async pressEscape() {
    await this.page.keyboard.press('Escape');
  }

  /** Saves a PNG under test-results/screenshots/ and returns its path. */
  async screenshot(name) {
    mkdirSync(screenshotsDir, { recursive: true });
    const file = path.join(screenshotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Polls `read` until `accept` holds; fails with `message` and the last value seen. */
  async waitUntil(read, accept, message, timeout = TIMEOUT) {
    const deadline = Date.now() + timeout;
    let last;
    while (Date.now() < deadline) {
      last = await read();
      if (accept(last)) return last;
      await this.page.waitForTimeout(200);
    }
    throw new Error(`${message} (last seen: ${JSON.stringify(last)})`);
  }
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Fails the scenario with a readable message. */
export function expect(condition, message) {
  if (!condition) throw new Error(message);
}
