// Turns the connection settings (+ the stored AccessKey) into gateways, one per region and source,
// and publishes why there is none (the `ecsSnapshots.state` context key drives the welcome views).
import * as vscode from 'vscode';
import { cliProfileRegion, listCliProfiles, resolveCredentials, type CredentialResolution, type CredentialSource } from '../ecs/credentials';
import { createEcsGateway } from '../ecs/createEcsGateway';
import { isEcsError } from '../ecs/errors';
import type { Connection, ConnectionState, Connections } from './connection';
import { AccessKeyStore, maskAccessKeyId } from './accessKeyStore';
import { SandboxHost } from './sandboxHost';
import { affectsConnection, readConnectionSettings, type ConnectionSettings } from './settings';

/** Used when neither the settings nor the CLI profile name a region. */
export const FALLBACK_REGION = 'cn-hangzhou';

interface Source {
  key: string;
  /** "profile dev", "sandbox", ... (never secret). */
  label: string;
  resolution: CredentialResolution;
  endpoint?: string;
  defaultRegion?: string;
}

export class ConnectionManager implements Connections, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly cache = new Map<string, Connection>();
  private sourcePromise?: Promise<Source | undefined>;
  private state?: ConnectionState;

  constructor(
    private readonly accessKeys: AccessKeyStore,
    private readonly sandbox: SandboxHost,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsConnection(event)) this.reset();
      }),
      this.accessKeys.onDidChange(() => this.reset()),
    );
  }

  async current(): Promise<Connection | undefined> {
    const source = await this.source();
    if (!source) return undefined;
    const settings = readConnectionSettings();
    return this.connectionFor(source, settings.region || source.defaultRegion || FALLBACK_REGION, settings);
  }

  async forRegion(regionId: string, sourceKey?: string): Promise<Connection | undefined> {
    const source = await this.source();
    if (!source || (sourceKey !== undefined && sourceKey !== source.key)) return undefined;
    return this.connectionFor(source, regionId, readConnectionSettings());
  }

  reportState(state: ConnectionState, detail?: string): void {
    if (state === this.state) return;
    this.state = state;
    if (detail) this.log.info(`Connection state: ${state} (${detail})`);
    void vscode.commands.executeCommand('setContext', 'ecsSnapshots.state', state);
  }

  /** Forgets gateways and the resolved source, e.g. after a setting or the stored key changed. */
  reset(): void {
    this.cache.clear();
    this.sourcePromise = undefined;
    this.changed.fire();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private connectionFor(source: Source, regionId: string, settings: ConnectionSettings): Connection {
    const cacheKey = `${source.key}\u0000${regionId}`;
    let connection = this.cache.get(cacheKey);
    if (!connection) {
      const gateway = createEcsGateway({
        credentials: source.resolution.credentials,
        regionId,
        endpoint: source.endpoint,
        readTimeoutMs: settings.requestTimeoutSeconds * 1000,
        // Server messages in the user's language where ECS has it; our catalog covers the codes.
        acceptLanguage: vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US',
        log: (level, message) => this.log[level](message),
      });
      connection = { gateway, regionId, sourceKey: source.key, label: `${regionId} · ${source.label}` };
      this.cache.set(cacheKey, connection);
    }
    return connection;
  }

  private source(): Promise<Source | undefined> {
    this.sourcePromise ??= this.resolveSource().catch((error: unknown) => {
      // A source that cannot be used (missing file, unknown profile, ...) is "not configured":
      // the welcome view offers the ways out; the log and a notification say why.
      const message = isEcsError(error) ? error.message : String(error);
      this.log.warn(`Credentials unavailable: ${message}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('ECS Snapshots: {0}', message));
      return undefined;
    });
    return this.sourcePromise.then((source) => {
      if (!source) this.reportState('notConfigured');
      return source;
    });
  }

  private async resolveSource(): Promise<Source | undefined> {
    const settings = readConnectionSettings();
    const endpoint = settings.endpoint || undefined;
    switch (settings.credentialSource ?? this.defaultSourceKind()) {
      case undefined:
        return undefined;
      case 'sandbox': {
        // An endpoint setting points at an external sandbox (`npm start`) only when it is on this
        // machine: a proxy or VPC endpoint configured for a real account must not receive sandbox keys.
        const external = endpoint && isLoopback(endpoint) ? endpoint : undefined;
        const sandbox = external ? undefined : await this.sandbox.endpoint();
        const { SANDBOX_ACCESS_KEY_ID, SANDBOX_ACCESS_KEY_SECRET } = await import('../sandbox/index');
        const source: CredentialSource = {
          kind: 'sandbox',
          accessKeyId: SANDBOX_ACCESS_KEY_ID,
          accessKeySecret: SANDBOX_ACCESS_KEY_SECRET,
          endpoint: external ?? sandbox!.endpoint,
        };
        return {
          key: 'sandbox',
          label: vscode.l10n.t('sandbox'),
          resolution: resolveCredentials(source),
          endpoint: source.endpoint,
          defaultRegion: sandbox?.regionId ?? FALLBACK_REGION,
        };
      }
      case 'environment':
        return {
          key: 'environment',
          label: vscode.l10n.t('environment'),
          resolution: resolveCredentials({ kind: 'environment' }),
          endpoint,
        };
      case 'accessKey': {
        const stored = await this.accessKeys.get();
        if (!stored) return undefined;
        const masked = maskAccessKeyId(stored.accessKeyId);
        return {
          key: `accessKey:${masked}`,
          label: vscode.l10n.t('AccessKey {0}', masked),
          resolution: resolveCredentials({ kind: 'accessKey', ...stored }),
          endpoint,
        };
      }
      case 'cliProfile': {
        const resolution = resolveCredentials({ kind: 'cliProfile', profile: settings.profile || undefined });
        const name = resolution.profileName ?? settings.profile;
        return {
          key: `profile:${name}`,
          label: vscode.l10n.t('profile {0}', name),
          resolution,
          endpoint,
          defaultRegion: resolution.regionId ?? cliProfileRegion(name || undefined),
        };
      }
    }
  }

  /** Nothing chosen yet: the aliyun CLI's current profile when its config exists, else nothing. */
  private defaultSourceKind(): 'cliProfile' | undefined {
    try {
      return listCliProfiles().some((profile) => profile.current) ? 'cliProfile' : undefined;
    } catch {
      return undefined;
    }
  }
}

function isLoopback(endpoint: string): boolean {
  const host = endpoint.replace(/^[a-z]+:\/\//i, '').replace(/[:/].*$/, '').toLowerCase();
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]';
}
