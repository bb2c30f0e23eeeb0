import { pickTuning, pickTuningInputSchema } from '../../app/pipeline/pick-tuning.ts';
import { pipelineHandler } from './pipeline-handler.ts';
import { objectStore } from './pipeline-ports.ts';

/** After the Tune state's Map: the best trial of each model, stored for the train step. */
export const handler = pipelineHandler('pick tuning', pickTuningInputSchema, (input) =>
  pickTuning(input, { store: objectStore() }),
);
