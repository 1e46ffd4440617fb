// The group Prompter on VS Code's quick input: the create flow's boxes, plus a QuickPick with
// canSelectMany for the disks of an instance. Untickable choices are separator lines (a
// multi-select QuickPick cannot refuse a tick), so their reason is read before anything is picked.
import * as vscode from 'vscode';
import type { Back, Cancel, PickChoice } from '../../commands/createSnapshot/prompter';
import { BACK, CANCEL } from '../../commands/createSnapshot/prompter';
import { VscodePrompter } from '../../commands/createSnapshot/vscodePrompter';
import type { GroupPrompter, PickManyRequest } from './groupPrompter';

interface ChoiceItem<T> extends vscode.QuickPickItem {
  choice?: PickChoice<T>;
}

export class VscodeGroupPrompter extends VscodePrompter implements GroupPrompter {
  constructor(private readonly tell: (reason: string) => void = (reason) => void vscode.window.showWarningMessage(reason)) {
    super(tell);
  }

  pickMany<T>(request: PickManyRequest<T>): Promise<T[] | Back | Cancel> {
    const pick = vscode.window.createQuickPick<ChoiceItem<T>>();
    return new Promise<T[] | Back | Cancel>((resolve) => {
      let settled = false;
      const done = (value: T[] | Back | Cancel) => {
        if (settled) return;
        settled = true;
        resolve(value);
        pick.dispose();
      };
      pick.title = request.title;
      if (request.totalSteps > 1) [pick.step, pick.totalSteps] = [request.step, request.totalSteps];
      pick.placeholder = request.placeholder;
      pick.canSelectMany = true;
      pick.matchOnDescription = true;
      pick.matchOnDetail = true;
      pick.ignoreFocusOut = true;
      pick.buttons = request.step > 1 ? [vscode.QuickInputButtons.Back] : [];
      const items: ChoiceItem<T>[] = request.choices.map((choice) =>
        choice.blockedReason === undefined
          ? { label: choice.label, description: choice.description, detail: choice.detail, choice }
          : { label: `${choice.label.replace(/^\$\([^)]*\)\s*/, '')}: ${choice.blockedReason}`, kind: vscode.QuickPickItemKind.Separator },
      );
      pick.items = items;
      pick.selectedItems = items.filter((item) => item.choice && request.isPicked(item.choice.value));
      pick.onDidAccept(() => {
        const picked = pick.selectedItems.flatMap((item) => (item.choice ? [item.choice.value] : []));
        const problem = request.validate?.(picked);
        if (problem !== undefined) {
          this.tell(problem);
          return;
        }
        done(picked);
      });
      pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && done(BACK));
      pick.onDidHide(() => done(CANCEL));
      pick.show();
    });
  }
}
