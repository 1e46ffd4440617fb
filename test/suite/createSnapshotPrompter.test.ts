// The real quick-input Prompter in the extension host, driven with the workbench's own
// quick-input commands (accept, back, hide): Enter is ignored while the text is invalid, Back and
// Escape come back as values, a blocked choice explains itself and keeps the pick open, and
// choices arriving page by page are added to the open pick.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BACK, CANCEL } from '../../src/commands/createSnapshot/prompter';
import type { PickChoice } from '../../src/commands/createSnapshot/prompter';
import { VscodePrompter } from '../../src/commands/createSnapshot/vscodePrompter';
import { sleep } from './trackerHelpers';

const position = { title: 'Prompter test', step: 2, totalSteps: 5 };
const settle = () => sleep(300);

/** Resolves with the promise's value, or 'pending' if it has not settled by now. */
async function state<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([promise, sleep(50).then(() => 'pending' as const)]);
}

suite('Quick-input prompter', function () {
  this.timeout(30_000);

  teardown(async () => {
    await vscode.commands.executeCommand('quickInput.hide');
  });

  test('Enter is ignored while the text is invalid; Escape then cancels', async () => {
    const seen: string[] = [];
    const answer = new VscodePrompter().input({
      ...position,
      value: '1-bad',
      prompt: 'Name',
      validate: (v) => {
        seen.push(v);
        return /^[a-z]/.test(v) ? undefined : 'must start with a letter';
      },
    });
    await settle();
    assert.deepEqual(seen, ['1-bad'], 'validated as soon as it is shown');
    await vscode.commands.executeCommand('quickInput.accept');
    await settle();
    assert.equal(await state(answer), 'pending', 'invalid text is not accepted');
    await vscode.commands.executeCommand('quickInput.hide');
    assert.equal(await answer, CANCEL);
  });

  test('a valid value is accepted as is', async () => {
    const answer = new VscodePrompter().input({ ...position, value: 'good-name', prompt: 'Name', validate: () => undefined });
    await settle();
    await vscode.commands.executeCommand('quickInput.accept');
    assert.equal(await answer, 'good-name');
  });

  test('Back and Escape come back as values', async () => {
    const back = new VscodePrompter().input({ ...position, value: 'x', prompt: 'Name', validate: () => undefined });
    await settle();
    await vscode.commands.executeCommand('workbench.action.quickInputBack');
    assert.equal(await back, BACK);

    const escape = new VscodePrompter().pick({ ...position, placeholder: 'Pick', choices: [{ label: 'one', value: 1 }] });
    await settle();
    await vscode.commands.executeCommand('quickInput.hide');
    assert.equal(await escape, CANCEL);
  });

  test('a blocked choice tells its reason and the pick stays open; choices arrive page by page', async () => {
    const told: string[] = [];
    let release!: () => void;
    const secondPage = new Promise<void>((r) => (release = r));
    async function* more(): AsyncGenerator<PickChoice<string>[]> {
      yield [{ label: 'busy-disk', blockedReason: 'A snapshot of this disk is still being created.', value: 'busy' }];
      await secondPage;
      yield [{ label: 'free-disk', value: 'free' }];
    }
    const answer = new VscodePrompter((reason) => told.push(reason)).pick<string>({ ...position, placeholder: 'Disk', choices: [], more: more() });
    await settle();
    await vscode.commands.executeCommand('quickInput.accept'); // the first (blocked) row is active
    await settle();
    assert.deepEqual(told, ['A snapshot of this disk is still being created.']);
    assert.equal(await state(answer), 'pending', 'the pick stays open');
    release();
    await settle();
    await vscode.commands.executeCommand('quickInput.next');
    await vscode.commands.executeCommand('quickInput.accept');
    assert.equal(await answer, 'free');
  });

  test('the choice asked for is highlighted first', async () => {
    const answer = new VscodePrompter().pick<string>({
      ...position,
      placeholder: 'Tags',
      choices: [
        { label: 'Add tag...', value: 'add' },
        { label: 'env=prod', value: 'edit' },
        { label: 'Done', value: 'done' },
      ],
      isActive: (v) => v === 'done',
    });
    await settle();
    await vscode.commands.executeCommand('quickInput.accept');
    assert.equal(await answer, 'done');
  });

  test('the choice asked for is highlighted even when it arrives on a later page', async () => {
    async function* pages(): AsyncGenerator<PickChoice<string>[]> {
      yield [{ label: 'disk-a', value: 'a' }, { label: 'disk-b', value: 'b' }];
      await sleep(100);
      yield [{ label: 'disk-c', value: 'c' }];
    }
    const answer = new VscodePrompter().pick<string>({ ...position, placeholder: 'Disk', choices: [], more: pages(), isActive: (v) => v === 'c' });
    await sleep(500);
    await vscode.commands.executeCommand('quickInput.accept');
    assert.equal(await answer, 'c');
  });
});
