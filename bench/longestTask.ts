// The longest single task of some asynchronous work, as the extension host's event loop sees it:
// a heartbeat runs once per turn of the loop (setImmediate), and the longest gap between two beats
// is the longest stretch in which nothing else could run (a task and the microtasks it queued).
// The work must wait for its inputs the way it does in the product (a page arriving from the
// network is a new task), or it would all count as one task.

/** Runs `work` and returns the longest task it took (ms), measured to the beat after it ended. */
export async function longestTask(work: () => Promise<void>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  let done = false;
  let closed: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (closed = resolve));
  const beat = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (done) closed();
    else setImmediate(beat);
  };
  setImmediate(beat);
  last = performance.now();
  try {
    await work();
  } finally {
    done = true;
  }
  await finished;
  return longest;
}

/** A new task, as a network answer or a call from VS Code's renderer arrives. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
