/**
 * The one error a model version can fail with when it is read back: it names the file and the
 * problem, so a corrupted, truncated or tampered model is reported instead of silently served.
 */
export class ModelCodecError extends Error {
  override readonly name = 'ModelCodecError';

  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}
