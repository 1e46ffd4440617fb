// What a failed or finished load means for the view's welcome state (Connections.reportState).
import type { ConnectionState } from '../connection/connection';
import { isEcsError } from '../ecs/errors';
import { isCredentialProblem } from './errorText';

// Codes with which ECS (and the STS layer in front of it) rejects who is calling.
const CREDENTIAL_CODES = /^(InvalidAccessKeyId|InvalidAccessKeySecret|SignatureDoesNotMatch|IncompleteSignature|InvalidSecurityToken|SecurityTokenExpired|InvalidAuthorization|Forbidden\.AccessKey|MissingAccessKeyId|MissingSecurityToken)/i;

/** The state a failed load should report: rejected credentials, an unreachable endpoint, or undefined (another error). */
export function stateForError(error: unknown): ConnectionState | undefined {
  if (!isEcsError(error)) return undefined;
  if (error.kind === 'credentials') return 'credentialsRejected';
  if (error.kind === 'network' || error.kind === 'timeout') return 'unreachable';
  if (CREDENTIAL_CODES.test(error.code) || isCredentialProblem(error)) return 'credentialsRejected';
  return undefined;
}

/** The state after the first page of disks arrived (a filter never makes a region "empty"). */
export function stateForDisks(diskCount: number): ConnectionState {
  return diskCount === 0 ? 'empty' : 'ready';
}
