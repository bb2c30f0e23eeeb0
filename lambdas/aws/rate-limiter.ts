/** Waits for the next request slot; `pause` holds every caller back until a time. */
export interface RateLimiter {
  acquire(): Promise<void>;
  /** No slot before `now() + ms` (e.g. a 429's Retry-After). */
  pause(ms: number): void;
}

/**
 * Evenly spaced slots, 1000 / perSecond ms apart, handed out in call order: concurrent callers
 * each reserve the next free slot at once and sleep until it comes, so at most `perSecond`
 * requests start in any second however many run in parallel (no bursts, unlike a token bucket).
 */
export function createRateLimiter(
  perSecond: number,
  clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
): RateLimiter {
  if (!(perSecond > 0 && Number.isFinite(perSecond)))
    throw new RangeError(`requests per second must be > 0, got ${perSecond}`);
  const spacing = 1000 / perSecond;
  let next = -Infinity;
  return {
    async acquire() {
      const now = clock.now();
      const slot = Math.max(now, next);
      next = slot + spacing;
      if (slot > now) await clock.sleep(slot - now);
    },
    pause(ms) {
      next = Math.max(next, clock.now() + ms);
    },
  };
}
