// Reads the extension's connection settings. Secrets never live here: see accessKeyStore.ts.
import * as vscode from 'vscode';

export type CredentialSourceKind = 'cliProfile' | 'environment' | 'accessKey' | 'sandbox';

export interface ConnectionSettings {
  /** Undefined when the user has not chosen yet. */
  credentialSource?: CredentialSourceKind;
  profile: string;
  region: string;
  endpoint: string;
  requestTimeoutSeconds: number;
}

const SECTION = 'ecsSnapshots';

/** The manifest's bounds (5..300 s); a hand-edited value outside them is brought back inside. */
function timeoutSeconds(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(300, Math.max(5, value)) : 30;
}

export function readConnectionSettings(): ConnectionSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    credentialSource: config.get<CredentialSourceKind>('credentialSource'),
    profile: (config.get<string>('profile') ?? '').trim(),
    region: (config.get<string>('region') ?? '').trim(),
    endpoint: (config.get<string>('endpoint') ?? '').trim(),
    requestTimeoutSeconds: timeoutSeconds(config.get<unknown>('requestTimeoutSeconds')),
  };
}

export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return ['credentialSource', 'profile', 'region', 'endpoint', 'requestTimeoutSeconds'].some((key) =>
    event.affectsConfiguration(`${SECTION}.${key}`),
  );
}

/** Writes a connection setting where the user will find it: the workspace when one is open and already sets it, else user settings. */
export async function updateConnectionSetting(key: keyof ConnectionSettings, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const inspected = config.inspect(key);
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}
