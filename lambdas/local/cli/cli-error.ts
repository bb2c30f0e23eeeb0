/** A mistake in how the CLI was called (bad flag value, missing file): reported as one line, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
