// `npm run sandbox -- --port 0 --disks N --seed S --latency-ms L --time-scale X --throttle-rate R --error-rate R`
// First stdout line: one JSON object with the endpoint and credentials; then logs on stderr.

import { startSandbox, type SandboxOptions } from './index';

const FLAGS: Record<string, (o: SandboxOptions, v: number) => void> = {
  '--port': (o, v) => (o.port = v),
  '--disks': (o, v) => (o.disks = v),
  '--seed': (o, v) => (o.seed = v),
  '--latency-ms': (o, v) => (o.latencyMs = v),
  '--time-scale': (o, v) => (o.timeScale = v),
  '--fail-rate': (o, v) => (o.failRate = v),
  '--throttle-rate': (o, v) => (o.faults = { ...o.faults, throttleRate: v }),
  '--error-rate': (o, v) => (o.faults = { ...o.faults, errorRate: v }),
  '--drop-rate': (o, v) => (o.faults = { ...o.faults, dropRate: v }),
  '--html-error-rate': (o, v) => (o.faults = { ...o.faults, htmlErrorRate: v }),
};

function parseArgs(argv: string[]): SandboxOptions {
  const options: SandboxOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const apply = FLAGS[flag];
    if (!apply) throw new Error(`Unknown option ${flag}. Options: ${Object.keys(FLAGS).join(', ')}`);
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    if (raw === undefined || raw === '' || !Number.isFinite(value) || value < 0) {
      throw new Error(`${flag} needs a non-negative number.`);
    }
    apply(options, value);
  }
  if (options.disks !== undefined && (!Number.isInteger(options.disks) || options.disks > 100_000)) {
    throw new Error('--disks must be an integer from 0 to 100000.');
  }
  return options;
}

async function main(): Promise<void> {
  let options: SandboxOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  const sandbox = await startSandbox({ ...options, log: (line) => process.stderr.write(`${line}\n`) });
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
