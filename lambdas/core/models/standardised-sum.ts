/** The affine maps of `standardisedSum`: side x becomes (x − mean)·scale. */
export interface Standardisation {
  meanA: number;
  scaleA: number;
  meanB: number;
  scaleB: number;
}

/**
 * The means and weighted inverse standard deviations (population) of `a` and `b` over the items
 * both sides score (finite), as `standardisedSum` applies them; explanations reuse them to carry
 * each side's additive score parts through the blend.
 */
export function standardisation(
  a: Float32Array,
  b: Float32Array,
  wa: number,
  wb: number,
): Standardisation {
  let n = 0;
  let sumA = 0;
  let sqA = 0;
  let sumB = 0;
  let sqB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (!(x > -Infinity && y > -Infinity)) continue;
    n++;
    sumA += x;
    sqA += x * x;
    sumB += y;
    sqB += y * y;
  }
  const meanA = sumA / n;
  const meanB = sumB / n;
  return {
    meanA,
    scaleA: wa / Math.sqrt(Math.max(sqA / n - meanA * meanA, 1e-30)),
    meanB,
    scaleB: wb / Math.sqrt(Math.max(sqB / n - meanB * meanB, 1e-30)),
  };
}

/**
 * wa · z(a) + wb · z(b), into `a`, where z standardises a score vector over the items both sides
 * score (finite), so neither side's scale decides the blend (a score-level ensemble in the spirit
 * of the Netflix Prize blends, Koren 2009). Items either side cannot score become −Infinity.
 */
export function standardisedSum(a: Float32Array, b: Float32Array, wa: number, wb: number): void {
  const { meanA, scaleA, meanB, scaleB } = standardisation(a, b, wa, wb);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    a[i] = x > -Infinity && y > -Infinity ? (x - meanA) * scaleA + (y - meanB) * scaleB : -Infinity;
  }
}
