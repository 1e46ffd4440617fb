// Where the user's Alibaba Cloud credentials come from, resolved into a plain description the
// SDK layer can turn into an explicit provider. We never fall back to the SDK's default chain:
// it probes the metadata service and a bogus credentials URI, and hides which source was used.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { EcsError } from './errors';

export type CredentialSource =
  | { kind: 'cliProfile'; profile?: string; configPath?: string }
  | { kind: 'environment' }
  | { kind: 'accessKey'; accessKeyId: string; accessKeySecret: string; securityToken?: string }
  | { kind: 'sandbox'; accessKeyId: string; accessKeySecret: string; securityToken?: string; endpoint: string };

/** What the SDK layer needs to build a provider; holds secrets, so never log it. */
export type ResolvedCredentials =
  | { type: 'accessKey'; accessKeyId: string; accessKeySecret: string; securityToken?: string }
  | {
      type: 'ramRoleArn';
      accessKeyId: string;
      accessKeySecret: string;
      roleArn: string;
      roleSessionName?: string;
      durationSeconds?: number;
      stsRegionId?: string;
    }
  | { type: 'ecsRamRole'; roleName?: string };

export interface CredentialResolution {
  credentials: ResolvedCredentials;
  /** Safe to show: "profile 'dev' (AK)", "environment variables", ... */
  label: string;
  /** The CLI profile used (cliProfile sources only). */
  profileName?: string;
  /** The CLI profile's region_id, when it has one. */
  regionId?: string;
  /** Sandbox only: where the emulator listens. */
  endpoint?: string;
}

/** A CLI profile as a picker may show it: never any secret. */
export interface CliProfileSummary {
  name: string;
  mode: string;
  regionId?: string;
  current: boolean;
}

interface CliProfile {
  name?: string;
  mode?: string;
  access_key_id?: string;
  access_key_secret?: string;
  sts_token?: string;
  ram_role_arn?: string;
  ram_session_name?: string;
  ram_role_name?: string;
  expired_seconds?: number;
  sts_region?: string;
  region_id?: string;
}

interface CliConfig {
  current?: string;
  profiles?: CliProfile[];
}

export function defaultCliConfigPath(): string {
  return path.join(os.homedir(), '.aliyun', 'config.json');
}

/** Secrets held by a resolution, so error messages and logs can be scrubbed of them. */
export function secretsOf(credentials: ResolvedCredentials): string[] {
  switch (credentials.type) {
    case 'accessKey':
      return [credentials.accessKeySecret, credentials.securityToken ?? ''].filter((s) => s.length > 0);
    case 'ramRoleArn':
      return [credentials.accessKeySecret].filter((s) => s.length > 0);
    case 'ecsRamRole':
      return [];
  }
}

export function resolveCredentials(
  source: CredentialSource,
  env: NodeJS.ProcessEnv = process.env,
): CredentialResolution {
  switch (source.kind) {
    case 'accessKey':
      return {
        credentials: accessKey(source.accessKeyId, source.accessKeySecret, source.securityToken, l10n.t('the stored AccessKey')),
        label: 'stored AccessKey',
      };
    case 'sandbox':
      return {
        credentials: accessKey(source.accessKeyId, source.accessKeySecret, source.securityToken, l10n.t('the sandbox')),
        label: 'sandbox',
        endpoint: source.endpoint,
      };
    case 'environment':
      return fromEnvironment(env);
    case 'cliProfile':
      return fromCliProfile(source.profile, source.configPath ?? defaultCliConfigPath(), env);
  }
}

function fromEnvironment(env: NodeJS.ProcessEnv): CredentialResolution {
  const id = env.ALIBABA_CLOUD_ACCESS_KEY_ID?.trim();
  const secret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET?.trim();
  if (!id) throw credentialsError(l10n.t('Environment variable {0} is not set.', 'ALIBABA_CLOUD_ACCESS_KEY_ID'));
  if (!secret) throw credentialsError(l10n.t('Environment variable {0} is not set.', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'));
  const token = env.ALIBABA_CLOUD_SECURITY_TOKEN?.trim() || undefined;
  return {
    credentials: { type: 'accessKey', accessKeyId: id, accessKeySecret: secret, securityToken: token },
    label: 'environment variables',
  };
}

/** The variables the aliyun CLI reads a profile name from, in its order. */
const PROFILE_VARIABLES = ['ALIBABACLOUD_PROFILE', 'ALIBABA_CLOUD_PROFILE', 'ALICLOUD_PROFILE'] as const;

/** The profile the aliyun CLI would use from the environment (a terminal where it was exported). */
function profileFromEnvironment(env: NodeJS.ProcessEnv): { name: string; variable: string } | undefined {
  for (const variable of PROFILE_VARIABLES) {
    const name = env[variable]?.trim();
    if (name) return { name, variable };
  }
  return undefined;
}

function fromCliProfile(requested: string | undefined, configPath: string, env: NodeJS.ProcessEnv): CredentialResolution {
  const config = readCliConfig(configPath);
  // Same choice as the CLI: the one asked for, else the environment's, else the config's current.
  const fromEnv = requested?.trim() ? undefined : profileFromEnvironment(env);
  const name = requested?.trim() || fromEnv?.name || config.current;
  if (!name) throw credentialsError(l10n.t('The aliyun CLI config {0} names no current profile; choose one.', configPath));
  const profile = (config.profiles ?? []).find((p) => p.name === name);
  if (!profile) {
    const known = (config.profiles ?? []).map((p) => p.name).filter(Boolean).join(', ') || 'none';
    throw credentialsError(
      fromEnv
        ? l10n.t("Profile '{0}' (from {1}) is not in {2} (profiles: {3}).", name, fromEnv.variable, configPath, known)
        : l10n.t("Profile '{0}' is not in {1} (profiles: {2}).", name, configPath, known),
    );
  }
  const mode = profile.mode ?? 'AK';
  const where = l10n.t("profile '{0}'", name);
  const regionId = profile.region_id?.trim() || undefined;
  const label = `${where} (${mode})`;
  switch (mode) {
    case 'AK':
      return {
        credentials: accessKey(profile.access_key_id, profile.access_key_secret, undefined, where),
        label,
        profileName: name,
        regionId,
      };
    case 'StsToken':
      if (!profile.sts_token) throw credentialsError(l10n.t('The STS token of {0} is empty.', where));
      return {
        credentials: accessKey(profile.access_key_id, profile.access_key_secret, profile.sts_token, where),
        label,
        profileName: name,
        regionId,
      };
    case 'RamRoleArn': {
      const base = accessKey(profile.access_key_id, profile.access_key_secret, undefined, where);
      if (!profile.ram_role_arn) throw credentialsError(l10n.t('The RAM role ARN of {0} is empty.', where));
      return {
        credentials: {
          type: 'ramRoleArn',
          accessKeyId: base.accessKeyId,
          accessKeySecret: base.accessKeySecret,
          roleArn: profile.ram_role_arn,
          roleSessionName: profile.ram_session_name || undefined,
          durationSeconds: profile.expired_seconds || undefined,
          stsRegionId: profile.sts_region || undefined,
        },
        label,
        profileName: name,
        regionId,
      };
    }
    case 'EcsRamRole':
      return { credentials: { type: 'ecsRamRole', roleName: profile.ram_role_name || undefined }, label, profileName: name, regionId };
    default:
      throw credentialsError(
        l10n.t('{0} uses mode {1}, which this extension cannot use yet. Use a profile in AK, StsToken, RamRoleArn or EcsRamRole mode, or set an AccessKey.', where, mode),
      );
  }
}

/** The CLI's profiles for a picker: names, modes and regions only. */
export function listCliProfiles(configPath: string = defaultCliConfigPath()): CliProfileSummary[] {
  const config = readCliConfig(configPath);
  return (config.profiles ?? [])
    .filter((p): p is CliProfile & { name: string } => typeof p.name === 'string' && p.name.length > 0)
    .map((p) => ({
      name: p.name,
      mode: p.mode ?? 'AK',
      regionId: p.region_id?.trim() || undefined,
      current: p.name === config.current,
    }));
}

/** The region_id of a CLI profile (the current one when none is named), if it sets one. */
export function cliProfileRegion(profile?: string, configPath: string = defaultCliConfigPath(), env: NodeJS.ProcessEnv = process.env): string | undefined {
  const profiles = listCliProfiles(configPath);
  const name = profile || profileFromEnvironment(env)?.name;
  const chosen = name ? profiles.find((p) => p.name === name) : profiles.find((p) => p.current);
  return chosen?.regionId;
}

function readCliConfig(configPath: string): CliConfig {
  let text: string;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw credentialsError(l10n.t("No aliyun CLI config at {0}. Run 'aliyun configure' or set an AccessKey.", configPath));
    }
    throw credentialsError(l10n.t('Cannot read the aliyun CLI config {0} ({1}).', configPath, code ?? 'unknown error'));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Never echo the parser's message: it quotes file content, which holds secrets.
    throw credentialsError(l10n.t('The aliyun CLI config {0} is not valid JSON.', configPath));
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as CliConfig).profiles ?? [])) {
    throw credentialsError(l10n.t('The aliyun CLI config {0} has no profiles list.', configPath));
  }
  return parsed as CliConfig;
}

function accessKey(
  id: string | undefined,
  secret: string | undefined,
  token: string | undefined,
  where: string,
): { type: 'accessKey'; accessKeyId: string; accessKeySecret: string; securityToken?: string } {
  const accessKeyId = id?.trim();
  const accessKeySecret = secret?.trim();
  if (!accessKeyId) throw credentialsError(l10n.t('The AccessKey ID of {0} is empty.', where));
  if (!accessKeySecret) throw credentialsError(l10n.t('The AccessKey secret of {0} is empty.', where));
  return { type: 'accessKey', accessKeyId, accessKeySecret, securityToken: token?.trim() || undefined };
}

function credentialsError(message: string): EcsError {
  return new EcsError({ kind: 'credentials', code: 'InvalidCredentials', message, retryable: false });
}
