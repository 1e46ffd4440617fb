// What the views, commands and the tracker need to know about "where we are connected".
import type * as vscode from 'vscode';
import type { EcsGateway } from '../ecs/gateway';

/** A ready-to-use gateway for one region of one credential source. */
export interface Connection {
  readonly gateway: EcsGateway;
  readonly regionId: string;
  /**
   * Stable, secret-free key of the credential source and endpoint (e.g. "profile:dev",
   * "sandbox", "accessKey:LTAI...1234"), used to group and persist tracked snapshots.
   */
  readonly sourceKey: string;
  /** Where the view is looking, e.g. "cn-hangzhou · profile dev". */
  readonly label: string;
}

/** Why there is no usable connection; drives the view's welcome content (context key ecsSnapshots.state). */
export type ConnectionState = 'notConfigured' | 'ready' | 'credentialsRejected' | 'unreachable' | 'empty';

export interface Connections {
  /** The connection for the configured source and region; undefined when nothing is configured. */
  current(): Promise<Connection | undefined>;
  /** A connection for another region (or the persisted source of a tracked snapshot), when that source is still usable. */
  forRegion(regionId: string, sourceKey?: string): Promise<Connection | undefined>;
  readonly onDidChange: vscode.Event<void>;
  /** Lets a view report what its last load found, so the welcome view can explain it. */
  reportState(state: ConnectionState, detail?: string): void;
}
