import { modelVersionFromDecoded, type ModelVersion } from '../../app/model-version.ts';
import { recommendForAnonymous } from '../../app/recommend-for-anonymous.ts';
import { recommendForUser } from '../../app/recommend-for-user.ts';
import type { Recommendations } from '../../app/recommendation.ts';
import { loadModelFolder } from '../model-folder.ts';
import { UsageError } from './cli-error.ts';

export interface RecommendOptions {
  model: string;
  user?: number;
  like: string[];
  limit: number;
  genre?: string;
}

export async function openModelVersion(folder: string): Promise<ModelVersion> {
  return modelVersionFromDecoded(await loadModelFolder(folder));
}

/** `recommend --user` or `recommend --like ... --like ...` against a model version folder. */
export async function recommend(
  options: RecommendOptions,
): Promise<{ version: string; request: string; result: Recommendations }> {
  if ((options.user === undefined) === (options.like.length === 0)) {
    throw new UsageError('give either --user <id> or one or more --like "<title>"');
  }
  const version = await openModelVersion(options.model);
  const picks = {
    limit: options.limit,
    ...(options.genre !== undefined && { genre: options.genre }),
  };
  if (options.user !== undefined) {
    return {
      version: version.manifest.version,
      request: `user ${options.user}`,
      result: recommendForUser(version, options.user, picks),
    };
  }
  return {
    version: version.manifest.version,
    request: 'someone who likes',
    result: recommendForAnonymous(
      version,
      options.like.map((title) => ({ title })),
      picks,
    ),
  };
}

export function formatRecommendations(answer: {
  version: string;
  request: string;
  result: Recommendations;
}): string {
  const { result } = answer;
  const header = result.coldStart
    ? `${answer.request} is not in model ${answer.version}: popular movies instead (cold start)`
    : result.basedOn.length > 0
      ? `Recommendations for ${answer.request} ${result.basedOn.map((m) => m.title).join(', ')} (model ${answer.version}):`
      : `Recommendations for ${answer.request} (model ${answer.version}):`;
  const width = String(result.movies.length).length;
  const lines = result.movies.map((movie, r) => {
    const rank = String(r + 1).padStart(width);
    const reason =
      movie.because.length > 0
        ? `  because you rated ${movie.because.map((m) => m.title).join(' and ')}`
        : '';
    return `${rank}. ${movie.title} [${movie.genres.join(', ')}]${reason}`;
  });
  return [header, ...lines].join('\n');
}
