/** Monotonic seconds, the clock the core's timed steps are given. */
export const seconds = (): number => performance.now() / 1000;
