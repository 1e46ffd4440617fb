// Shared by the gateway tests: awaiting a call that must fail with an EcsError.
import { strict as assert } from 'node:assert';
import { EcsError } from '../../src/ecs/errors';

export async function rejection(promise: Promise<unknown>): Promise<EcsError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof EcsError, `expected an EcsError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}
