// The rollback's modal question on VS Code: resolves true only when the action button was chosen.
import * as vscode from 'vscode';

export async function modalConfirm(message: string, detail: string, action: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
}
