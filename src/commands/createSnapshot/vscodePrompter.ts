// The Prompter on VS Code's quick input: one InputBox or QuickPick per question, with "2/5",
// a Back button after the first step, validation on every keystroke, and Escape as Cancel.
import * as vscode from 'vscode';
import type { Back, Cancel, InputRequest, PickChoice, PickRequest, Prompter } from './prompter';
import { BACK, CANCEL } from './prompter';
import { PickPages } from './pickPages';

interface ChoiceItem<T> extends vscode.QuickPickItem {
  choice: PickChoice<T>;
}

export class VscodePrompter implements Prompter {
  /** @param tellBlocked how a blocked choice explains itself (the pick stays open meanwhile). */
  constructor(private readonly tellBlocked: (reason: string) => void = (reason) => void vscode.window.showWarningMessage(reason)) {}

  input(request: InputRequest): Promise<string | Back | Cancel> {
    const box = vscode.window.createInputBox();
    return new Promise<string | Back | Cancel>((resolve) => {
      const done = once(resolve, () => box.dispose());
      box.title = request.title;
      // A one-question flow (Quick Backup's disk) shows no "1/1".
      if (request.totalSteps > 1) [box.step, box.totalSteps] = [request.step, request.totalSteps];
      box.value = request.value;
      box.prompt = request.prompt;
      box.placeholder = request.placeholder;
      box.buttons = request.step > 1 ? [vscode.QuickInputButtons.Back] : [];
      // The flow is long enough that a click elsewhere (to look something up) must not lose it.
      box.ignoreFocusOut = true;
      box.validationMessage = request.validate(box.value);
      box.onDidChangeValue((value) => (box.validationMessage = request.validate(value)));
      box.onDidAccept(() => {
        const problem = request.validate(box.value);
        box.validationMessage = problem;
        if (problem === undefined) done(box.value);
      });
      box.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && done(BACK));
      box.onDidHide(() => done(CANCEL));
      box.show();
    });
  }

  pick<T>(request: PickRequest<T>): Promise<T | Back | Cancel> {
    const pick = vscode.window.createQuickPick<ChoiceItem<T>>();
    let open = true;
    return new Promise<T | Back | Cancel>((resolve) => {
      const done = once(resolve, () => {
        open = false;
        pick.dispose();
      });
      pick.title = request.title;
      if (request.totalSteps > 1) [pick.step, pick.totalSteps] = [request.step, request.totalSteps];
      pick.placeholder = request.placeholder;
      pick.matchOnDescription = request.matchOnDetails ?? false;
      pick.matchOnDetail = request.matchOnDetails ?? false;
      pick.buttons = request.step > 1 ? [vscode.QuickInputButtons.Back] : [];
      pick.ignoreFocusOut = true;
      // Appending a page must not scroll the list or move the highlight away from the user's place.
      pick.keepScrollPosition = true;
      // Pages are handed over in growing batches (see PickPages), typing shows every loaded choice.
      const pages = new PickPages<ChoiceItem<T>>(pick, (item) => isActive(request, item.choice));
      pages.add(request.choices.map(toItem));
      pick.onDidChangeValue(() => pages.flush());
      pick.onDidAccept(() => {
        const item = pick.activeItems[0];
        if (!item) return;
        if (item.choice.blockedReason !== undefined) {
          this.tellBlocked(item.choice.blockedReason);
          return;
        }
        done(item.choice.value);
      });
      pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && done(BACK));
      pick.onDidHide(() => done(CANCEL));
      pick.show();
      if (request.more) {
        pick.busy = true;
        void (async () => {
          try {
            for await (const page of request.more!) {
              if (!open) break;
              pages.add(page.map(toItem));
            }
          } catch {
            // Sources report their own failures as rows (see notice()); nothing else to show here.
          } finally {
            if (open) {
              pages.flush();
              pick.busy = false;
            }
          }
        })();
      }
    });
  }
}

function toItem<T>(choice: PickChoice<T>): ChoiceItem<T> {
  return { label: choice.label, description: choice.description, detail: choice.detail, choice };
}

function isActive<T>(request: PickRequest<T>, choice: PickChoice<T>): boolean {
  return choice.blockedReason === undefined && (request.isActive?.(choice.value) ?? false);
}

/** Resolves the first answer only (hide follows accept), then cleans up. */
function once<V>(resolve: (value: V) => void, cleanup: () => void): (value: V) => void {
  let settled = false;
  return (value) => {
    if (settled) return;
    settled = true;
    resolve(value);
    cleanup();
  };
}
