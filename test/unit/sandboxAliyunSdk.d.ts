// The slice of aliyun-sdk (it ships no types) that the sandbox client tests use.
declare module 'aliyun-sdk' {
  interface EcsConfig {
    accessKeyId: string;
    secretAccessKey: string;
    endpoint: string;
    apiVersion: string;
    maxRetries?: number;
    paramValidation?: boolean;
    httpOptions?: { timeout?: number };
  }
  /** Each ECS action as a method named in camelCase: ecs.describeDisks(params, callback). */
  type EcsClient = Record<string, unknown>;
  const ALY: { ECS: new (config: EcsConfig) => EcsClient };
  export default ALY;
}
