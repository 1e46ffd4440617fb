// Turns an ECS error (code, message, request ID, Recommend URL) into what the user needs: what
// happened, what to do, whether trying again can help, and where to read more.
// Structurally compatible with EcsError (src/ecs/errors.ts) without importing it, so the domain
// stays independent of the gateway.
import * as l10n from '@vscode/l10n';
import { CATALOG, familyOf, type DocTopic, type ProblemCategory } from './catalogEntries';
import { ACTION_CATALOG } from './catalogRestore';

export type { ProblemCategory } from './catalogEntries';

/** The parts of an ECS error this module reads (EcsError has all of them). */
export interface EcsErrorLike {
  code: string;
  message: string;
  httpStatus?: number;
  requestId?: string;
  /** The response's Recommend: a diagnosis URL. */
  recommend?: string;
  /** The API action that failed, e.g. "CreateSnapshot". */
  action?: string;
  /** EcsError's kind: 'api' | 'throttling' | 'timeout' | 'network' | 'credentials' | 'protocol'. */
  kind?: string;
  retryAfterSeconds?: number;
}

export interface EcsProblem {
  code: string;
  /** What happened, in the user's words. */
  title: string;
  /** What to do next. */
  action: string;
  /** Whether trying the same request again (now or after waiting) can succeed. */
  retryable: boolean;
  category: ProblemCategory;
  /** False when the code is not in the catalog (title then is the server's message). */
  known: boolean;
  /** The server's own message, when it says more than the title (unknown codes, %s details). */
  detail?: string;
  docUrl?: string;
  requestId?: string;
  httpStatus?: number;
}

// Alibaba Cloud's English documentation; every other problem links the error center for its code.
const DOCS: Record<Exclude<DocTopic, 'errorCenter'>, string> = {
  createSnapshot: 'https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createsnapshot',
  ram: 'https://www.alibabacloud.com/help/en/ecs/authentication-rules',
  accessKey: 'https://www.alibabacloud.com/help/en/ram/obtain-an-accesskey-pair-1',
  activateSnapshots: 'https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-opensnapshotservice',
};

const MAX_DETAIL = 300;

export function describeEcsProblem(error: EcsErrorLike): EcsProblem {
  const code = error.code || 'Unknown';
  const serverMessage = (error.message ?? '').trim();
  // A code can mean something else per action (IncorrectInstanceStatus of ResetDisk vs StartInstance).
  const entry = (error.action ? ACTION_CATALOG[error.action]?.[code] : undefined) ?? CATALOG[code] ?? familyOf(code);
  const docUrl = safeUrl(error.recommend) ?? defaultDocUrl(entry?.doc ?? 'errorCenter', code, error.requestId);
  const base = { code, requestId: error.requestId, httpStatus: error.httpStatus, docUrl };
  if (!entry) return { ...base, ...unknownProblem(error, serverMessage) };

  // The documented text itself ("%s" left in) carries no values: the entry then words it generally.
  const found = entry.template ? extractValues(entry.template, serverMessage) : [];
  const values = found.every((v) => v !== '' && v !== '%s') ? found : [];
  const context = {
    apiAction: error.action || 'CreateSnapshot',
    retryAfterSeconds: error.retryAfterSeconds,
    serverMessage,
    httpStatus: error.httpStatus,
  };
  return {
    ...base,
    title: entry.title(values, context),
    action: entry.action(values, context),
    retryable: entry.retryable,
    category: entry.category,
    known: true,
    detail: entry.showServerMessage && isInformative(serverMessage) ? clip(serverMessage) : undefined,
  };
}

/**
 * One line for a notification or the log:
 * "<what happened> [<server detail>] <what to do> (<code>, request ID <id>)".
 */
export function formatForUser(problem: EcsProblem | EcsErrorLike): string {
  const p = 'title' in problem && 'known' in problem ? problem : describeEcsProblem(problem);
  const detail = p.detail ? ` ${ensurePeriod(p.detail)}` : '';
  const ids = p.requestId ? l10n.t('{0}, request ID {1}', p.code, p.requestId) : p.code;
  return `${ensurePeriod(p.title)}${detail} ${p.action} (${ids})`;
}

function unknownProblem(error: EcsErrorLike, serverMessage: string): Omit<EcsProblem, 'code' | 'requestId' | 'httpStatus' | 'docUrl'> {
  const transient =
    error.kind === 'throttling' || error.kind === 'timeout' || (error.httpStatus ?? 0) >= 500 || error.httpStatus === 429;
  const byKind = describeByKind(error.kind, transient);
  return {
    title: byKind?.title ?? (isInformative(serverMessage) ? clip(serverMessage) : l10n.t('ECS refused the request.')),
    detail: byKind && isInformative(serverMessage) ? clip(serverMessage) : undefined,
    action:
      byKind?.action ??
      (transient
        ? l10n.t('Try again in a minute. If it keeps failing, look the error code up in the Alibaba Cloud error center or contact support with the request ID.')
        : l10n.t('Look the error code up in the Alibaba Cloud error center, or contact support with the request ID.')),
    retryable: byKind ? byKind.retryable || transient : transient,
    category: byKind?.category ?? (transient ? 'transient' : 'unknown'),
    known: false,
  };
}

// Failures that never reached ECS have no catalogued code; the gateway's kind tells what happened.
function describeByKind(
  kind: string | undefined,
  transient: boolean,
): { title: string; action: string; retryable: boolean; category: ProblemCategory } | undefined {
  switch (kind) {
    case 'network':
      return {
        title: l10n.t('Could not reach ECS.'),
        action: l10n.t("Check the network connection, proxy and the 'ecsSnapshots.endpoint' setting, then try again."),
        retryable: true,
        category: 'transient',
      };
    case 'timeout':
      return {
        title: l10n.t('ECS did not answer in time.'),
        action: l10n.t("Try again; on a slow connection raise 'ecsSnapshots.requestTimeoutSeconds'."),
        retryable: true,
        category: 'transient',
      };
    case 'credentials':
      return {
        title: l10n.t('No usable Alibaba Cloud credentials.'),
        action: l10n.t('Set an AccessKey pair or choose a profile, then try again.'),
        retryable: false,
        category: 'credentials',
      };
    case 'protocol':
      // An HTML 502/503 page from a load balancer is an outage, not a wrong endpoint.
      if (transient) {
        return {
          title: l10n.t('ECS or a gateway in front of it failed to answer properly.'),
          action: l10n.t('Try again in a minute.'),
          retryable: true,
          category: 'transient',
        };
      }
      return {
        title: l10n.t('The answer from the endpoint was not a readable ECS response.'),
        action: l10n.t("Check the 'ecsSnapshots.endpoint' setting and any proxy in between, then try again."),
        retryable: false,
        category: 'unknown',
      };
    default:
      return undefined;
  }
}

/**
 * The values behind a documented message's %s placeholders, e.g. ["d-bp1...", "1"] from
 * "... for the disk d-bp1... has exceeded the concurrent quota (1). ...". [] when it does not match.
 */
export function extractValues(template: string, message: string): string[] {
  const pattern = template
    .split('%s')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('(.*?)');
  const match = new RegExp(`^${pattern}$`, 's').exec(message.trim());
  return match ? match.slice(1) : [];
}

function defaultDocUrl(topic: DocTopic, code: string, requestId: string | undefined): string {
  if (topic !== 'errorCenter') return DOCS[topic];
  const request = requestId ? `&requestId=${encodeURIComponent(requestId)}` : '';
  return `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Ecs${request}`;
}

// Only web links are offered to open: a Recommend of another scheme is ignored.
function safeUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

// A bare "%s" (the documented placeholder itself) or an empty message says nothing.
function isInformative(message: string): boolean {
  return message !== '' && message !== '%s';
}

function clip(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' '));
  return chars.length > MAX_DETAIL ? `${chars.slice(0, MAX_DETAIL - 1).join('')}…` : chars.join('');
}

function ensurePeriod(text: string): string {
  return /[.!?。…)]$/.test(text) ? text : `${text}.`;
}

