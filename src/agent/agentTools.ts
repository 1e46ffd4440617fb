// The agent tools (package.json contributes.languageModelTools) as VS Code calls them. The work
// and the words live in pure modules (createTool, diskListing, toolTexts); this file adapts them
// to vscode.LanguageModelTool and reads the settings and connection they need.
import * as vscode from 'vscode';
import type { BackupService } from '../automation/backupApi';
import { readSnapshotSettings } from '../commands/snapshotSettings';
import type { Connections } from '../connection/connection';
import { loadErrorMessage } from '../view/errorText';
import { prepareCreate, runCreate } from './createTool';
import { listDisks } from './diskListing';
import { parseListDisksInput, parseSnapshotStatusInput } from './toolInputs';
import { diskListText, invalidInputText, statusText } from './toolTexts';
import { CREATE_SNAPSHOT_TOOL, LIST_DISKS_TOOL, SNAPSHOT_STATUS_TOOL } from './toolNames';

export interface AgentToolDeps {
  backups: BackupService;
  connections: Pick<Connections, 'current' | 'forRegion'>;
}

export function createAgentTools(deps: AgentToolDeps): ReadonlyMap<string, vscode.LanguageModelTool<object>> {
  return new Map<string, vscode.LanguageModelTool<object>>([
    [LIST_DISKS_TOOL, listDisksTool(deps)],
    [CREATE_SNAPSHOT_TOOL, createSnapshotTool(deps)],
    [SNAPSHOT_STATUS_TOOL, snapshotStatusTool(deps)],
  ]);
}

function listDisksTool({ connections }: AgentToolDeps): vscode.LanguageModelTool<object> {
  return {
    prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Listing ECS disks') }),
    async invoke(options) {
      const parsed = parseListDisksInput(options.input);
      if (!parsed.ok) return textResult(invalidInputText(parsed.message));
      const { region, filter, limit, cursor } = parsed.value;
      const connection = region ? await connections.forRegion(region) : await connections.current();
      if (!connection) return textResult(notConnected());
      try {
        const list = await listDisks(connection.gateway, { regionId: connection.regionId, filter, limit, cursor });
        return textResult(diskListText(list, filter));
      } catch (error) {
        return textResult(vscode.l10n.t('Could not list the disks of {0}: {1}', connection.regionId, loadErrorMessage(error)));
      }
    },
  };
}

function createSnapshotTool({ backups, connections }: AgentToolDeps): vscode.LanguageModelTool<object> {
  return {
    async prepareInvocation(options) {
      const settings = readSnapshotSettings();
      const regionId = (await connections.current().catch(() => undefined))?.regionId;
      const prepared = prepareCreate(options.input, backups, { ...settings, regionId });
      // Invalid input: nothing to confirm; invoke answers with the rule's message and sends nothing.
      if (!prepared.ok) return { invocationMessage: prepared.invocationMessage };
      return {
        invocationMessage: prepared.invocationMessage,
        confirmationMessages: { title: prepared.confirmation.title, message: new vscode.MarkdownString(prepared.confirmation.message) },
      };
    },
    async invoke(options, token) {
      return textResult(await runCreate(options.input, backups, token));
    },
  };
}

function snapshotStatusTool({ backups }: AgentToolDeps): vscode.LanguageModelTool<object> {
  return {
    prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Reading a snapshot\'s status') }),
    async invoke(options) {
      const parsed = parseSnapshotStatusInput(options.input);
      if (!parsed.ok) return textResult(invalidInputText(parsed.message));
      try {
        return textResult(statusText(await backups.status(parsed.value.snapshotId, parsed.value.region)));
      } catch (error) {
        return textResult(vscode.l10n.t('Could not read snapshot {0}: {1}', parsed.value.snapshotId, loadErrorMessage(error)));
      }
    },
  };
}

function notConnected(): string {
  return vscode.l10n.t('Not connected to Alibaba Cloud: the user has to pick a profile, an AccessKey or the sandbox first (ECS Snapshots: Select Profile...).');
}

function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}
