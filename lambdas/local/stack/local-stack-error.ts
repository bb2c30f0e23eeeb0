/**
 * A failure of the local stack whose message is meant for the person who ran `npm start`: it
 * says what went wrong and what to do, so the CLI prints it without a stack trace.
 */
export class LocalStackError extends Error {
  override readonly name = 'LocalStackError';
}
