// Commands that choose where the extension looks: region, credential source, AccessKey, sandbox.
import * as vscode from 'vscode';
import { listCliProfiles } from '../ecs/credentials';
import { isEcsError } from '../ecs/errors';
import type { AccessKeyStore } from '../connection/accessKeyStore';
import type { ConnectionManager } from '../connection/connectionManager';
import { readConnectionSettings, updateConnectionSetting, type CredentialSourceKind } from '../connection/settings';

export interface ConnectionCommandDeps {
  connections: ConnectionManager;
  accessKeys: AccessKeyStore;
  log: vscode.LogOutputChannel;
}

export function registerConnectionCommands(context: vscode.ExtensionContext, deps: ConnectionCommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ecsSnapshots.selectRegion', () => selectRegion(deps)),
    vscode.commands.registerCommand('ecsSnapshots.selectProfile', () => selectProfile(deps)),
    vscode.commands.registerCommand('ecsSnapshots.setAccessKey', () => setAccessKey(deps)),
    vscode.commands.registerCommand('ecsSnapshots.clearAccessKey', () => clearAccessKey(deps)),
    vscode.commands.registerCommand('ecsSnapshots.trySandbox', () => trySandbox()),
  );
}

async function selectRegion({ connections, log }: ConnectionCommandDeps): Promise<void> {
  const connection = await connections.current();
  if (!connection) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose how to connect to Alibaba Cloud first.'));
    await vscode.commands.executeCommand('ecsSnapshots.selectProfile');
    return;
  }
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { regionId: string }>();
  pick.title = vscode.l10n.t('Select Region');
  pick.placeholder = vscode.l10n.t('Region whose disks are shown (now {0})', connection.regionId);
  pick.matchOnDescription = true;
  pick.busy = true;
  pick.show();
  try {
    const regions = await connection.gateway.listRegions();
    pick.items = regions.map((region) => ({
      regionId: region.regionId,
      label: region.localName || region.regionId,
      description: region.regionId,
      detail: region.status === 'soldOut' ? vscode.l10n.t('Sold out: new resources cannot be bought here') : undefined,
      iconPath: new vscode.ThemeIcon(region.regionId === connection.regionId ? 'check' : 'globe'),
    }));
    pick.activeItems = pick.items.filter((item) => item.regionId === connection.regionId);
  } catch (error) {
    pick.hide();
    const message = isEcsError(error) ? `${error.code}: ${error.message}` : String(error);
    log.error(`DescribeRegions failed: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not list the regions: {0}', message));
    return;
  } finally {
    pick.busy = false;
  }
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.regionId));
    pick.onDidHide(() => resolve(undefined));
  });
  pick.dispose();
  if (chosen && chosen !== connection.regionId) {
    await updateConnectionSetting('region', chosen);
  }
}

type SourceItem = vscode.QuickPickItem & { source?: CredentialSourceKind; profile?: string };

async function selectProfile(deps: ConnectionCommandDeps): Promise<void> {
  const settings = readConnectionSettings();
  const items: SourceItem[] = [];
  let profiles: ReturnType<typeof listCliProfiles> = [];
  try {
    profiles = listCliProfiles();
  } catch {
    // No aliyun CLI config: the other sources remain.
  }
  const isCurrent = (source: CredentialSourceKind, profile?: string) =>
    settings.credentialSource === source && (profile === undefined || settings.profile === profile);
  if (profiles.length > 0) {
    items.push({ label: vscode.l10n.t('aliyun CLI profiles'), kind: vscode.QuickPickItemKind.Separator });
    for (const profile of profiles) {
      items.push({
        label: profile.name,
        description: [profile.mode, profile.regionId, profile.current ? vscode.l10n.t('CLI current') : undefined]
          .filter(Boolean)
          .join(' · '),
        iconPath: new vscode.ThemeIcon(isCurrent('cliProfile', profile.name) ? 'check' : 'account'),
        source: 'cliProfile',
        profile: profile.name,
      });
    }
  }
  const stored = await deps.accessKeys.get();
  items.push(
    { label: vscode.l10n.t('Other sources'), kind: vscode.QuickPickItemKind.Separator },
    {
      label: vscode.l10n.t('Environment variables'),
      description: 'ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET',
      iconPath: new vscode.ThemeIcon(isCurrent('environment') ? 'check' : 'terminal'),
      source: 'environment',
    },
    {
      label: stored ? vscode.l10n.t('Stored AccessKey') : vscode.l10n.t('Enter an AccessKey...'),
      description: stored ? vscode.l10n.t('kept in VS Code secret storage') : undefined,
      iconPath: new vscode.ThemeIcon(isCurrent('accessKey') ? 'check' : 'key'),
      source: 'accessKey',
    },
    {
      label: vscode.l10n.t('Sandbox'),
      description: vscode.l10n.t('a local ECS emulator, no account needed'),
      iconPath: new vscode.ThemeIcon(isCurrent('sandbox') ? 'check' : 'beaker'),
      source: 'sandbox',
    },
  );
  const chosen = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Select Profile'),
    placeHolder: vscode.l10n.t('Where should ECS Snapshots take its credentials from?'),
  });
  if (!chosen?.source) return;
  if (chosen.source === 'accessKey' && !stored) {
    await setAccessKey(deps);
    return;
  }
  if (chosen.source === 'cliProfile') {
    await updateConnectionSetting('profile', chosen.profile);
  }
  await updateConnectionSetting('credentialSource', chosen.source);
}

async function setAccessKey({ accessKeys, log }: ConnectionCommandDeps): Promise<void> {
  const accessKeyId = await vscode.window.showInputBox({
    title: vscode.l10n.t('Set AccessKey (1/2)'),
    prompt: vscode.l10n.t('AccessKey ID of a RAM user allowed to describe disks and create snapshots'),
    placeHolder: 'LTAI...',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const trimmed = value.trim();
      if (!trimmed) return vscode.l10n.t('Enter the AccessKey ID.');
      if (!/^[\x21-\x7e]+$/.test(trimmed)) return vscode.l10n.t('An AccessKey ID has only visible ASCII characters, without spaces.');
      return undefined;
    },
  });
  if (accessKeyId === undefined) return;
  const accessKeySecret = await vscode.window.showInputBox({
    title: vscode.l10n.t('Set AccessKey (2/2)'),
    prompt: vscode.l10n.t('AccessKey secret. It is kept in VS Code secret storage, never in settings or logs.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the AccessKey secret.')),
  });
  if (accessKeySecret === undefined) return;
  await accessKeys.set({ accessKeyId: accessKeyId.trim(), accessKeySecret: accessKeySecret.trim() });
  await updateConnectionSetting('credentialSource', 'accessKey');
  log.info('A new AccessKey was stored in secret storage.');
  void vscode.window.showInformationMessage(vscode.l10n.t('AccessKey stored in VS Code secret storage.'));
}

async function clearAccessKey({ accessKeys, log }: ConnectionCommandDeps): Promise<void> {
  const forget = vscode.l10n.t('Forget');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Forget the AccessKey stored in VS Code secret storage?'),
    { modal: true },
    forget,
  );
  if (answer !== forget) return;
  await accessKeys.clear();
  log.info('The stored AccessKey was removed from secret storage.');
}

async function trySandbox(): Promise<void> {
  await updateConnectionSetting('credentialSource', 'sandbox');
  await vscode.commands.executeCommand('ecsSnapshots.disks.focus');
}
