import { toLittleEndianBytes } from '../../core/model-codec/little-endian.ts';
import type { BiasedMf } from '../../core/models/biased-mf.ts';
import type { TableKey } from '../serving/serving-keys.ts';
import type { VectorRecord } from '../serving/serving-records.ts';
import type { ServingItem } from './serving-writer.ts';

/** A serving-table item: key + record (the record type checks the attributes). */
export const servingItem = <R extends object>(key: TableKey, record: R): ServingItem => ({
  ...(record as Record<string, unknown>),
  ...key,
});

/** Row `row` of a row-major rows × k factor matrix as a VEC record. */
export function vectorRecord(
  version: string,
  bias: number,
  factors: Float32Array,
  k: number,
  row: number,
): VectorRecord {
  return {
    version,
    bias,
    factors: toLittleEndianBytes(factors.subarray(row * k, (row + 1) * k)),
  };
}

export const userVector = (rating: BiasedMf, version: string, user: number): VectorRecord =>
  vectorRecord(version, rating.userBias[user]!, rating.userFactors, rating.factors, user);

export const movieVector = (rating: BiasedMf, version: string, item: number): VectorRecord =>
  vectorRecord(version, rating.itemBias[item]!, rating.itemFactors, rating.factors, item);
