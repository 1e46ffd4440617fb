// Every command, view and setting in the manifest exists in the running workbench after activation.
// The command list is read from the manifest, so a command contributed but not wired fails here.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, manifest } from './helpers';

suite('Contributions', () => {
  suiteSetup(async () => {
    await activated();
  });

  test('every contributed command is registered', async () => {
    const contributed = manifest().contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0, 'the manifest contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  test('contributes the ECS Snapshots activity bar container with the Disks view', () => {
    const { viewsContainers, views } = manifest().contributes;
    assert.ok(viewsContainers.activitybar.some((c) => c.id === 'ecsSnapshots'), 'no ecsSnapshots activity bar container');
    assert.ok((views.ecsSnapshots ?? []).some((v) => v.id === 'ecsSnapshots.disks'), 'no ecsSnapshots.disks view');
  });

  test('the workbench knows the container and every view (their open/focus commands exist)', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const { viewsContainers, views } = manifest().contributes;
    const expected = [
      ...viewsContainers.activitybar.map((c) => `workbench.view.extension.${c.id}`),
      ...Object.values(views).flat().map((v) => `${v.id}.focus`),
    ];
    const missing = expected.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `not known to the workbench: ${missing.join(', ')}`);
  });

  test('the Disks view opens', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.ecsSnapshots');
    await vscode.commands.executeCommand('ecsSnapshots.disks.focus');
  });

  test('every contributed setting is known with its manifest default', () => {
    const configuration = vscode.workspace.getConfiguration();
    const properties = Object.entries(manifest().contributes.configuration.properties);
    assert.ok(properties.length > 0, 'the manifest contributes no settings');
    for (const [key, schema] of properties) {
      const inspected = configuration.inspect(key);
      assert.ok(inspected, `setting ${key} is unknown to VS Code`);
      // Without a manifest default VS Code derives one from the type; only explicit ones are compared.
      if ('default' in schema) assert.deepEqual(inspected.defaultValue, schema.default, `default of ${key}`);
    }
  });
});
