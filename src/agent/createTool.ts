// The creating tool without `vscode`: check the input against the same rules as every other way
// in (BackupService.check), build the confirmation, then take the backup through BackupService
// (one ClientToken, the tracker). An invalid input is answered with the rule's message and never
// reaches a confirmation or ECS.
import * as l10n from '@vscode/l10n';
import type { BackupArguments, BackupService } from '../automation/backupApi';
import { splitCreateInput } from './toolInputs';
import { backupResultText, createConfirmation, creatingMessage, invalidInputText } from './toolTexts';
import type { Confirmation, CreateDefaults } from './toolTexts';

export type CheckedCreate = { ok: true; args: BackupArguments; quick: boolean } | { ok: false; message: string };

export function checkCreateInput(input: unknown, backups: Pick<BackupService, 'check'>): CheckedCreate {
  const { quick, args } = splitCreateInput(input);
  const checked = backups.check(args);
  if (!checked.ok) return { ok: false, message: checked.message };
  // Commands may ask for the disk; an agent must name it.
  if (!checked.value.disk?.trim()) return { ok: false, message: l10n.t('Say which disk: its ID (d-…) or its exact name.') };
  return { ok: true, args: checked.value, quick };
}

export type CreatePreparation =
  | { ok: true; confirmation: Confirmation; invocationMessage: string }
  | { ok: false; invocationMessage: string };

export function prepareCreate(input: unknown, backups: Pick<BackupService, 'check'>, defaults: CreateDefaults): CreatePreparation {
  const checked = checkCreateInput(input, backups);
  if (!checked.ok) return { ok: false, invocationMessage: invalidInputText(checked.message) };
  return { ok: true, confirmation: createConfirmation(checked.args, checked.quick, defaults), invocationMessage: creatingMessage(checked.args, checked.quick) };
}

export async function runCreate(
  input: unknown,
  backups: Pick<BackupService, 'check' | 'backup'>,
  cancellation?: Parameters<BackupService['backup']>[1]['cancellation'],
): Promise<string> {
  // Checked again: invoke is reached only after prepareInvocation, but the input is the agent's.
  const checked = checkCreateInput(input, backups);
  if (!checked.ok) return invalidInputText(checked.message);
  const result = await backups.backup(checked.args, { origin: 'agent', quick: checked.quick, wait: 'created', cancellation });
  return backupResultText(result);
}
