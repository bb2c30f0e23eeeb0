import { DatasetError } from './dataset-error.ts';

/** What to do with a row that cannot be read: fail the load (default) or skip it and say so. */
export type BadRowPolicy = 'error' | 'skip';

export type BadRowReason =
  'field-count' | 'non-numeric' | 'out-of-range' | 'unknown-movie' | 'duplicate-movie';

export interface SkippedRows {
  total: number;
  /** Per reason: how many rows, and the first one's full message (file, line, problem). */
  byReason: Partial<Record<BadRowReason, { count: number; first: string }>>;
}

/**
 * The single place a bad row goes: under 'error' it becomes a DatasetError at once, under 'skip'
 * it is counted by reason for the load report, so a dataset is never silently half-loaded.
 */
export class BadRows {
  private readonly skipped: SkippedRows = { total: 0, byReason: {} };

  constructor(private readonly policy: BadRowPolicy) {}

  report(file: string, line: number, reason: BadRowReason, problem: string): void {
    const error = new DatasetError(file, line, problem);
    if (this.policy === 'error') throw error;
    this.skipped.total++;
    const entry = this.skipped.byReason[reason];
    if (entry === undefined) this.skipped.byReason[reason] = { count: 1, first: error.message };
    else entry.count++;
  }

  summary(): SkippedRows {
    return structuredClone(this.skipped);
  }
}
