import * as z from 'zod';
import { readProcessedCatalogue } from '../../app/pipeline/processed-dataset.ts';
import { publishCatalogue } from '../../app/pipeline/publish-catalogue.ts';
import { readTmdbSnapshot } from '../../app/pipeline/tmdb-snapshot.ts';
import { pipelineHandler } from './pipeline-handler.ts';
import { loadVersion, objectStore, servingWriter, writeOptions } from './pipeline-ports.ts';

/** Catalogue step: movie metadata, similar movies, popular lists, web JSON. */
export const handler = pipelineHandler(
  'catalogue',
  z.object({ version: z.string().min(1), processedPrefix: z.string().min(1) }),
  async (input) =>
    publishCatalogue(
      { version: input.version },
      {
        model: await loadVersion(input.version),
        dataset: await readProcessedCatalogue(objectStore(), input.processedPrefix),
        store: objectStore(),
        serving: servingWriter(),
        write: writeOptions,
        tmdb: await readTmdbSnapshot(objectStore(), input.version),
      },
    ),
);
