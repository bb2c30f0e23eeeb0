import type { ResourceLimits } from 'node:worker_threads';

/**
 * The V8 heap a Lambda function of `memoryMb` (its template `MemorySize`) may use, as worker
 * thread limits. Lambda's Node.js runtime likewise sizes V8's spaces from the function's memory
 * (its bootstrap reads AWS_LAMBDA_FUNCTION_MEMORY_SIZE); here the young generation gets a tenth
 * and the old generation the rest less a tenth kept for what lives outside the JavaScript heap
 * (code, buffers, the runtime itself). A handler that outgrows it fails with an out-of-memory
 * error here as it would be killed there.
 *
 * Typed arrays' backing stores live outside the heap and are not capped by worker limits
 * (Lambda counts them): this bounds the heap, not everything the function holds.
 */
export function lambdaResourceLimits(memoryMb: number): ResourceLimits {
  const young = Math.max(4, Math.floor(memoryMb / 10));
  return {
    maxYoungGenerationSizeMb: young,
    maxOldGenerationSizeMb: Math.max(16, memoryMb - young - Math.floor(memoryMb / 10)),
  };
}
