// The disk picker of the create flow, with the disks being rolled back shown blocked (with the
// reason) instead of offered. Pure (no `vscode`).
import * as l10n from '@vscode/l10n';
import type { DiskChoice } from '../createSnapshot/flowState';
import type { PickChoice } from '../createSnapshot/prompter';

export async function* markRollingBack(
  pages: AsyncIterable<readonly PickChoice<DiskChoice>[]>,
  isRollingBack: (diskId: string) => boolean,
): AsyncGenerator<PickChoice<DiskChoice>[]> {
  for await (const page of pages) {
    yield page.map((choice) => {
      const diskId = (choice.value as DiskChoice | undefined)?.disk.diskId;
      if (!diskId || choice.blockedReason !== undefined || !isRollingBack(diskId)) return choice;
      const reason = l10n.t('A rollback of this disk is already running; wait until the status bar says it is done.');
      return { ...choice, label: choice.label.replace('$(database)', '$(circle-slash)'), detail: `${choice.detail ?? ''} · ${reason}`, blockedReason: reason };
    });
  }
}
