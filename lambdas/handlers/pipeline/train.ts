import { trainInputSchema, trainVersion } from '../../app/pipeline/train-version.ts';
import { everyTenth } from '../../core/progress.ts';
import { logger, pipelineHandler } from './pipeline-handler.ts';
import { ialsTrainer, objectStore, ratingTrainer } from './pipeline-ports.ts';

/** Train step on Lambda (small datasets; the Fargate task runs the same use-case). */
export const handler = pipelineHandler('train', trainInputSchema, (input) =>
  trainVersion(input, {
    store: objectStore(),
    ials: ialsTrainer(),
    ratingTrainer: ratingTrainer(),
    now: () => new Date(),
    seconds: () => performance.now() / 1000,
    // As the Fargate task does: CloudWatch (and the local stack) show training advance.
    onProgress: everyTenth(({ step, done, total, detail }) =>
      logger.info('progress', { step, done, total, ...detail }),
    ),
  }),
);
