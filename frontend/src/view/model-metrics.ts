import type { LossHistory, ModelVersionEntry } from '../api/api-types.ts';

/** Known metrics first, in this order, under readable names; any others after them. */
const KNOWN: [string[], string][] = [
  [['rmse'], 'RMSE'],
  [['mae'], 'MAE'],
  [['ndcg10', 'ndcg@10'], 'nDCG@10'],
  [['precision10', 'precision@10'], 'P@10'],
  [['recall10', 'recall@10'], 'R@10'],
  [['map10', 'map@10'], 'MAP@10'],
  [['coverage'], 'Coverage'],
];

export function metricLabel(key: string): string {
  return KNOWN.find(([keys]) => keys.includes(key))?.[1] ?? key;
}

/** The metric keys present in any version, known ones in their fixed order. */
export function metricColumns(
  versions: { metrics?: Record<string, number> | undefined }[],
): string[] {
  const present = new Set(versions.flatMap((v) => Object.keys(v.metrics ?? {})));
  const known = KNOWN.flatMap(([keys]) => keys).filter((k) => present.has(k));
  const rest = [...present].filter((k) => !known.includes(k)).sort();
  return [...known, ...rest];
}

export const formatMetric = (value: number | undefined): string =>
  value === undefined || !Number.isFinite(value)
    ? '–'
    : Math.abs(value) >= 100
      ? value.toFixed(0)
      : value.toFixed(4);

/** The version's loss curves, empty when it has none (older versions, or not recorded). */
export function lossOf(
  entry: Pick<ModelVersionEntry, 'lossHistory'> | null | undefined,
): LossHistory {
  const numbers = (x: unknown): number[] =>
    Array.isArray(x)
      ? x.filter((n): n is number => typeof n === 'number' && Number.isFinite(n))
      : [];
  const loss = entry?.lossHistory as Partial<LossHistory> | undefined;
  return { rating: numbers(loss?.rating), ranking: numbers(loss?.ranking) };
}
