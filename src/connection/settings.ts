// Reads the extension's connection settings. Secrets never live here: see accessKeyStore.ts.
import * as vscode from 'vscode';

export const CREDENTIAL_SOURCE_KINDS = ['cliProfile', 'environment', 'accessKey', 'sandbox'] as const;
export type CredentialSourceKind = (typeof CREDENTIAL_SOURCE_KINDS)[number];

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

// VS Code hands an unset string setting over as "" (not undefined), and a hand-edited one may be
// anything: only a known value counts as a choice.
function sourceKind(value: unknown): CredentialSourceKind | undefined {
  return CREDENTIAL_SOURCE_KINDS.find((kind) => kind === value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

export function readConnectionSettings(): ConnectionSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    credentialSource: sourceKind(config.get<unknown>('credentialSource')),
    profile: text(config.get<unknown>('profile')),
    region: text(config.get<unknown>('region')),
    endpoint: text(config.get<unknown>('endpoint')),
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
