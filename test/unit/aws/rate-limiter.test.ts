import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../lambdas/aws/rate-limiter.ts';

/** A clock that only moves when a caller sleeps. */
function fakeClock() {
  const clock = {
    time: 0,
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.time += ms;
    },
  };
  return clock;
}

describe('createRateLimiter', () => {
  it('spaces slots 1000 / perSecond ms apart, in call order', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(40, clock);
    const starts: number[] = [];
    for (let i = 0; i < 4; i++) {
      await limiter.acquire();
      starts.push(clock.time);
    }
    expect(starts).toEqual([0, 25, 50, 75]);
  });

  it('holds every caller back after a pause', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(10, clock);
    await limiter.acquire();
    limiter.pause(2000);
    await limiter.acquire();
    expect(clock.time).toBe(2000);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => createRateLimiter(0)).toThrow(/> 0/);
  });
});
