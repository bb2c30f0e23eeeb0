import { describe, expect, it } from 'vitest';
import { qualityGate } from '../../../../lambdas/app/pipeline/quality-gate.ts';

const live = { version: 'v1', metrics: { 'ndcg@10': 0.4, rmse: 0.9 }, dataset: 'ml-latest-small' };
const candidate = (ndcg: number, rmse: number) => ({
  version: 'v2',
  metrics: { 'ndcg@10': ndcg, rmse },
  dataset: 'ml-latest-small',
});

describe('qualityGate', () => {
  it('passes the first version', () => {
    expect(qualityGate(candidate(0.1, 2), null)).toMatchObject({ passed: true, cause: '' });
  });

  it('passes within the tolerance and fails beyond it, naming the metric', () => {
    expect(qualityGate(candidate(0.393, 0.917), live).passed).toBe(true);
    const worse = qualityGate(candidate(0.38, 0.9), live);
    expect(worse.passed).toBe(false);
    expect(worse.cause).toMatch(/v2 is worse than live version v1/);
    expect(worse.cause).toMatch(/ndcg@10 0\.3800 vs live 0\.4000/);
    expect(worse.cause).toMatch(/"force": true/);
    expect(qualityGate(candidate(0.41, 0.95), live).cause).toMatch(/rmse 0\.9500 vs live 0\.9000/);
    expect(qualityGate(candidate(0.38, 0.9), live, { tolerance: 0.1 }).passed).toBe(true);
  });

  it('force publishes a worse version and says why it was let through', () => {
    const forced = qualityGate(candidate(0.2, 0.9), live, { force: true });
    expect(forced.passed).toBe(true);
    expect(forced.reason).toMatch(/^forced despite/);
  });

  it('mentions a change of dataset in the cause', () => {
    const other = { ...candidate(0.2, 0.9), dataset: 'ml-25m' };
    expect(qualityGate(other, live).cause).toMatch(
      /live was trained on ml-latest-small, this on ml-25m/,
    );
  });
});
