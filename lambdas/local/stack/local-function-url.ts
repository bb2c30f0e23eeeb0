import { randomUUID } from 'node:crypto';
import type {
  FunctionUrlIdentity,
  LocalHttpRequest,
  LocalHttpResponse,
} from './function-url-event.ts';
import {
  fromFunctionUrlResult,
  INTERNAL_SERVER_ERROR,
  toFunctionUrlEvent,
} from './function-url-event.ts';
import type { LocalBehavior, ViewerRequest, ViewerRequestFunction } from './local-distribution.ts';
import { behaviorFor, distributionFromTemplates } from './local-distribution.ts';
import type { LambdaHandler, LocalFunction } from './local-function.ts';
import { lambdaContext, loadHandler, localFunction } from './local-function.ts';
import { refuseUnsignedPayload, signedForFunctionUrl } from './origin-access-control.ts';
import type { IntrinsicContext } from './template-intrinsics.ts';
import { resolveString } from './template-intrinsics.ts';

export interface LocalFunctionUrlDefinition {
  stackName: string;
  /** The function the URL invokes. */
  function: LocalFunction;
  url: FunctionUrlIdentity;
  /** The distribution's cache behaviours, in CloudFront's order. */
  behaviors: LocalBehavior[];
}

/**
 * The API of the synthesized stacks: the one AWS::Lambda::Url, the function it invokes, and the
 * distribution's behaviours that send paths to it (those whose origin signs with a `lambda`
 * origin access control), all read from the templates, so local routing is the deployed one.
 */
export function functionUrlFromTemplates(
  ctx: Omit<IntrinsicContext, 'stackName'>,
): LocalFunctionUrlDefinition {
  const urls = Object.entries(ctx.templates).flatMap(([stackName, template]) =>
    Object.entries(template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::Lambda::Url')
      .map(([logicalId, resource]) => ({ stackName, logicalId, resource })),
  );
  if (urls.length !== 1) {
    throw new Error(`expected one AWS::Lambda::Url in the synthesized app, found ${urls.length}`);
  }
  const { stackName, logicalId, resource } = urls[0]!;
  const stack = { ...ctx, stackName };
  const at = `Resources.${logicalId}.Properties`;
  const local = ctx.resources[stackName]!;
  const target = resolveString(
    resource.Properties?.TargetFunctionArn,
    stack,
    `${at}.TargetFunctionArn`,
  );
  const fnId = Object.entries(local).find(
    ([id, value]) =>
      ctx.templates[stackName]!.Resources[id]?.Type === 'AWS::Lambda::Function' &&
      value.attributes.Arn === target,
  )?.[0];
  if (fnId === undefined) {
    throw new Error(
      `${stackName}/${logicalId}: its TargetFunctionArn is not a function of the stack`,
    );
  }
  const domainName = new URL(local[logicalId]!.attributes.FunctionUrl!).host;
  const behaviors = distributionFromTemplates(ctx.templates);
  if (!behaviors.some((behavior) => behavior.originType === 'lambda')) {
    throw new Error('no behaviour of the distribution sends requests to the function URL');
  }
  return {
    stackName,
    function: localFunction(stack, fnId),
    url: { urlId: domainName.split('.')[0]!, accountId: ctx.pseudo.accountId, domainName },
    behaviors,
  };
}

/** True when the distribution sends `path` to the function URL (e.g. `/api/*`). */
export function isFunctionUrlPath(api: LocalFunctionUrlDefinition, path: string): boolean {
  return behaviorFor(api.behaviors, path)?.originType === 'lambda';
}

const TIMED_OUT = Symbol('timed out');

/**
 * Serves a request as CloudFront and the function URL do: the behaviour's viewer-request
 * function, then origin access control (a POST or PUT whose x-amz-content-sha256 is missing or
 * wrong is refused with 403; the viewer's Authorization is overwritten by a signature), then
 * the payload-2.0 event to the function's handler (imported from source on first use) within
 * its timeout, and its result as the HTTP response. A handler that throws or times out gets a
 * 500; the error goes to `onError`.
 */
export function createLocalFunctionUrl(
  api: LocalFunctionUrlDefinition,
  options: { onError?: (error: unknown) => void } = {},
): (request: LocalHttpRequest) => Promise<LocalHttpResponse> {
  let loading: Promise<LambdaHandler> | undefined;
  const fn = api.function;
  return async (request) => {
    const behavior = behaviorFor(api.behaviors, request.url.split('?')[0]!);
    const viewed =
      behavior?.viewerRequest === undefined
        ? request
        : runViewerRequest(behavior.viewerRequest, request);
    const refused = refuseUnsignedPayload(viewed);
    if (refused !== undefined) return refused;
    const forwarded = signedForFunctionUrl(viewed, api.url.domainName);
    try {
      if (loading === undefined) {
        loading = loadHandler(fn);
        loading.catch(() => (loading = undefined));
      }
      const handler = await loading;
      const event = toFunctionUrlEvent(forwarded, api.url);
      const deadline = Date.now() + fn.timeoutSeconds * 1000;
      const context = lambdaContext(fn, randomUUID(), deadline);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), fn.timeoutSeconds * 1000);
      });
      const result = await Promise.race([handler(event, context), timeout]).finally(() =>
        clearTimeout(timer),
      );
      if (result === TIMED_OUT) {
        options.onError?.(new Error(`${fn.name} timed out after ${fn.timeoutSeconds} s`));
        return INTERNAL_SERVER_ERROR;
      }
      return fromFunctionUrlResult(result);
    } catch (error) {
      options.onError?.(error);
      return INTERNAL_SERVER_ERROR;
    }
  };
}

/**
 * A CloudFront Function run on the request's method, URI and headers (lower-case names, repeats
 * joined with commas), its returned headers taken as the forwarded ones.
 */
function runViewerRequest(fn: ViewerRequestFunction, request: LocalHttpRequest): LocalHttpRequest {
  const headers: ViewerRequest['headers'] = {};
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    const value = request.rawHeaders[i + 1]!;
    headers[name] = {
      value: headers[name] === undefined ? value : `${headers[name].value},${value}`,
    };
  }
  const queryAt = request.url.indexOf('?');
  const uri = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
  const result = fn({ request: { method: request.method, uri, headers } });
  return {
    ...request,
    url: queryAt === -1 ? result.uri : `${result.uri}${request.url.slice(queryAt)}`,
    rawHeaders: Object.entries(result.headers).flatMap(([name, { value }]) => [name, value]),
  };
}
