// Branch and commit of the workspace for Quick Backup names, from VS Code's built-in Git
// extension. Everything here is optional: no Git, no repository or a detached HEAD just means
// the {branch}/{commit} placeholders drop out of the name.
import * as vscode from 'vscode';

export interface GitInfo {
  branch?: string;
  commit?: string;
}

export type GitInfoSource = () => Promise<GitInfo>;

// The few members of the vscode.git API (v1) used here; the extension ships no typings package.
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly HEAD?: { readonly name?: string; readonly commit?: string } };
}
interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
}
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** How long to wait for the Git extension's first scan of the workspace (first use after start). */
const DISCOVERY_MS = 3000;

export const gitInfoFromVscode: GitInfoSource = async () => {
  try {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) return {};
    const git = extension.isActive ? extension.exports : await extension.activate();
    if (!git?.enabled) return {};
    const api = git.getAPI(1);
    const repository = await waitForRepository(api);
    const head = repository?.state.HEAD;
    return { branch: head?.name || undefined, commit: head?.commit || undefined };
  } catch {
    return {};
  }
};

async function waitForRepository(api: GitApi): Promise<GitRepository | undefined> {
  // Once Git has scanned the workspace, no repository means none: answer at once.
  if (api.state === 'initialized') return choose(api.repositories);
  return new Promise((resolve) => {
    const subscriptions: vscode.Disposable[] = [];
    const finish = () => {
      subscriptions.forEach((s) => s.dispose());
      clearTimeout(timer);
      resolve(choose(api.repositories));
    };
    const timer = setTimeout(finish, DISCOVERY_MS);
    subscriptions.push(api.onDidChangeState((state) => state === 'initialized' && finish()), api.onDidOpenRepository(finish));
  });
}

/** The repository of the active editor's file, else the first workspace folder's, else the first. */
function choose(repositories: readonly GitRepository[]): GitRepository | undefined {
  if (repositories.length <= 1) return repositories[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const containing = (uri: vscode.Uri | undefined) =>
    uri &&
    repositories
      .filter((r) => uri.fsPath === r.rootUri.fsPath || uri.fsPath.startsWith(r.rootUri.fsPath + '/') || uri.fsPath.startsWith(r.rootUri.fsPath + '\\'))
      .sort((a, b) => b.rootUri.fsPath.length - a.rootUri.fsPath.length)[0];
  return containing(active) ?? containing(folder) ?? repositories[0];
}
