// The agent tools' names, as package.json contributes.languageModelTools declares them. VS Code
// accepts /^[\w-]+$/ and refuses names starting with `copilot_` or `vscode_`.
export const LIST_DISKS_TOOL = 'ecsSnapshots_listDisks';
export const CREATE_SNAPSHOT_TOOL = 'ecsSnapshots_createSnapshot';
export const SNAPSHOT_STATUS_TOOL = 'ecsSnapshots_snapshotStatus';

export const AGENT_TOOL_NAMES = [LIST_DISKS_TOOL, CREATE_SNAPSHOT_TOOL, SNAPSHOT_STATUS_TOOL] as const;
