// The Notifier on VS Code's notifications.
import * as vscode from 'vscode';
import type { Notifier } from './createSnapshot/submit';

export const vscodeNotifier: Notifier = {
  info: (message) => void vscode.window.showInformationMessage(message),
  warn: (message) => void vscode.window.showWarningMessage(message),
  error: (message, actions) => Promise.resolve(vscode.window.showErrorMessage(message, ...actions)),
};
