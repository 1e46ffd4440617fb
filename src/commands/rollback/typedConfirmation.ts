// The last gate: the user types the disk's name (its id when unnamed), as developer tools ask
// before destructive operations. Pure (no `vscode`).
import * as l10n from '@vscode/l10n';
import type { Disk, Instance } from '../../ecs/gateway';
import { formatDateTime } from '../../view/timeText';

export interface TypedConfirmation {
  expected: string;
  prompt: string;
  validate(value: string): string | undefined;
}

export function typedConfirmation(disk: Pick<Disk, 'diskId' | 'diskName'>, snapshotTime: string): TypedConfirmation {
  const named = disk.diskName.trim() !== '';
  const expected = named ? disk.diskName.trim() : disk.diskId;
  const prompt = named
    ? l10n.t('Type the disk\'s name "{0}" to roll it back. Everything written to it after {1} is lost.', expected, formatDateTime(snapshotTime))
    : l10n.t('Type the disk\'s ID "{0}" to roll it back. Everything written to it after {1} is lost.', expected, formatDateTime(snapshotTime));
  return {
    expected,
    prompt,
    validate: (value) => (value === expected ? undefined : l10n.t('Type {0} exactly to confirm; Escape cancels.', expected)),
  };
}

/** The same gate for an instance rolled back to a snapshot group (issue 16): its name, else its id. */
export function instanceTypedConfirmation(instance: Pick<Instance, 'instanceId' | 'instanceName'>, groupTime: string): TypedConfirmation {
  const named = instance.instanceName.trim() !== '';
  const expected = named ? instance.instanceName.trim() : instance.instanceId;
  const prompt = named
    ? l10n.t('Type the instance\'s name "{0}" to roll back its disks. Everything written to them after {1} is lost.', expected, formatDateTime(groupTime))
    : l10n.t('Type the instance\'s ID "{0}" to roll back its disks. Everything written to them after {1} is lost.', expected, formatDateTime(groupTime));
  return {
    expected,
    prompt,
    validate: (value) => (value === expected ? undefined : l10n.t('Type {0} exactly to confirm; Escape cancels.', expected)),
  };
}
