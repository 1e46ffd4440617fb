// The "how" of a rollback as one pick: what happens to the instance (by its state) and a
// checkbox-style "Safety snapshot first" row that flips when picked. Pure (no `vscode`).
import * as l10n from '@vscode/l10n';
import type { Instance } from '../../ecs/gateway';
import type { InstanceHandling } from '../../rollback/rollbackApi';
import { retentionText } from '../../view/snapshotText';
import type { PickChoice } from '../createSnapshot/prompter';

export type OptionValue = { kind: 'go'; handling: InstanceHandling } | { kind: 'toggleSafety' };

export interface SafetyPreview {
  on: boolean;
  name: string;
  retentionDays?: number;
}

/** The ways to go on for this instance state, then the safety-snapshot toggle. */
export function optionChoices(instance: Instance | undefined, safety: SafetyPreview): PickChoice<OptionValue>[] {
  return [...handlingChoices(instance), safetyChoice(safety)];
}

function handlingChoices(instance: Instance | undefined): PickChoice<OptionValue>[] {
  if (!instance) {
    return [{ label: `$(history) ${l10n.t('Roll back')}`, description: l10n.t('the disk is not attached'), value: { kind: 'go', handling: { kind: 'none' } } }];
  }
  const { instanceId } = instance;
  const instanceName = instance.instanceName.trim() || instanceId;
  if (instance.status === 'Stopped') {
    return [
      {
        label: `$(history) ${l10n.t('Roll back, keep the instance stopped')}`,
        description: l10n.t('{0} is stopped', instanceName),
        value: { kind: 'go', handling: { kind: 'stopped', instanceId, instanceName, start: false } },
      },
      {
        label: `$(play) ${l10n.t('Roll back, then start the instance')}`,
        description: l10n.t('{0} is stopped', instanceName),
        value: { kind: 'go', handling: { kind: 'stopped', instanceId, instanceName, start: true } },
      },
    ];
  }
  const unreachable = l10n.t('{0} is unreachable from the stop until it runs again', instanceName);
  return [
    {
      label: `$(debug-restart) ${l10n.t('Stop the instance, roll back, start it again')}`,
      description: l10n.t('{0} is running', instanceName),
      detail: unreachable,
      value: { kind: 'go', handling: { kind: 'running', instanceId, instanceName, keepStopped: false } },
    },
    {
      label: `$(debug-stop) ${l10n.t('Stop the instance, roll back, keep it stopped')}`,
      description: l10n.t('{0} is running', instanceName),
      detail: l10n.t('{0} stays stopped until you start it', instanceName),
      value: { kind: 'go', handling: { kind: 'running', instanceId, instanceName, keepStopped: true } },
    },
  ];
}

function safetyChoice(safety: SafetyPreview): PickChoice<OptionValue> {
  return safety.on
    ? {
        label: `$(pass-filled) ${l10n.t('Safety snapshot first')}`,
        description: l10n.t('on: "{0}", {1}', safety.name, retentionText(safety.retentionDays)),
        detail: l10n.t('Pick to turn off. The snapshot of the current state lets you undo this rollback.'),
        value: { kind: 'toggleSafety' },
      }
    : {
        label: `$(circle-large-outline) ${l10n.t('Safety snapshot first')}`,
        description: l10n.t('off: the current state of the disk is not kept'),
        detail: l10n.t('Pick to turn on.'),
        value: { kind: 'toggleSafety' },
      };
}
