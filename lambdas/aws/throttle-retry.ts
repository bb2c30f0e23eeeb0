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

/** Throttling, or a server-side or network failure flagged `transient` (AwsServiceError). */
export const isRetryable = (error: unknown): boolean =>
  isThrottling(error) ||
  (error instanceof Error && (error as { transient?: unknown }).transient === true);

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
 * Runs `call`, retrying throttling and transient errors (5xx, connection reset) with capped
 * exponential backoff and full jitter (Brooker, "Exponential Backoff And Jitter", AWS
 * Architecture Blog 2015). The API's reads are plain signed HTTP calls with no retries of their
 * own, so this is their only retry: a few spaced-out tries within the request's time budget; any
 * other error (a bad request, access denied) is thrown at once.
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
      if (!isRetryable(error) || attempt + 1 >= attempts) throw error;
      await sleep(backoffDelay(attempt, options));
    }
  }
}
