// The AccessKey pair entered in the editor lives in VS Code's SecretStorage only (never settings or logs).
import type * as vscode from 'vscode';

const KEY = 'ecsSnapshots.accessKey';

export interface StoredAccessKey {
  accessKeyId: string;
  accessKeySecret: string;
}

export class AccessKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  readonly onDidChange = (listener: () => void): vscode.Disposable =>
    this.secrets.onDidChange((event) => {
      if (event.key === KEY) {
        listener();
      }
    });

  async get(): Promise<StoredAccessKey | undefined> {
    const raw = await this.secrets.get(KEY);
    if (!raw) {
      return undefined;
    }
    try {
      const parsed = JSON.parse(raw) as Partial<StoredAccessKey>;
      return parsed.accessKeyId && parsed.accessKeySecret
        ? { accessKeyId: parsed.accessKeyId, accessKeySecret: parsed.accessKeySecret }
        : undefined;
    } catch {
      return undefined;
    }
  }

  async set(value: StoredAccessKey): Promise<void> {
    await this.secrets.store(KEY, JSON.stringify(value));
  }

  async clear(): Promise<void> {
    await this.secrets.delete(KEY);
  }
}

/** "LTAI…1234": enough to recognise a key, never enough to use it. */
export function maskAccessKeyId(accessKeyId: string): string {
  return accessKeyId.length <= 8 ? '…' : `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}
