/**
 * Why a dataset could not be loaded, pinned to the file and line at fault so the person holding
 * the file can fix it. The message is one line: `ratings.csv line 17: rating "7" is out of range 0.5–5`.
 */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  /** File name the problem is in (as listed in the folder or zip), or undefined for the source as a whole. */
  readonly file: string | undefined;
  /** 1-based line number, or undefined when the problem is not tied to one line. */
  readonly line: number | undefined;
  /** The problem without the file/line prefix. */
  readonly problem: string;

  constructor(file: string | undefined, line: number | undefined, problem: string) {
    const where =
      file === undefined ? '' : line === undefined ? `${file}: ` : `${file} line ${line}: `;
    super(`${where}${problem}`);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }
}
