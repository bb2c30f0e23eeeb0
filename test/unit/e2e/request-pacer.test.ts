import { describe, expect, it } from 'vitest';
import type { PacerClock } from '../../e2e/request-pacer.ts';
import { pacerFromEnvironment, RequestPacer } from '../../e2e/request-pacer.ts';

/** Virtual time: sleeping moves the clock, so the schedule is exact and instant. */
function virtualClock(): PacerClock & { at: number } {
  const clock = {
    at: 0,
    now: () => clock.at,
    sleep: async (ms: number) => {
      clock.at += ms;
    },
  };
  return clock;
}

describe('RequestPacer', () => {
  it('lets a burst through, then one request per 1/rate seconds, in order', async () => {
    const clock = virtualClock();
    const pacer = new RequestPacer(10, 2, clock);
    const sent: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, () => pacer.take().then(() => sent.push(clock.at))),
    );
    expect(sent.map(Math.round)).toEqual([0, 0, 100, 200, 300, 400]);
  });

  it('refills while idle, never beyond the burst', async () => {
    const clock = virtualClock();
    const pacer = new RequestPacer(4, 1, clock);
    await pacer.take();
    clock.at += 10_000;
    await pacer.take();
    expect(clock.at).toBe(10_000);
    await pacer.take();
    expect(clock.at).toBe(10_250);
  });

  it('keeps any window of a second at or below rate + burst', async () => {
    const clock = virtualClock();
    const pacer = new RequestPacer(5, 1, clock);
    const sent: number[] = [];
    for (let i = 0; i < 30; i++) {
      await pacer.take();
      sent.push(clock.at);
    }
    for (const start of sent) {
      expect(sent.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(6);
    }
  });
});

describe('pacerFromEnvironment', () => {
  it('paces only when MOVIEREC_E2E_RPS is set, and refuses a value that is no rate', () => {
    expect(pacerFromEnvironment(undefined)).toBeUndefined();
    expect(pacerFromEnvironment('')).toBeUndefined();
    expect(pacerFromEnvironment('20')).toBeInstanceOf(RequestPacer);
    expect(() => pacerFromEnvironment('fast')).toThrow(/MOVIEREC_E2E_RPS.*"fast"/);
    expect(() => pacerFromEnvironment('0')).toThrow(/positive/);
  });
});
