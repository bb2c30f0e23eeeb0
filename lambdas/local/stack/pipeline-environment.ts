/**
 * The environment of the functions the local pipeline runs. Lambda gives each function its own
 * process. In worker threads (the default) each function gets its own copy
 * (containerEnvironment). In process they all share this one, so a function's variables are
 * applied to process.env before its handler is imported and called (applyFunctionEnvironment);
 * they agree on every name that matters (BUCKET_NAME, TABLE_NAME, TOP_N, ...), and a different
 * value for one of those would silently change what another function reads (config is read
 * once per process), so it is an error instead.
 */

/** Per-function identity, read by Powertools when a module is first loaded: overwritten. */
const PER_FUNCTION = new Set(['POWERTOOLS_SERVICE_NAME']);
/** Settings of the local process that win over the template's (quieter logs, source maps). */
const PROCESS_WIDE = new Set([
  'NODE_OPTIONS',
  'POWERTOOLS_LOG_LEVEL',
  'POWERTOOLS_METRICS_NAMESPACE',
]);

/**
 * The environment of a function running in its own worker thread: this process's, then the
 * function's variables, except the process-wide settings this process already has.
 */
export function containerEnvironment(
  variables: Readonly<Record<string, string>>,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const [name, value] of Object.entries(variables)) {
    if (!PROCESS_WIDE.has(name) || env[name] === undefined) env[name] = value;
  }
  return env;
}

/** Who set each variable, for the error message. */
const owners = new Map<string, string>();

export class EnvironmentConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentConflictError';
  }
}

/**
 * Applies `variables` of the function `owner` (e.g. "MovieRec-local-Pipeline/IngestFn") to
 * `env`; throws an EnvironmentConflictError naming both values if one is already set to
 * something else.
 */
export function applyFunctionEnvironment(
  owner: string,
  variables: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv = process.env,
): void {
  for (const [name, value] of Object.entries(variables)) {
    const current = env[name];
    if (PER_FUNCTION.has(name)) {
      env[name] = value;
    } else if (PROCESS_WIDE.has(name)) {
      env[name] ??= value;
    } else if (current !== undefined && current !== value) {
      const from = owners.get(name);
      throw new EnvironmentConflictError(
        `${owner} needs ${name}=${value}, but this process already has ${name}=${current}${from === undefined ? '' : ` (from ${from})`}: local functions share one process and its environment`,
      );
    } else {
      env[name] = value;
      if (!owners.has(name)) owners.set(name, owner);
    }
  }
}
