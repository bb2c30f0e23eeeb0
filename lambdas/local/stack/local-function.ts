import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { IntrinsicContext } from './template-intrinsics.ts';
import { resolveIntrinsics } from './template-intrinsics.ts';
import { REPOSITORY_ROOT } from './synthesize-app.ts';

/**
 * Metadata keys MovieRecFunction (lib/movierec-function.ts) writes on each function: the
 * TypeScript file it bundles (relative to the repository root) and its exported handler.
 */
export const ENTRY_METADATA = 'movierec:entry';
export const HANDLER_METADATA = 'movierec:handler';

/** An AWS::Lambda::Function of the template, bound to the source module it is built from. */
export interface LocalFunction {
  stackName: string;
  logicalId: string;
  /** Physical name (what `Ref` gives). */
  name: string;
  arn: string;
  /** Absolute path of the handler's TypeScript source. */
  entry: string;
  /** The exported handler (the part after the dot of `Handler`). */
  exportName: string;
  /** Environment.Variables with every intrinsic resolved to its local value. */
  environment: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
}

/**
 * Reads a function's local binding from the template: its source file from the
 * `movierec:entry` metadata, its handler export, its resolved environment and limits.
 */
export function localFunction(ctx: IntrinsicContext, logicalId: string): LocalFunction {
  const where = `${ctx.stackName}/${logicalId}`;
  const resource = ctx.templates[ctx.stackName]?.Resources[logicalId];
  if (resource?.Type !== 'AWS::Lambda::Function') {
    throw new Error(`${where} is not an AWS::Lambda::Function`);
  }
  const props = resource.Properties ?? {};
  const local = ctx.resources[ctx.stackName]?.[logicalId];
  if (local === undefined) throw new Error(`${where}: no local resource`);
  const entry = resource.Metadata?.[ENTRY_METADATA];
  if (typeof entry !== 'string') {
    throw new Error(`${where} has no "${ENTRY_METADATA}" metadata naming its source file`);
  }
  const exported = resource.Metadata?.[HANDLER_METADATA];
  const handler =
    typeof exported === 'string'
      ? exported
      : typeof props.Handler === 'string'
        ? props.Handler
        : 'index.handler';
  const variables = resolveIntrinsics(
    (props.Environment as { Variables?: unknown } | undefined)?.Variables ?? {},
    ctx,
    `Resources.${logicalId}.Properties.Environment.Variables`,
  ) as Record<string, unknown>;
  return {
    stackName: ctx.stackName,
    logicalId,
    name: local.ref,
    arn: local.attributes.Arn ?? local.ref,
    entry: isAbsolute(entry) ? entry : join(REPOSITORY_ROOT, entry),
    exportName: handler.slice(handler.lastIndexOf('.') + 1),
    environment: Object.fromEntries(
      Object.entries(variables).map(([key, value]) => [key, String(value)]),
    ),
    timeoutSeconds: typeof props.Timeout === 'number' ? props.Timeout : 3,
    memoryMb: typeof props.MemorySize === 'number' ? props.MemorySize : 128,
  };
}

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * The function's handler, imported from its source after its environment is applied to this
 * process (as Lambda sets it before the module's init code runs). All functions share one
 * process, so they share one environment: the local stack's functions agree on the names that
 * matter (TABLE_NAME, BUCKET_NAME).
 */
export async function loadHandler(fn: LocalFunction): Promise<LambdaHandler> {
  const { NODE_OPTIONS: _nodeOptions, ...environment } = fn.environment;
  Object.assign(process.env, environment);
  const module = (await import(pathToFileURL(fn.entry).href)) as Record<string, unknown>;
  const handler = module[fn.exportName];
  if (typeof handler !== 'function') {
    throw new Error(`${fn.entry} does not export a function "${fn.exportName}"`);
  }
  return handler as LambdaHandler;
}

/** The Lambda context object a handler receives (Powertools reads the function's identity). */
export function lambdaContext(fn: LocalFunction, requestId: string, deadline: number): Context {
  const fail = () => {
    throw new Error('callback-style handlers are not supported locally');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: fn.arn,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: fail,
    fail,
    succeed: fail,
  };
}
