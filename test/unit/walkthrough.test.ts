// The first-run walkthrough: connect, pick a region, take a first snapshot, set up Quick Backup.
// Each step's buttons and completion events name real commands, views and settings, and each
// step has a Markdown page in English, Simplified and Traditional Chinese.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

interface Step {
  id: string;
  title: string;
  description: string;
  media?: { markdown?: string };
  completionEvents?: string[];
}
interface Walkthrough {
  id: string;
  title: string;
  description: string;
  steps: Step[];
}
interface Manifest {
  contributes: {
    walkthroughs?: Walkthrough[];
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, unknown> };
  };
}

const manifest = read('package.json') as unknown as Manifest;
const walkthroughs = manifest.contributes.walkthroughs ?? [];
const commands = new Set(manifest.contributes.commands.map((c) => c.command));
const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));
const settings = Object.keys(manifest.contributes.configuration.properties);
// Commands VS Code itself provides that a step may run.
const builtIn = new Set(['workbench.action.openSettings', ...[...views].map((v) => `${v}.focus`)]);

const languages: [string, Record<string, string>][] = [
  ['en', read('package.nls.json') as Record<string, string>],
  ['zh-cn', read('package.nls.zh-cn.json') as Record<string, string>],
  ['zh-tw', read('package.nls.zh-tw.json') as Record<string, string>],
];

/** A manifest string as a language shows it (`%key%` looked up in that language's nls file). */
function localized(value: string, nls: Record<string, string>): string {
  const match = /^%(.+)%$/.exec(value);
  return match ? (nls[match[1]] ?? value) : value;
}

describe('walkthrough', () => {
  const walkthrough = walkthroughs[0];

  it('is contributed, with the four first-run steps in order', () => {
    assert.equal(walkthroughs.length, 1);
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['connect', 'region', 'snapshot', 'quickBackup'],
    );
  });

  it('offers every way to connect on the first step', () => {
    const text = localized(walkthrough.steps[0].description, languages[0][1]);
    for (const command of ['ecsSnapshots.selectProfile', 'ecsSnapshots.setAccessKey', 'ecsSnapshots.trySandbox']) {
      assert.ok(text.includes(`(command:${command})`), command);
    }
  });

  for (const [lang, nls] of languages) {
    it(`${lang}: every text is localized, every button runs a real command`, () => {
      for (const value of [walkthrough.title, walkthrough.description]) {
        assert.match(value, /^%.+%$/, 'through package.nls');
        assert.ok(localized(value, nls) !== value, `${value} has a ${lang} text`);
      }
      for (const step of walkthrough.steps) {
        for (const value of [step.title, step.description]) {
          assert.match(value, /^%.+%$/, `${step.id}: through package.nls`);
          assert.ok(localized(value, nls) !== value, `${step.id}: ${value} has a ${lang} text`);
        }
        const description = localized(step.description, nls);
        // A step's description renders links and plain text only: a code span would show its backticks.
        assert.ok(!description.includes('`'), `${step.id}: no backticks in ${description}`);
        const buttons = [...description.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
        assert.ok(buttons.length > 0, `${step.id} has a button`);
        for (const command of buttons) assert.ok(commands.has(command) || builtIn.has(command), `${step.id}: ${command} exists`);
      }
    });

    it(`${lang}: every step has a Markdown page in that language`, () => {
      for (const step of walkthrough.steps) {
        const page = localized(step.media?.markdown ?? '', nls);
        assert.ok(page.endsWith('.md'), `${step.id}: ${page}`);
        const text = fs.readFileSync(path.join(root, page), 'utf8');
        assert.ok(text.trim().length > 100, `${page} says something`);
        if (lang !== 'en') assert.match(text, /\p{Script=Han}/u, `${page} is in Chinese`);
        for (const [, command] of text.matchAll(/\]\(command:([\w.]+)/g)) {
          assert.ok(commands.has(command) || builtIn.has(command), `${page}: ${command} exists`);
        }
      }
    });
  }

  it('each step completes on an event that names a real command, view or setting', () => {
    for (const step of walkthrough.steps) {
      const events = step.completionEvents ?? [];
      assert.ok(events.length > 0, `${step.id} has completion events`);
      for (const event of events) {
        const [kind, target] = event.split(/:(.*)/s);
        if (kind === 'onCommand') assert.ok(commands.has(target), `${step.id}: ${event}`);
        else if (kind === 'onView') assert.ok(views.has(target), `${step.id}: ${event}`);
        else if (kind === 'onSettingChanged') assert.ok(settings.some((s) => s === target || s.startsWith(`${target}.`)), `${step.id}: ${event}`);
        else assert.fail(`${step.id}: unexpected event ${event}`);
      }
    }
  });
});
