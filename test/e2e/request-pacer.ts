/** The clock a pacer waits on: real time by default, a virtual one in its tests. */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A client-side token bucket keeping the e2e suite below a deployment's API throttle: tokens
 * refill at `ratePerSecond` up to `burst`, each request takes one, and a request finding none
 * waits for the next, in the order they asked. The API's throttle is its function's reserved
 * concurrency (docs/deploy.md): requests a second × seconds a request under it never draw a 429.
 */
export class RequestPacer {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number = 1,
    private readonly clock: PacerClock = realClock,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) {
      throw new Error(`RequestPacer: rate ${ratePerSecond}/s and burst ${burst} must be positive`);
    }
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Resolves when one more request may go out. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.takeInTurn());
    this.queue = turn;
    return turn;
  }

  private async takeInTurn(): Promise<void> {
    this.refill();
    if (this.tokens < 1) {
      await this.clock.sleep(((1 - this.tokens) * 1000) / this.ratePerSecond);
      this.refill();
    }
    this.tokens -= 1;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.last) * this.ratePerSecond) / 1000,
    );
    this.last = now;
  }
}

/**
 * The pacer of the e2e suite: `MOVIEREC_E2E_RPS` requests per second when set (a positive
 * number, e.g. 50 × the deployment's `apiReservedConcurrency`), none when unset (the local stack is not
 * throttled).
 */
export function pacerFromEnvironment(value: string | undefined): RequestPacer | undefined {
  if (value === undefined || value === '') return undefined;
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new Error(
      `MOVIEREC_E2E_RPS must be a positive number of requests per second, not "${value}"`,
    );
  }
  return new RequestPacer(rate);
}
