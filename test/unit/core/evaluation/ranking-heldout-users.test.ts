import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../lambdas/core/dataset/dataset.ts';
import { evaluateRankingHeldoutUsers } from '../../../../lambdas/core/evaluation/ranking-heldout-users.ts';
import { plantedBlocks } from '../models/ranking-fixtures.ts';

/**
 * 300 users × 60 movies in two planted blocks (each user rates only movies of their block, all
 * 4 stars): a held-out user's folded-in movies tell their block, popularity cannot.
 */
function blocks(): Dataset {
  const users = 300;
  const items = 60;
  return {
    name: 'blocks',
    userIds: Int32Array.from({ length: users }, (_, u) => u + 1),
    itemIds: Int32Array.from({ length: items }, (_, i) => i + 1),
    movies: Array.from({ length: items }, (_, i) => ({
      id: i + 1,
      title: `Movie ${i + 1}`,
      year: null,
      genres: [],
      imdbId: null,
      tmdbId: null,
    })),
    ratings: plantedBlocks(users, items, 0.3, 5),
    tags: [],
    scale: { min: 0.5, max: 5, step: 0.5 },
  };
}

let tick = 0;
const now = () => tick++;

describe('evaluateRankingHeldoutUsers', () => {
  const dataset = blocks();
  const result = evaluateRankingHeldoutUsers(dataset, { seed: 42, now });

  it('scores 10% of the users with ≥ 5 ratings, with the four cut-offs', () => {
    const perUser = new Int32Array(300);
    for (const u of dataset.ratings.user) perUser[u]!++;
    const eligible = perUser.filter((n) => n >= 5).length;
    expect(eligible).toBeGreaterThan(280);
    expect(result.protocol).toBe('ranking-heldout-users');
    expect(result.folds).toHaveLength(1);
    expect(result.folds[0]!.users).toBe(Math.round(0.1 * eligible));
    expect(Object.keys(result.metrics)).toEqual(['ndcg@10', 'ndcg@100', 'recall@20', 'recall@50']);
    for (const value of Object.values(result.metrics)) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('finds the held-out movies far better by fold-in than by popularity', () => {
    const { ease, popularity } = result.baselines;
    expect(result.metrics['ndcg@10']).toBeGreaterThan(1.5 * popularity['ndcg@10']);
    expect(ease['ndcg@10']).toBeGreaterThan(1.5 * popularity['ndcg@10']);
    // A block has 30 movies, so a fold-in top-20 is mostly the user's block, popularity's half.
    expect(result.metrics['recall@20']).toBeGreaterThan(0.8);
    expect(popularity['recall@20']).toBeLessThan(0.5);
  });

  it('is deterministic for a seed', () => {
    const again = evaluateRankingHeldoutUsers(dataset, { seed: 42, now });
    expect(again.metrics).toEqual(result.metrics);
    expect(again.baselines).toEqual(result.baselines);
  });
});
