// Shared by the extension-host suites: the extension under test and its manifest as VS Code loaded it.
import * as vscode from 'vscode';

export const extensionId = 'ecs-snapshots.ecs-snapshots';

export interface ContributedCommand {
  command: string;
  title: string;
}

export interface Manifest {
  contributes: {
    commands: ContributedCommand[];
    viewsContainers: { activitybar: { id: string; title: string }[] };
    views: Record<string, { id: string; name: string }[]>;
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}

export function getExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension) throw new Error(`${extensionId} is not installed in this VS Code`);
  return extension;
}

/** The manifest of the installed extension (what VS Code read, not the file on disk). */
export function manifest(): Manifest {
  return getExtension().packageJSON as Manifest;
}

export async function activated(): Promise<vscode.Extension<unknown>> {
  const extension = getExtension();
  await extension.activate();
  return extension;
}
