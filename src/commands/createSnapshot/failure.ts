// What a failed CreateSnapshot tells the user: the catalog's sentence and the actions that fit.
import * as l10n from '@vscode/l10n';
import { EcsError, isEcsError } from '../../ecs/errors';
import { describeEcsProblem, formatForUser } from '../../snapshot/catalog';
import { isOutcomeUnknown } from '../../tracker/trackedOperation';

export type FailureAction = 'retry' | 'showLog' | 'openDocs' | 'copyRequestId';

export interface FailureNotice {
  message: string;
  /** In the order the buttons appear. */
  actions: FailureAction[];
  docUrl?: string;
  requestId?: string;
}

/** Anything thrown becomes an EcsError; the gateway already throws only those, this is a safety net. */
export function asEcsError(error: unknown, action = 'CreateSnapshot'): EcsError {
  if (isEcsError(error)) return error;
  return new EcsError({
    kind: 'protocol',
    code: 'UnexpectedError',
    message: error instanceof Error ? error.message : String(error),
    retryable: false,
    action,
  });
}

export function failureNotice(error: EcsError, diskName: string): FailureNotice {
  const problem = describeEcsProblem(error);
  const actions: FailureAction[] = [];
  if (problem.retryable || error.retryable) actions.push('retry');
  actions.push('showLog');
  if (problem.docUrl) actions.push('openDocs');
  if (problem.requestId) actions.push('copyRequestId');
  // The request left but no attempt got a definite answer (lost, 5xx, a proxy's HTML page): ECS may
  // have created the snapshot, and the tracker looks for it. (IdempotentProcessing did answer, and
  // the catalog's sentence already says the snapshot may exist.)
  const message = isOutcomeUnknown(error) && error.code !== 'IdempotentProcessing'
    ? l10n.t('ECS did not confirm the snapshot of {0}: it may have been created. The status bar is looking for it; Retry is safe, it reuses the same ClientToken. {1}', diskName, formatForUser(problem))
    : l10n.t('Could not create a snapshot of {0}: {1}', diskName, formatForUser(problem));
  return {
    message,
    actions,
    docUrl: problem.docUrl,
    requestId: problem.requestId,
  };
}

export function actionLabel(action: FailureAction): string {
  switch (action) {
    case 'retry':
      return l10n.t('Retry');
    case 'showLog':
      return l10n.t('Show Log');
    case 'openDocs':
      return l10n.t('Open Documentation');
    case 'copyRequestId':
      return l10n.t('Copy Request ID');
  }
}
