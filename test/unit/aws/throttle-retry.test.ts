import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  isRetryable,
  isThrottling,
  withThrottleRetry,
} from '../../../lambdas/aws/throttle-retry.ts';
import { AwsServiceError } from '../../../lambdas/aws/aws-service-error.ts';

const named = (name: string): Error => Object.assign(new Error(name), { name });

describe('withThrottleRetry', () => {
  it('recognises throttling errors by name only', () => {
    expect(isThrottling(named('ThrottlingException'))).toBe(true);
    expect(isThrottling(named('ProvisionedThroughputExceededException'))).toBe(true);
    expect(isThrottling(named('ValidationException'))).toBe(false);
    expect(isThrottling('ThrottlingException')).toBe(false);
  });

  it('also retries transient failures (5xx, no answer), never other client errors', () => {
    expect(isRetryable(new AwsServiceError('InternalServerError', 'boom', 500, true))).toBe(true);
    expect(isRetryable(new AwsServiceError('NetworkingError', 'reset', 0, true))).toBe(true);
    expect(isRetryable(new AwsServiceError('SlowDown', 'slow', 503, true))).toBe(true);
    expect(isRetryable(new AwsServiceError('ThrottlingException', 'slow', 400, false))).toBe(true);
    expect(isRetryable(new AwsServiceError('AccessDeniedException', 'no', 400, false))).toBe(false);
    expect(isRetryable({ transient: true })).toBe(false);
  });

  it('caps the exponential delay and jitters it uniformly below the cap', () => {
    const options = { baseDelayMs: 20, maxDelayMs: 100, random: () => 0.999 };
    expect(backoffDelay(0, options)).toBeCloseTo(19.98, 6);
    expect(backoffDelay(2, options)).toBeCloseTo(79.92, 6);
    expect(backoffDelay(10, options)).toBeCloseTo(99.9, 6);
    expect(backoffDelay(3, { random: () => 0 })).toBe(0);
  });

  it('retries throttling until success within the attempts', async () => {
    let calls = 0;
    const result = await withThrottleRetry(
      async () => {
        calls++;
        if (calls < 3) throw named('ThrottlingException');
        return 'ok';
      },
      { sleep: async () => {}, attempts: 3 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });
});
