import * as z from 'zod';
import { evaluateVersion } from '../../app/pipeline/evaluate-version.ts';
import { pipelineConfig } from '../../aws/pipeline-config.ts';
import { pipelineHandler } from './pipeline-handler.ts';
import { objectStore, servingWriter } from './pipeline-ports.ts';

/** Evaluate step: the new version's holdout metrics against the live model's, and the gate. */
export const handler = pipelineHandler(
  'evaluate',
  z.object({ version: z.string().min(1), force: z.boolean().default(false) }),
  (input) =>
    evaluateVersion(
      { ...input, tolerance: pipelineConfig().qualityTolerance },
      { store: objectStore(), serving: servingWriter() },
    ),
);
