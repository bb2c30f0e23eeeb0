import type { Ratings } from '../dataset/dataset.ts';
import type { SparseMatrix } from '../dataset/sparse-matrix.ts';
import { invertSpdInPlace } from '../linalg/spd-inverse.ts';
import { wasmEaseGram } from './wasm-ease-gram.ts';
import type { OnProgress } from '../progress.ts';
import type { ModelArtifact } from './artifact.ts';
import {
  binaryWeighting,
  implicitMatrix,
  implicitWeight,
  type ImplicitWeighting,
} from './implicit-feedback.ts';
import { artifactFloat32, artifactInt32 } from './artifact-arrays.ts';
import type { RankingModel } from './ranking-model.ts';

/**
 * EASE, an item×item linear autoencoder for implicit feedback. Reads use `!` on typed arrays
 * (numeric kernels, indices in range by construction).
 */

export interface EaseParams {
  /**
   * L2 penalty λ on B. 400 with userExponent 0.5 (ranking-stratified75, seeds 42–46, nDCG@10 of
   * the blend with 64-factor iALS): ML-100K-like proxy 0.4290 vs 0.4266 at 200 and 0.4233 at 800; ml-latest-small
   * 0.4134 vs 0.4138 at 200 and 0.4040 at 800.
   */
  lambda: number;
  /**
   * γ of the user weighting of the Gram matrix (see `trainEase`); 0 = plain EASE. 0.5 measured
   * against 0 (λ 400, blend with 64-factor iALS, ranking-stratified75, seeds 42–46, nDCG@10): ML-100K-like proxy
   * 0.4290 vs 0.4254, ml-latest-small 0.4134 vs 0.4106; γ 0.25 and 0.75 fall in between or tie.
   */
  userExponent: number;
  /**
   * Items with fewer training interactions than this are left out of the model. Such items
   * almost never reach a top-10 (ml-latest-small: minCount 5 and 10 give the same nDCG@10, 0.404)
   * while the solve is cubic in the number of items (ml-latest-small: 2,949 vs 1,744 items).
   */
  minCount: number;
  /** At most this many items (the most interacted-with) enter the item×item solve. */
  maxItems: number;
  weighting: ImplicitWeighting;
}

export const defaultEaseParams: EaseParams = {
  lambda: 400,
  userExponent: 0.5,
  minCount: 10,
  maxItems: 3000,
  weighting: binaryWeighting,
};

export interface EaseModel extends RankingModel {
  kind: 'ease';
  params: EaseParams;
  /** Modelled item indices, ascending; column c of B is item modelItems[c]. */
  modelItems: Int32Array;
  /** B, row-major n × n over the modelled items (read by explanations, score-shares.ts). */
  b: Float32Array;
  /** Per item, the training users with an interaction with it (0 for items outside the model). */
  itemUsers: Int32Array;
}

/**
 * Trains EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data") on a
 * user-weighted Gram matrix:
 *   P = (XᵀDX + λI)⁻¹,   B = I − P·diagMat(1 ⊘ diag(P)),  i.e. B_ij = −P_ij / P_jj, B_jj = 0,
 * the closed-form minimiser of ‖D^½(X − XB)‖² + λ‖B‖² subject to diag(B) = 0, on the (weighted)
 * user×item interaction matrix X. Scores of a user with row x are x·B. D weights user u by
 * d_u = s·|u|^−γ (γ = userExponent, |u| the user's modelled items; D = I at γ = 0, plain EASE),
 * s = Σ|u| / Σ|u|^(1−γ) keeping trace(XᵀDX) = trace(XᵀX) so λ keeps its scale. Heavy raters
 * then no longer dominate the item co-occurrences: the user-degree normalisation of graph
 * filters for collaborative filtering (Shen et al. 2021, "How Powerful is Graph Convolution for
 * Recommendation?", whose Gram matrix is Xᵀ D_U^−1 X before the item-side normalisation).
 * The solve is O(n³) time and n² doubles of memory in the number n of modelled items, so only
 * items with ≥ minCount interactions, and at most the maxItems most frequent of those, are
 * modelled; the others are scored −Infinity (never recommended).
 */
export function trainEase(
  train: Ratings,
  shape: { users: number; items: number },
  params: Partial<EaseParams> = {},
  options: { onProgress?: OnProgress; kernel?: 'wasm' | 'typescript' } = {},
): EaseModel {
  const p: EaseParams = { ...defaultEaseParams, ...params };
  const byUser = implicitMatrix(train, shape, 'user', p.weighting);
  const modelItems = selectItems(byUser, shape.items, p.minCount, p.maxItems);
  const n = modelItems.length;
  const column = new Int32Array(shape.items).fill(-1);
  for (let c = 0; c < n; c++) column[modelItems[c]!] = c;
  const rows = restrictColumns(byUser, column);

  const kernel = options.kernel ?? 'wasm';
  const gramRows = userWeightedRows(rows, p.userExponent);
  const gram = kernel === 'wasm' ? wasmEaseGram(gramRows, n) : easeGram(gramRows, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) gram[i * n + j] = gram[j * n + i]!;
    gram[i * n + i] = gram[i * n + i]! + p.lambda;
  }
  options.onProgress?.({ step: 'ease gram', done: 1, total: 2 });
  invertSpdInPlace(gram, n, kernel);
  const b = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) b[i * n + j] = i === j ? 0 : -gram[i * n + j]! / gram[j * n + j]!;
  }
  options.onProgress?.({ step: 'ease solve', done: 2, total: 2 });
  return easeModel(p, shape, modelItems, b, rows);
}

/** Items with ≥ minCount rows, keeping the maxItems most frequent (ties: lower index), ascending. */
function selectItems(
  byUser: SparseMatrix,
  items: number,
  minCount: number,
  maxItems: number,
): Int32Array {
  const count = new Float64Array(items);
  for (let p = 0; p < byUser.indices.length; p++) count[byUser.indices[p]!]! += 1;
  const eligible: number[] = [];
  for (let i = 0; i < items; i++) if (count[i]! >= minCount && count[i]! > 0) eligible.push(i);
  if (eligible.length > maxItems) {
    eligible.sort((x, y) => count[y]! - count[x]! || x - y);
    eligible.length = maxItems;
  }
  return Int32Array.from(eligible).sort();
}

/**
 * The rows of X scaled by √d_u, so that their Gram matrix is XᵀDX (d_u as in `trainEase`);
 * `rows` itself when γ = 0.
 */
function userWeightedRows(rows: SparseMatrix, gamma: number): SparseMatrix {
  if (gamma === 0) return rows;
  let mass = 0;
  let weighted = 0;
  for (let u = 0; u < rows.rows; u++) {
    const len = rows.indptr[u + 1]! - rows.indptr[u]!;
    if (len === 0) continue;
    mass += len;
    weighted += len ** (1 - gamma);
  }
  const scale = mass / weighted;
  const values = new Float32Array(rows.values.length);
  for (let u = 0; u < rows.rows; u++) {
    const from = rows.indptr[u]!;
    const to = rows.indptr[u + 1]!;
    const root = Math.sqrt(scale * (to - from) ** -gamma);
    for (let q = from; q < to; q++) values[q] = rows.values[q]! * root;
  }
  return { ...rows, values };
}

/**
 * The upper triangle of XᵀX (n × n, the lower left zero) over the rows of X, whose columns
 * ascend within each row: the TypeScript reference of kernels/ease-gram.ts (`wasmEaseGram`).
 */
export function easeGram(rows: SparseMatrix, n: number): Float64Array {
  const gram = new Float64Array(n * n);
  const cols = new Int32Array(n);
  const weights = new Float64Array(n);
  for (let u = 0; u < rows.rows; u++) {
    const from = rows.indptr[u]!;
    const len = rows.indptr[u + 1]! - from;
    for (let a = 0; a < len; a++) {
      cols[a] = rows.indices[from + a]!;
      weights[a] = rows.values[from + a]!;
    }
    // Columns ascend within a row, so (ca ≤ cb) fills the upper triangle.
    for (let a = 0; a < len; a++) {
      const base = cols[a]! * n;
      const wa = weights[a]!;
      for (let b = a; b < len; b++)
        gram[base + cols[b]!] = gram[base + cols[b]!]! + wa * weights[b]!;
    }
  }
  return gram;
}

/** The rows of `m` with columns renumbered by `column` (−1 = dropped). */
function restrictColumns(m: SparseMatrix, column: Int32Array): SparseMatrix {
  const indptr = new Int32Array(m.rows + 1);
  const indices = new Int32Array(m.indices.length);
  const values = new Float32Array(m.indices.length);
  let kept = 0;
  for (let r = 0; r < m.rows; r++) {
    for (let p = m.indptr[r]!; p < m.indptr[r + 1]!; p++) {
      const c = column[m.indices[p]!]!;
      if (c < 0) continue;
      indices[kept] = c;
      values[kept] = m.values[p]!;
      kept++;
    }
    indptr[r + 1] = kept;
  }
  let n = 0;
  for (let r = 0; r < column.length; r++) if (column[r]! >= 0) n++;
  return {
    rows: m.rows,
    cols: n,
    indptr,
    indices: indices.slice(0, kept),
    values: values.slice(0, kept),
  };
}

function easeModel(
  params: EaseParams,
  shape: { users: number; items: number },
  modelItems: Int32Array,
  b: Float32Array,
  rows: SparseMatrix,
): EaseModel {
  const n = modelItems.length;
  const column = new Int32Array(shape.items).fill(-1);
  for (let c = 0; c < n; c++) column[modelItems[c]!] = c;
  const acc = new Float64Array(n);
  const itemUsers = new Int32Array(shape.items);
  for (let q = 0; q < rows.indices.length; q++) itemUsers[modelItems[rows.indices[q]!]!]!++;

  /** out[modelItems[j]] = Σ_c x_c·B_cj; −Infinity for items outside the model. */
  const scoreRow = (
    cols: Int32Array,
    weights: Float32Array,
    len: number,
    out: Float32Array,
  ): void => {
    acc.fill(0);
    for (let a = 0; a < len; a++) {
      const base = cols[a]! * n;
      const w = weights[a]!;
      for (let j = 0; j < n; j++) acc[j] = acc[j]! + w * b[base + j]!;
    }
    out.fill(-Infinity);
    for (let j = 0; j < n; j++) out[modelItems[j]!] = acc[j]!;
  };

  const foldCols = new Int32Array(n);
  const foldWeights = new Float32Array(n);
  return {
    kind: 'ease',
    params,
    users: shape.users,
    items: shape.items,
    modelItems,
    b,
    itemUsers,
    lossHistory: [],
    scoreUser(user, out) {
      const from = rows.indptr[user]!;
      const len = rows.indptr[user + 1]! - from;
      scoreRow(rows.indices.subarray(from), rows.values.subarray(from), len, out);
    },
    foldIn(items, ratings, out) {
      // x·B needs no solve: the anonymous user's row is the only input.
      let len = 0;
      for (let a = 0; a < items.length; a++) {
        const c = column[items[a]!] ?? -1;
        const w = implicitWeight(ratings[a]!, params.weighting);
        if (c < 0 || w <= 0) continue;
        foldCols[len] = c;
        foldWeights[len] = w;
        len++;
      }
      scoreRow(foldCols, foldWeights, len, out);
    },
    toArtifact(): ModelArtifact {
      return {
        kind: 'ease',
        params: { ...params, users: shape.users, items: shape.items },
        arrays: {
          modelItems,
          b,
          userIndptr: rows.indptr,
          userColumns: rows.indices,
          userWeights: rows.values,
        },
      };
    },
  };
}

/** Rebuilds an EASE model from its artifact, checking every array's length. */
export function easeFromArtifact(artifact: ModelArtifact): EaseModel {
  if (artifact.kind !== 'ease') throw new Error(`expected an ease artifact, got ${artifact.kind}`);
  const { users, items, ...rest } = artifact.params as unknown as EaseParams & {
    users: number;
    items: number;
  };
  if (!Number.isInteger(users) || !Number.isInteger(items))
    throw new Error('ease artifact: bad shape');
  const modelItems = artifactInt32(artifact, 'modelItems');
  const n = modelItems.length;
  const b = artifactFloat32(artifact, 'b', n * n);
  const indptr = artifactInt32(artifact, 'userIndptr', users + 1);
  const nnz = indptr[users]!;
  const indices = artifactInt32(artifact, 'userColumns', nnz);
  const values = artifactFloat32(artifact, 'userWeights', nnz);
  for (let c = 0; c < n; c++) {
    const item = modelItems[c]!;
    if (item < 0 || item >= items) throw new Error('ease artifact: item index out of range');
  }
  for (let p = 0; p < nnz; p++) {
    if (indices[p]! < 0 || indices[p]! >= n) throw new Error('ease artifact: column out of range');
  }
  const params: EaseParams = { ...defaultEaseParams, ...rest };
  return easeModel(params, { users, items }, modelItems, b, {
    rows: users,
    cols: n,
    indptr,
    indices,
    values,
  });
}
