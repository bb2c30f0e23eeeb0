import { describe, expect, it } from 'vitest';
import { trainingThreads } from '../../../lambdas/aws/training-threads.ts';

describe('trainingThreads', () => {
  it('follows a Lambda function’s memory: 1 vCPU at 1,769 MB, 6 at 10,240 MB', () => {
    expect(trainingThreads(512, 2)).toBe(1);
    expect(trainingThreads(1769, 2)).toBe(1);
    expect(trainingThreads(3008, 2)).toBe(2);
    expect(trainingThreads(5307, 8)).toBe(3);
    expect(trainingThreads(10_240, 8)).toBe(6);
  });

  it('never exceeds the cores the process may use, and uses each of them off Lambda', () => {
    expect(trainingThreads(10_240, 2)).toBe(2);
    expect(trainingThreads(undefined, 4)).toBe(4);
    expect(trainingThreads(undefined, 1)).toBe(1);
  });
});
