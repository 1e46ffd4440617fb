// The longest single task of some asynchronous work, as the extension host's event loop sees it:
// a heartbeat runs once per turn of the loop (setImmediate), and the longest gap between two beats
// is the longest stretch in which nothing else could run (a task and the microtasks it queued).
// The work must wait for its inputs the way it does in the product (a page arriving from the
// network is a new task), or it would all count as one task.

/**
 * The CPU time of the process over the longest task of the last call (ms): what the task cost
 * without the time other processes took the core meanwhile (GC helper threads count too).
 */
export let lastLongestCpuMs = 0;

/** Runs `work` and returns the longest task it took (ms, wall time), measured to the beat after it ended. */
export async function longestTask(work: () => Promise<void>): Promise<number> {
  let longest = 0;
  let longestCpu = 0;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let done = false;
  let closed: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (closed = resolve));
  const beat = (): void => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    if (now - last > longest) {
      longest = now - last;
      longestCpu = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
    }
    last = now;
    lastCpu = cpu;
    if (done) closed();
    else setImmediate(beat);
  };
  setImmediate(beat);
  last = performance.now();
  lastCpu = process.cpuUsage();
  try {
    await work();
  } finally {
    done = true;
  }
  await finished;
  lastLongestCpuMs = longestCpu;
  return longest;
}

/** A new task, as a network answer or a call from VS Code's renderer arrives. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
