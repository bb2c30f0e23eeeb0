import { defaultIalsParams, ialsModel } from '../../core/models/ials.ts';
import { topN } from '../../core/models/top-n.ts';
import { createRng } from '../../core/random.ts';

export interface FoldInLatency {
  items: number;
  factors: number;
  liked: number;
  runs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Latency of one anonymous request: fold 5 liked movies into a user vector (one regularised
 * least-squares solve against the item factors) and take the top 10 of a 60k-movie catalogue.
 * The cost does not depend on the factor values, so seeded random factors of the default iALS
 * size stand in for a trained model of that catalogue.
 */
export function measureFoldIn(
  options: { items?: number; liked?: number; runs?: number; seed?: number } = {},
): FoldInLatency {
  const items = options.items ?? 60_000;
  const liked = options.liked ?? 5;
  const runs = options.runs ?? 1000;
  const k = defaultIalsParams.factors;
  const rng = createRng(options.seed ?? 1);
  const itemFactors = Float32Array.from({ length: items * k }, () => rng.normal() * 0.1);
  const model = ialsModel(
    defaultIalsParams,
    new Float32Array(k),
    itemFactors,
    new Int32Array(items).fill(1),
    [],
  );
  const scores = new Float32Array(items);
  const ratings = new Float32Array(liked).fill(5);
  const once = (): number => {
    const chosen = new Set<number>();
    while (chosen.size < liked) chosen.add(rng.int(items));
    const likedItems = Int32Array.from([...chosen].sort((a, b) => a - b));
    const start = performance.now();
    model.foldIn(likedItems, ratings, scores);
    topN(scores, 10, likedItems);
    return performance.now() - start;
  };
  for (let warm = 0; warm < 50; warm++) once();
  const times = Float64Array.from({ length: runs }, once).sort();
  const at = (q: number): number => times[Math.min(runs - 1, Math.ceil(q * runs) - 1)]!;
  return {
    items,
    factors: k,
    liked,
    runs,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: times[runs - 1]!,
  };
}
