import * as z from 'zod';
import { publishVersion } from '../../app/pipeline/publish-version.ts';
import { pipelineHandler } from './pipeline-handler.ts';
import { objectStore, servingWriter } from './pipeline-ports.ts';

/** Publish step: one conditional write of MODEL/CURRENT, registry entry, TTL on the old version. */
export const handler = pipelineHandler(
  'publish',
  z.object({ version: z.string().min(1), expectedLiveVersion: z.string().min(1).nullable() }),
  (input) =>
    publishVersion(input, {
      store: objectStore(),
      serving: servingWriter(),
      now: () => new Date(),
    }),
);
