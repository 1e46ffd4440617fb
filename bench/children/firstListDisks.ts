// Child process of the cold listDisks row. Either our gateway bundle (SDK in its own sdk.js,
// optionally through the on-disk code cache) or the raw SDK from node_modules, making the same
// first DescribeDisks request to the sandbox; prints the time from the require to the answer.
interface Args {
  mode: 'gateway' | 'raw';
  file: string;
  endpoint: string;
  regionId: string;
  accessKeyId: string;
  accessKeySecret: string;
  cacheDir?: string;
}

type Gateway = typeof import('../../src/ecs/createEcsGateway') & typeof import('../../src/ecs/sdkLoader');

async function main(args: Args): Promise<{ ms: number; cpuMs: number; disks: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const cpuMs = (): number => {
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000;
  };
  if (args.mode === 'gateway') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle under test
    const bundle = require(args.file) as Gateway;
    if (args.cacheDir) bundle.useSdkCompileCache(args.cacheDir);
    const gateway = bundle.createEcsGateway({
      credentials: { type: 'accessKey', accessKeyId: args.accessKeyId, accessKeySecret: args.accessKeySecret },
      regionId: args.regionId,
      endpoint: args.endpoint,
    });
    const page = await gateway.listDisks({ regionId: args.regionId });
    const ms = performance.now() - start;
    return { ms, cpuMs: cpuMs(), disks: page.items.length };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the raw SDK, as a user of it would load it
  const sdk = require(args.file) as typeof import('@alicloud/ecs20140526');
  const Client = sdk.default;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's own config class
  const { $OpenApiUtil } = require(require.resolve('@alicloud/openapi-core', { paths: [args.file] })) as typeof import('@alicloud/openapi-core');
  const client = new Client(
    new $OpenApiUtil.Config({ accessKeyId: args.accessKeyId, accessKeySecret: args.accessKeySecret, endpoint: args.endpoint, protocol: 'http', regionId: args.regionId }),
  );
  const response = await client.describeDisks(new sdk.DescribeDisksRequest({ regionId: args.regionId, maxResults: 500 }));
  const ms = performance.now() - start;
  return { ms, cpuMs: cpuMs(), disks: response.body?.disks?.disk?.length ?? 0 };
}

main(JSON.parse(process.argv[2]) as Args).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
