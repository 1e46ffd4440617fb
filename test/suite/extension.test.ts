// The extension as VS Code sees it: it activates, and everything its manifest promises is really
// registered in the running workbench.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId, getExtension } from './helpers';

suite('Extension', () => {
  test('is installed under its publisher.name id', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not among the installed extensions`);
  });

  test('activates without error', async () => {
    const extension = getExtension();
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('runs in a Node extension host (the SDK needs Node, not a web worker)', () => {
    assert.equal(typeof process.versions.node, 'string');
  });
});
