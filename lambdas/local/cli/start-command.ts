import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { recommendForAnonymous } from '../../app/recommend-for-anonymous.ts';
import { recommendForUser } from '../../app/recommend-for-user.ts';
import { BUILT_IN_DATASET } from '../load-dataset.ts';
import { formatRecommendations, openModelVersion } from './recommend-command.ts';
import { formatTrainSummary, trainToFolder } from './train-command.ts';

/** Where `npm start` keeps its model versions (git-ignored). */
export const LOCAL_MODELS = fileURLToPath(new URL('../../../.local/models', import.meta.url));

/** A sortable, file-name-safe version id from a time: 20261121T194512Z. */
export const versionId = (at: Date): string =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/**
 * `npm start` until the local stack exists: train on the built-in dataset into
 * .local/models/<version>, then show what the version answers.
 */
export async function start(options: { seed: number; print: (text: string) => void }) {
  const summary = await trainToFolder({
    data: BUILT_IN_DATASET,
    out: join(LOCAL_MODELS, versionId(new Date())),
    seed: options.seed,
    progress: true,
    // Skipping the refit halves the training time and keeps `npm start` near a minute.
    refit: false,
  });
  options.print(formatTrainSummary(summary));
  const version = await openModelVersion(summary.folder);
  const user = version.history.userIds[0]!;
  options.print(
    `\n${formatRecommendations({
      version: summary.version,
      request: `user ${user}`,
      result: recommendForUser(version, user, { limit: 10 }),
    })}`,
  );
  options.print(
    `\n${formatRecommendations({
      version: summary.version,
      request: 'someone who likes',
      result: recommendForAnonymous(version, [{ title: 'Toy Story' }, { title: 'Finding Nemo' }], {
        limit: 10,
      }),
    })}`,
  );
  options.print(
    `\nTry: npx movierec recommend --model ${summary.folder} --like "Heat" --like "Alien"`,
  );
}
