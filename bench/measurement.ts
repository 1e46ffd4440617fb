// What a benchmark row is. Each row lives in its own file under bench/ and is listed in run.ts.
// A row times its subject against a baseline measured in the same run on the same machine, so a
// reader can tell a slow machine from a slow product.

export interface Timed {
  /** Shown in the table and the JSON, e.g. "rules on a 10-character name". */
  name: string;
  /**
   * One repetition: the work being timed. May be async (e.g. a request to the sandbox). When it
   * returns a number, that is the repetition's time in ms, measured by the work itself (e.g. a
   * fresh process reporting its own require time, without the cost of starting it).
   */
  run(): void | number | Promise<void | number>;
}

export interface Budget {
  /** The subject's time in milliseconds must be at most this... */
  ms?: number;
  /** ...and/or its median at most this many times the baseline's median. */
  ratio?: number;
  /**
   * The ratio is not judged while the subject's median is within this many ms of the baseline's:
   * below a millisecond, a ratio measures timer noise and cache luck, not the product.
   */
  ratioSlackMs?: number;
  /** Which statistic `ms` applies to (default: median). "max" means every repetition. */
  of?: 'min' | 'median' | 'max';
}

export interface Measurement {
  /** The row's name, as the table calls it. */
  name: string;
  budget: Budget;
  baseline: Timed;
  subject: Timed;
  /** Prepares inputs (not timed); may start servers, which teardown stops. */
  setup?(): void | Promise<void>;
  teardown?(): void | Promise<void>;
  /** What `run()` returns per repetition when it counts something other than milliseconds (e.g. "requests"). */
  unit?: string;
  /** Fewer repetitions (and no warm-up) for a row whose one repetition takes seconds. */
  repetitions?: { quick: number; full: number };
}
