import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';

export const logger = new Logger();

/** Input that does not match the step's schema: a bug in the state machine, never retried. */
export class InvalidStepInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStepInputError';
  }
}

/**
 * A Step Functions task handler: validate the state's input with `schema`, run one use-case,
 * return its result as the task output. Errors propagate with their class name as the error
 * name, which the state machine's Retry and Catch match on.
 */
export function pipelineHandler<S extends z.ZodType, R>(
  step: string,
  schema: S,
  run: (input: z.infer<S>) => Promise<R>,
): (event: unknown) => Promise<R> {
  return async (event) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      throw new InvalidStepInputError(`${step}: ${z.prettifyError(parsed.error)}`);
    }
    const start = performance.now();
    const result = await run(parsed.data);
    logger.info(`${step} done`, { seconds: (performance.now() - start) / 1000, result });
    return result;
  };
}
