import { availableParallelism } from 'node:os';

/** Lambda's vCPUs at 1,769 MB (its documented one full vCPU) and the most it gives (10,240 MB). */
const MB_PER_VCPU = 1769;
const MAX_LAMBDA_VCPUS = 6;

/**
 * Threads to train on. Lambda allocates CPU in proportion to memory (1 vCPU at 1,769 MB, 6 at
 * 10,240 MB) whatever number of processors the sandbox reports, so there the count follows the
 * memory size, rounded (3,008 MB, 1.7 vCPUs, runs 2 threads); elsewhere (the Fargate task, whose
 * micro-VM reports its vCPUs) one per core. Never more than the cores this process may use.
 */
export function trainingThreads(
  lambdaMemoryMb: number | undefined,
  cores: number = availableParallelism(),
): number {
  if (lambdaMemoryMb === undefined) return Math.max(1, cores);
  const vcpus = Math.round(lambdaMemoryMb / MB_PER_VCPU);
  return Math.max(1, Math.min(MAX_LAMBDA_VCPUS, vcpus, cores));
}
