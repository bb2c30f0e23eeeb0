import { enrichInputSchema, enrichMovies } from '../../app/pipeline/enrich-movies.ts';
import { secretString } from '../../aws/secrets-manager-secret.ts';
import { createTmdbClient } from '../../aws/tmdb-client.ts';
import { parseTmdbConfig } from '../../aws/tmdb-config.ts';
import { tmdbKey } from '../../aws/tmdb-key.ts';
import { logger, pipelineHandler } from './pipeline-handler.ts';
import { objectStore } from './pipeline-ports.ts';

const config = parseTmdbConfig(process.env);

/** Enrich step: TMDB details and reviews of the dataset's movies (docs/enrichment.md). */
export const handler = pipelineHandler('enrich', enrichInputSchema, async (input) => {
  const start = Date.now();
  const key = await tmdbKey(config, (secretId) => secretString(secretId));
  return enrichMovies(input, {
    store: objectStore(),
    tmdb:
      key === undefined
        ? undefined
        : createTmdbClient({
            baseUrl: config.apiUrl,
            key,
            requestsPerSecond: config.requestsPerSecond,
          }),
    now: () => new Date(),
    clock: () => Date.now(),
    deadline: start + config.timeBudgetSeconds * 1000,
    warn: (message, fields) => logger.warn(message, fields),
  });
});
