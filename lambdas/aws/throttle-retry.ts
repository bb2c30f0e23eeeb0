/** DynamoDB and S3 error names that mean "slow down", not "this request is wrong". */
const THROTTLING_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
]);

export const isThrottling = (error: unknown): boolean =>
  error instanceof Error && THROTTLING_ERRORS.has(error.name);

export interface RetryOptions {
  /** Calls in total, first included. @default 4 */
  attempts?: number;
  /** @default 20 ms */
  baseDelayMs?: number;
  /** @default 500 ms */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Delay before retry `attempt` (0-based): "full jitter", uniform in [0, min(max, base·2^attempt)). */
export function backoffDelay(attempt: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? 20;
  const cap = options.maxDelayMs ?? 500;
  return (options.random ?? Math.random)() * Math.min(cap, base * 2 ** attempt);
}

/**
 * Runs `call`, retrying throttling errors with capped exponential backoff and full jitter
 * (Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog 2015). This comes on top of
 * the SDK's own retries: a read that is still throttled after those gets a few more spaced-out
 * tries within the request's time budget; any other error is thrown at once.
 */
export async function withThrottleRetry<T>(
  call: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isThrottling(error) || attempt + 1 >= attempts) throw error;
      await sleep(backoffDelay(attempt, options));
    }
  }
}
