// The real gateway (SDK over HTTP) to a sandbox, as the suites use it: no retries, so each suite
// sees exactly what the sandbox answered (and the tracker's own backoff shows).
import { createEcsGateway } from '../../src/ecs/createEcsGateway';
import type { EcsGateway } from '../../src/ecs/gateway';
import type { Sandbox } from '../../src/sandbox';

export function sandboxGateway(sandbox: Sandbox, secret = sandbox.accessKeySecret): EcsGateway {
  return createEcsGateway({
    credentials: { type: 'accessKey', accessKeyId: sandbox.accessKeyId, accessKeySecret: secret },
    regionId: sandbox.regionId,
    endpoint: sandbox.endpoint,
    retry: { maxAttempts: 1 },
  });
}
