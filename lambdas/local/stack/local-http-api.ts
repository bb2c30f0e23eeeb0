import { randomUUID } from 'node:crypto';
import type {
  HttpApiIdentity,
  HttpApiRoute,
  LocalHttpRequest,
  LocalHttpResponse,
} from './http-api-event.ts';
import {
  fromHttpApiResult,
  INTERNAL_SERVER_ERROR,
  matchRoute,
  toHttpApiEvent,
} from './http-api-event.ts';
import type { LambdaHandler, LocalFunction } from './local-function.ts';
import { lambdaContext, loadHandler, localFunction } from './local-function.ts';
import type { IntrinsicContext } from './template-intrinsics.ts';
import { resolveString } from './template-intrinsics.ts';

/** A route of the template with the function its integration invokes. */
export interface LocalRoute extends HttpApiRoute {
  function: LocalFunction;
  payloadFormatVersion: string;
}

export interface LocalHttpApiDefinition {
  stackName: string;
  identity: HttpApiIdentity;
  routes: LocalRoute[];
}

/**
 * The HTTP API of the synthesized stacks: each AWS::ApiGatewayV2::Route (RouteKey and
 * `$default`), its AWS_PROXY integration and the Lambda function that integration invokes,
 * all read from the template, so local routing is the deployed routing.
 */
export function httpApiFromTemplates(
  ctx: Omit<IntrinsicContext, 'stackName'>,
): LocalHttpApiDefinition {
  const apis = Object.entries(ctx.templates).flatMap(([stackName, template]) =>
    Object.entries(template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::ApiGatewayV2::Api')
      .map(([logicalId]) => ({ stackName, logicalId })),
  );
  if (apis.length !== 1) {
    throw new Error(
      `expected one AWS::ApiGatewayV2::Api in the synthesized app, found ${apis.length}`,
    );
  }
  const { stackName, logicalId: apiLogicalId } = apis[0]!;
  const stack = { ...ctx, stackName };
  const resources = ctx.templates[stackName]!.Resources;
  const local = ctx.resources[stackName]!;
  const byRef = new Map(Object.entries(local).map(([id, value]) => [value.ref, id]));
  const byArn = new Map(
    Object.entries(local)
      .filter(([id]) => resources[id]?.Type === 'AWS::Lambda::Function')
      .map(([id, value]) => [value.attributes.Arn, id]),
  );
  const apiId = local[apiLogicalId]!.ref;
  const functions = new Map<string, LocalFunction>();

  const routes: LocalRoute[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Route') continue;
    const props = resource.Properties ?? {};
    const at = `Resources.${id}.Properties`;
    if (resolveString(props.ApiId, stack, `${at}.ApiId`) !== apiId) continue;
    const target = resolveString(props.Target, stack, `${at}.Target`);
    const integrationId = byRef.get(target.replace(/^integrations\//, ''));
    const integration = integrationId === undefined ? undefined : resources[integrationId];
    if (integration?.Type !== 'AWS::ApiGatewayV2::Integration') {
      throw new Error(`${stackName}/${id}: target ${target} is not an integration of the stack`);
    }
    const iprops = integration.Properties ?? {};
    const iat = `Resources.${integrationId}.Properties`;
    if (iprops.IntegrationType !== 'AWS_PROXY') {
      throw new Error(
        `${stackName}/${integrationId}: only AWS_PROXY Lambda integrations run locally`,
      );
    }
    const fnId = byArn.get(resolveString(iprops.IntegrationUri, stack, `${iat}.IntegrationUri`));
    if (fnId === undefined) {
      throw new Error(
        `${stackName}/${integrationId}: its IntegrationUri is not a function of the stack`,
      );
    }
    let fn = functions.get(fnId);
    if (fn === undefined) {
      fn = localFunction(stack, fnId);
      functions.set(fnId, fn);
    }
    routes.push({
      routeKey: resolveString(props.RouteKey, stack, `${at}.RouteKey`),
      function: fn,
      payloadFormatVersion: String(iprops.PayloadFormatVersion ?? '2.0'),
    });
  }
  const endpoint = local[apiLogicalId]!.attributes.ApiEndpoint ?? `https://${apiId}`;
  return {
    stackName,
    identity: {
      apiId,
      accountId: ctx.pseudo.accountId,
      domainName: endpoint.replace(/^https:\/\//, ''),
      stage: '$default',
    },
    routes,
  };
}

const TIMED_OUT = Symbol('timed out');

/** API Gateway's answer when no route (and no `$default`) matches. */
const NOT_FOUND: LocalHttpResponse = {
  statusCode: 404,
  headers: [['content-type', 'application/json']],
  body: Buffer.from('{"message":"Not Found"}'),
};

/**
 * Serves requests as the HTTP API does: select the route, build its payload-2.0 event, invoke
 * the integration's handler (imported from source on first use) within the function's timeout,
 * and turn its result into the HTTP response. A handler that throws or times out gets API
 * Gateway's own 500 answer; the error goes to `onError`.
 */
export function createLocalHttpApi(
  api: LocalHttpApiDefinition,
  options: { onError?: (error: unknown, route: string) => void } = {},
): (request: LocalHttpRequest) => Promise<LocalHttpResponse> {
  const handlers = new Map<LocalFunction, Promise<LambdaHandler>>();
  return async (request) => {
    const path = request.url.split('?')[0]!;
    const match = matchRoute(api.routes, request.method, path);
    if (match === undefined) return NOT_FOUND;
    const { route } = match;
    if (route.payloadFormatVersion !== '2.0') {
      options.onError?.(
        new Error(`payload format ${route.payloadFormatVersion} is not supported locally`),
        route.routeKey,
      );
      return INTERNAL_SERVER_ERROR;
    }
    try {
      let loading = handlers.get(route.function);
      if (loading === undefined) {
        loading = loadHandler(route.function);
        handlers.set(route.function, loading);
        loading.catch(() => handlers.delete(route.function));
      }
      const handler = await loading;
      const event = toHttpApiEvent(request, match, api.identity);
      const deadline = Date.now() + route.function.timeoutSeconds * 1000;
      const context = lambdaContext(route.function, randomUUID(), deadline);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), route.function.timeoutSeconds * 1000);
      });
      const result = await Promise.race([handler(event, context), timeout]).finally(() =>
        clearTimeout(timer),
      );
      if (result === TIMED_OUT) {
        // Lambda ends the invocation with an error, which API Gateway answers with a 500.
        options.onError?.(
          new Error(`${route.function.name} timed out after ${route.function.timeoutSeconds} s`),
          route.routeKey,
        );
        return INTERNAL_SERVER_ERROR;
      }
      return fromHttpApiResult(result);
    } catch (error) {
      options.onError?.(error, route.routeKey);
      return INTERNAL_SERVER_ERROR;
    }
  };
}
