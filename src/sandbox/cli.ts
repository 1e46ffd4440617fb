// `npm run sandbox -- --port 0 --disks N --seed S --latency-ms L --time-scale X --throttle-rate R --error-rate R`
// First stdout line: one JSON object with the endpoint and credentials; then logs on stderr.

import { startSandbox, type Sandbox, type SandboxOptions } from './index';

const FLAGS: Record<string, (o: SandboxOptions, v: number) => void> = {
  '--port': (o, v) => (o.port = v),
  '--disks': (o, v) => (o.disks = v),
  '--instances': (o, v) => (o.instances = v),
  '--seed': (o, v) => (o.seed = v),
  '--latency-ms': (o, v) => (o.latencyMs = v),
  '--time-scale': (o, v) => (o.timeScale = v),
  '--fail-rate': (o, v) => (o.failRate = v),
  '--throttle-rate': (o, v) => (o.faults = { ...o.faults, throttleRate: v }),
  '--error-rate': (o, v) => (o.faults = { ...o.faults, errorRate: v }),
  '--drop-rate': (o, v) => (o.faults = { ...o.faults, dropRate: v }),
  '--html-error-rate': (o, v) => (o.faults = { ...o.faults, htmlErrorRate: v }),
  '--lost-answer-rate': (o, v) => (o.faults = { ...o.faults, lostAnswerRate: v }),
  '--max-connections': (o, v) => (o.maxConnections = v),
  '--request-timeout-ms': (o, v) => (o.requestTimeoutMs = v),
};

const USAGE = `Usage: npm run sandbox -- [options]   (every option takes a non-negative number)
  --port N             listen on 127.0.0.1:N (0, the default, picks a free port)
  --disks N            disks in cn-hangzhou: the curated ones first, then generated (max 100000)
  --instances N        instances in cn-hangzhou: the curated ones, then generated ones with their disks
  --seed N             seeds IDs, generated disks, snapshot failures and faults
  --time-scale X       simulated seconds per real second: snapshots, stops, starts, resets (default 1)
  --fail-rate R        share (0..1) of new snapshots that fail midway
  --latency-ms L       delay added to every answer
  --throttle-rate R    share answered 403 Throttling
  --error-rate R       share answered 500 InternalError
  --drop-rate R        share whose connection is dropped
  --html-error-rate R  share answered with an HTML 502 page
  --lost-answer-rate R share executed whose answer is then lost (connection dropped)
  --max-connections N  connections held at once (default 256; the oldest idle one makes room)
  --request-timeout-ms N  a request must arrive within this (default 60000), else 408
The first stdout line is JSON: {"endpoint","regionId","accessKeyId","accessKeySecret"}; logs go to stderr.`;

function parseArgs(argv: string[]): SandboxOptions {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(0);
  }
  const options: SandboxOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const apply = FLAGS[flag];
    if (!apply) throw new Error(`Unknown option ${flag}.\n${USAGE}`);
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    if (raw === undefined || raw === '' || !Number.isFinite(value) || value < 0) {
      throw new Error(`${flag} needs a non-negative number.`);
    }
    apply(options, value);
  }
  return options;
}

async function main(): Promise<void> {
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ ...parseArgs(process.argv.slice(2)), log: (line) => process.stderr.write(`${line}\n`) });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  // Handlers first: whoever reads the JSON line may signal us right away.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping\n`);
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const { endpoint, regionId, accessKeyId, accessKeySecret } = sandbox;
  process.stdout.write(`${JSON.stringify({ endpoint, regionId, accessKeyId, accessKeySecret })}\n`);
  process.stderr.write(
    `ECS sandbox listening on http://${endpoint} (API 2014-05-26, ${sandbox.world.disksIn(regionId).length} disks in ${regionId}). Ctrl+C stops it.\n`,
  );
}

void main();
