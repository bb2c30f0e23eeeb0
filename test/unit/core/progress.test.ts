import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../lambdas/core/progress.ts';
import { everyTenth, labelled } from '../../../lambdas/core/progress.ts';

describe('everyTenth', () => {
  it('passes a step’s first event and each one that reaches another tenth', () => {
    const seen: ProgressEvent[] = [];
    const report = everyTenth((event) => seen.push(event));
    for (let done = 1; done <= 25; done++) report({ step: 'epoch', done, total: 25 });
    // Tenths of 25: 1 → 0, 3 → 1, 5 → 2, 8 → 3, 10 → 4, 13 → 5, 15 → 6, 18 → 7, 20 → 8, 23 → 9, 25 → 10.
    expect(seen.map((e) => e.done)).toEqual([1, 3, 5, 8, 10, 13, 15, 18, 20, 23, 25]);
  });

  it('keeps count per step, and shows a step without a total once', () => {
    const seen: string[] = [];
    const report = everyTenth((event) => seen.push(`${event.step} ${event.done}`));
    report({ step: 'a', done: 1, total: 2 });
    report({ step: 'b', done: 1, total: 2 });
    report({ step: 'a', done: 2, total: 2 });
    report({ step: 'c', done: 0, total: 0 });
    report({ step: 'c', done: 0, total: 0 });
    expect(seen).toEqual(['a 1', 'b 1', 'a 2', 'c 0']);
  });

  it('starts over when a step runs again', () => {
    const seen: string[] = [];
    const report = everyTenth((event) => seen.push(`${event.step} ${event.done}`));
    for (const done of [1, 2, 1, 2]) report({ step: 'ease', done, total: 2 });
    expect(seen).toEqual(['ease 1', 'ease 2', 'ease 1', 'ease 2']);
  });
});

describe('labelled', () => {
  it('names the step after the label, keeping the rest of the event', () => {
    const seen: ProgressEvent[] = [];
    labelled(
      (event) => seen.push(event),
      'rating model',
    )({
      step: 'epoch',
      done: 2,
      total: 20,
      detail: { loss: 0.9 },
    });
    expect(seen).toEqual([
      { step: 'rating model epoch', done: 2, total: 20, detail: { loss: 0.9 } },
    ]);
  });
});
