// An instance's recent snapshot groups in the tree by instance: one DescribeSnapshotGroups by
// InstanceId (MaxResults 10, shown newest first) when the instance is expanded, kept until the
// instance is refreshed. While a shown group is still being created it is read again every
// REFRESH_MS, and only if the instance is still expanded (VS Code asks for its rows again).
import * as vscode from 'vscode';
import type { Disk, SnapshotGroup } from '../ecs/gateway';
import { newestGroupsFirst, RECENT_GROUPS } from '../groups/commands/instancePicker';
import { GroupMemberNode, SnapshotGroupNode } from './groupNodes';
import type { GroupTreeNode } from './groupNodes';
import {
  groupMemberDescription,
  groupMemberIcon,
  groupMemberTooltipMarkdown,
  snapshotGroupDescription,
  snapshotGroupIcon,
  snapshotGroupLabel,
  snapshotGroupTooltipMarkdown,
} from './groupText';
import type { InstanceNode } from './instanceNodes';
import { diskLabel } from './diskText';
import { ErrorNode } from './nodes';
import type { TreeNode } from './nodes';
import type { TreeLog } from './regionDisks';

/** How often a progressing group is read again while its instance stays expanded. */
export const GROUP_REFRESH_MS = 10_000;

interface Loaded {
  request?: Promise<void>;
  groups?: SnapshotGroup[];
  error?: unknown;
}

export interface InstanceGroupsHost {
  readonly log: TreeLog;
  fire(node: TreeNode | undefined): void;
}

export class InstanceGroups {
  private readonly loaded = new WeakMap<InstanceNode, Loaded>();
  private readonly groupNodes = new WeakMap<InstanceNode, Map<string, SnapshotGroupNode>>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly host: InstanceGroupsHost) {}

  /** Starts reading the instance's groups (at most one request in flight per instance). */
  prefetch(node: InstanceNode): void {
    void this.load(node);
  }

  /** The rows after the instance's disks: its groups, newest first, or an error row. */
  async rowsOf(node: InstanceNode, disks: readonly Disk[] | undefined): Promise<TreeNode[]> {
    await this.load(node);
    const state = this.loaded.get(node);
    if (!state) return [];
    if (state.error !== undefined) return [new ErrorNode(undefined, state.error)];
    const known = this.groupNodes.get(node) ?? new Map<string, SnapshotGroupNode>();
    const shown = new Map<string, SnapshotGroupNode>();
    for (const group of state.groups ?? []) {
      const row = known.get(group.snapshotGroupId) ?? new SnapshotGroupNode(node, group);
      row.group = group;
      shown.set(group.snapshotGroupId, row);
    }
    this.groupNodes.set(node, shown);
    this.diskNames.set(node, new Map((disks ?? []).map((d) => [d.diskId, diskLabel(d)])));
    return [...shown.values()];
  }

  private readonly diskNames = new WeakMap<InstanceNode, Map<string, string>>();

  /** Forgets what was read: the next expand (or the visible instance right away) reads again. */
  refresh(node: InstanceNode): void {
    this.loaded.delete(node);
    this.host.fire(node);
  }

  children(node: SnapshotGroupNode): TreeNode[] {
    const names = this.diskNames.get(node.parent);
    return [...node.group.members]
      .sort((a, b) => Number(b.sourceDiskType === 'system') - Number(a.sourceDiskType === 'system'))
      .map((m) => new GroupMemberNode(node, m, names?.get(m.sourceDiskId) ?? m.sourceDiskId));
  }

  item(node: GroupTreeNode): vscode.TreeItem {
    if (node.kind === 'snapshotGroup') {
      const { group } = node;
      const item = new vscode.TreeItem(snapshotGroupLabel(group), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `snapshotGroup:${node.region.regionId}:${group.snapshotGroupId}`;
      item.description = snapshotGroupDescription(group);
      item.tooltip = markdown(snapshotGroupTooltipMarkdown(group));
      item.iconPath = icon(snapshotGroupIcon(group));
      item.contextValue = 'snapshotGroup';
      item.accessibilityInformation = { label: `${vscode.l10n.t('Snapshot group')} ${item.label as string}, ${item.description}` };
      return item;
    }
    const { member } = node;
    const status = node.parent.group.status;
    const item = new vscode.TreeItem(node.diskName, vscode.TreeItemCollapsibleState.None);
    item.id = `snapshotGroupMember:${node.parent.region.regionId}:${member.snapshotId}`;
    item.description = groupMemberDescription(member, status);
    item.tooltip = markdown(groupMemberTooltipMarkdown(member, node.diskName, status));
    item.iconPath = icon(groupMemberIcon(member, status));
    item.contextValue = 'snapshotGroupMember';
    return item;
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private load(node: InstanceNode): Promise<void> {
    let state = this.loaded.get(node);
    if (!state) this.loaded.set(node, (state = {}));
    if (state.groups !== undefined || state.error !== undefined) return Promise.resolve();
    const current = state;
    current.request ??= (async () => {
      const { region, instance } = node;
      try {
        const page = await region.gateway.describeSnapshotGroups({ regionId: region.regionId, instanceId: instance.instanceId, maxResults: RECENT_GROUPS });
        current.groups = newestGroupsFirst(page.items).slice(0, RECENT_GROUPS);
        if (current.groups.some((g) => g.status === 'progressing')) this.readAgainLater(node, current);
      } catch (error) {
        current.error = error;
        this.host.log.warn(`Could not load the snapshot groups of ${instance.instanceId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
    return current.request;
  }

  private readAgainLater(node: InstanceNode, state: Loaded): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.loaded.get(node) === state) this.refresh(node);
    }, GROUP_REFRESH_MS);
    this.timers.add(timer);
  }
}

function icon(spec: { id: string; color?: string }): vscode.ThemeIcon {
  return new vscode.ThemeIcon(spec.id, spec.color ? new vscode.ThemeColor(spec.color) : undefined);
}

function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, true);
  md.isTrusted = false;
  return md;
}
