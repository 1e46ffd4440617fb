// Trouble on demand, deterministic from a seed: latency, slow answers, throttling, 5xx errors,
// dropped connections and the HTML error pages gateways send. Changeable while running.

import { seeded, type Random } from './random';

export interface Faults {
  /** Added to every answer. */
  latencyMs?: number;
  /** Share (0..1) of answers delayed by a further `slowMs`. */
  slowRate?: number;
  slowMs?: number;
  /** Share answered 403 Throttling (with x-acs-retry-after: `retryAfterSeconds`, sent in ms). */
  throttleRate?: number;
  retryAfterSeconds?: number;
  /** Share answered 500 InternalError. */
  errorRate?: number;
  /** Share whose connection is destroyed with no answer. */
  dropRate?: number;
  /** Share answered with a non-JSON 502 HTML page, as a load balancer would. */
  htmlErrorRate?: number;
  /**
   * Share of otherwise clean requests whose action RUNS, then whose connection is destroyed before
   * the answer: the client cannot tell whether it happened. A refused request is still answered.
   */
  lostAnswerRate?: number;
}

export type FaultKind = 'none' | 'drop' | 'html' | 'throttle' | 'error' | 'lost';

export interface FaultDecision {
  delayMs: number;
  kind: FaultKind;
}

export class FaultInjector {
  private faults: Faults;
  private readonly random: Random;
  /** Its own stream, so adding lost answers leaves a seed's other faults where they were. */
  private readonly lostRandom: Random;

  constructor(faults: Faults, seed: number) {
    this.faults = { ...faults };
    this.random = seeded(seed ^ 0x5eed);
    this.lostRandom = seeded(seed ^ 0x1057);
  }

  get current(): Faults {
    return { ...this.faults };
  }

  /** Merges `changes` into the current faults; pass `{}` to keep, or zeros to clear. */
  set(changes: Faults): void {
    this.faults = { ...this.faults, ...changes };
  }

  clear(): void {
    this.faults = {};
  }

  /** One decision per request; always draws the same number of values so runs replay exactly. */
  decide(): FaultDecision {
    const f = this.faults;
    const [slow, drop, html, throttle, error] = [this.random(), this.random(), this.random(), this.random(), this.random()];
    const lost = this.lostRandom();
    const delayMs = (f.latencyMs ?? 0) + (slow < (f.slowRate ?? 0) ? (f.slowMs ?? 5000) : 0);
    let kind: FaultKind = 'none';
    if (drop < (f.dropRate ?? 0)) kind = 'drop';
    else if (html < (f.htmlErrorRate ?? 0)) kind = 'html';
    else if (throttle < (f.throttleRate ?? 0)) kind = 'throttle';
    else if (error < (f.errorRate ?? 0)) kind = 'error';
    else if (lost < (f.lostAnswerRate ?? 0)) kind = 'lost';
    return { delayMs, kind };
  }

  get retryAfterSeconds(): number {
    return this.faults.retryAfterSeconds ?? 1;
  }
}

export const HTML_502 = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>Tengine</center></body></html>
`;
