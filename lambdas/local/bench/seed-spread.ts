/** How a figure varies over seeds: the bench reports it so a margin can be read against noise. */
export interface SeedSpread {
  mean: number;
  /** Sample standard deviation (divisor n − 1); 0 for a single value. */
  sd: number;
  min: number;
  max: number;
}

/** Mean, sample standard deviation, min and max of one figure over several seeded runs. */
export function seedSpread(values: number[]): SeedSpread {
  if (values.length === 0) throw new RangeError('no values to summarise');
  const mean = values.reduce((sum, x) => sum + x, 0) / values.length;
  const squares = values.reduce((sum, x) => sum + (x - mean) ** 2, 0);
  return {
    mean,
    sd: values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}
