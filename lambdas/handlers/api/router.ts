import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod';
import type { ServingContext } from '../../app/serving/serving-context.ts';
import { isWellFormedToken } from '../../app/profiles/profile-token.ts';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  ModelUnavailableError,
  NotFoundError,
  RateLimitedError,
} from '../../app/serving/serving-errors.ts';
import type { ApiRoute, Caller } from './api-route.ts';
import { clientAddress } from './client-address.ts';
import { errorResponse, HttpError, jsonResponse } from './http-response.ts';
import { callerAuthorization, VIEWER_AUTHORIZATION_HEADER } from './viewer-authorization.ts';

export interface RouterOptions {
  routes: readonly ApiRoute[];
  /** Built on first use, so a request that fails validation never touches AWS. */
  context: () => ServingContext;
  /** Browser origins allowed by CORS (exact match). */
  allowedOrigins: readonly string[];
  /** Local mode: http://localhost:* and http://127.0.0.1:* are allowed too. */
  allowLocalhost: boolean;
  /** @default 16 KiB: fifty rated titles fit in a few kilobytes. */
  maxBodyBytes?: number;
  /** Called once per request, e.g. for metrics; `route` is the template or "unmatched". */
  onResponse?: (route: string, status: number) => void;
  /** Unexpected errors (answered as 500 without details). */
  onError?: (error: unknown, route: string) => void;
}

interface CompiledRoute {
  route: ApiRoute;
  pattern: RegExp;
  names: string[];
}

const LOCALHOST = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

/**
 * The API's one Lambda entry: matches the request to a route (404 unknown path, 405 wrong
 * method), checks a bearer token where the route needs one (401), validates path, query and
 * body against the route's schemas (400 with the field, 413, 415), calls its use-case, and maps
 * use-case errors to statuses (400, 403, 404, 409, 429 with Retry-After, 503). Bad input never
 * reaches a use-case, and no error answers with anything but `{"error":{"code","message"}}`.
 * Paths may carry the `/api` prefix CloudFront forwards.
 */
export function createRouter(
  options: RouterOptions,
): (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2> {
  const compiled = options.routes.map(compile);
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;

  const corsHeaders = (event: APIGatewayProxyEventV2): Record<string, string> => {
    const origin = header(event, 'origin');
    if (
      origin === undefined ||
      !(
        options.allowedOrigins.includes(origin) ||
        (options.allowLocalhost && LOCALHOST.test(origin))
      )
    ) {
      return {};
    }
    return {
      'access-control-allow-origin': origin,
      'access-control-expose-headers': 'retry-after',
      vary: 'Origin',
    };
  };

  return async (event) => {
    const method = event.requestContext.http.method.toUpperCase();
    const path = normalisePath(event.rawPath);
    const cors = corsHeaders(event);
    let routeName = 'unmatched';
    let response: APIGatewayProxyStructuredResultV2;
    try {
      const candidates = compiled
        .map((entry) => ({ entry, match: entry.pattern.exec(path) }))
        .filter((candidate) => candidate.match !== null);
      if (candidates.length === 0) {
        throw new HttpError(404, 'route_not_found', `No route ${method} ${path}.`);
      }
      const allowed = [...new Set(candidates.map((c) => c.entry.route.method))];
      if (method === 'OPTIONS') {
        response = preflight(allowed, cors);
      } else {
        const hit = candidates.find(
          (c) =>
            c.entry.route.method === method ||
            (method === 'HEAD' && c.entry.route.method === 'GET'),
        );
        if (hit === undefined) {
          throw new HttpError(
            405,
            'method_not_allowed',
            `${method} is not allowed on ${path}; use ${allowed.join(', ')}.`,
            { allow: allowed.join(', ') },
          );
        }
        const { route, names } = hit.entry;
        routeName = `${route.method} ${route.path}`;
        const caller: Caller = {
          token: bearerToken(event, route),
          address: clientAddress(
            header(event, 'cloudfront-viewer-address'),
            event.requestContext.http.sourceIp,
          ),
        };
        const rawParams = Object.fromEntries(
          names.map((name, i) => [name, decodeSegment(hit.match![i + 1]!)]),
        );
        const input = {
          params: validate(route.params, rawParams, 'path'),
          query: validate(route.query, event.queryStringParameters ?? {}, 'query'),
          body: route.body
            ? validate(route.body, readJsonBody(event, maxBodyBytes), 'body')
            : undefined,
          caller,
        };
        const result = await route.handle(input, options.context());
        response =
          route.status === 204
            ? { statusCode: 204, headers: {}, body: '' }
            : jsonResponse(route.status ?? 200, result);
        response = route.cache === 'shared' ? shared(response, event) : noStore(response);
      }
    } catch (error) {
      const httpError = toHttpError(error);
      if (httpError.status >= 500 && !(error instanceof ModelUnavailableError)) {
        options.onError?.(error, routeName);
      }
      response = errorResponse(httpError);
    }
    response.headers = { ...response.headers, ...cors };
    options.onResponse?.(routeName, response.statusCode ?? 200);
    return response;
  };
}

/**
 * Cache-Control of a `shared` route's answer: CloudFront keeps it for a minute (`s-maxage`), the
 * same bound as the function's model-pointer cache, so a publish reaches every viewer within two
 * minutes; browsers revalidate each use (`max-age=0`) and get a 304 while the ETag holds.
 */
export const SHARED_CACHE_CONTROL = 'public, max-age=0, s-maxage=60';

function noStore(response: APIGatewayProxyStructuredResultV2): APIGatewayProxyStructuredResultV2 {
  return { ...response, headers: { ...response.headers, 'cache-control': 'no-store' } };
}

/**
 * Marks a shared answer cacheable, with an ETag that is a hash of its body, and answers 304 (no
 * body) when `If-None-Match` names that tag (RFC 9110 §13.1.2, weak comparison). A hash rather
 * than the live version: a 304 only ever confirms the very bytes a cache holds, even when the
 * pointer changes between two reads of one request or the answer moves within a version (the
 * dashboard's counter of collected ratings).
 */
function shared(
  response: APIGatewayProxyStructuredResultV2,
  event: APIGatewayProxyEventV2,
): APIGatewayProxyStructuredResultV2 {
  const digest = createHash('sha256')
    .update(response.body ?? '')
    .digest('base64url');
  const etag = `"${digest.slice(0, 27)}"`;
  const headers: Record<string, string | number | boolean> = {
    ...response.headers,
    'cache-control': SHARED_CACHE_CONTROL,
    etag,
  };
  const ifNoneMatch = header(event, 'if-none-match');
  const tags = ifNoneMatch?.split(',').map((tag) => tag.trim().replace(/^W\//, '')) ?? [];
  if (tags.includes(etag) || tags.includes('*')) {
    const { 'content-type': _type, ...rest } = headers;
    return { statusCode: 304, headers: rest, body: '' };
  }
  return { ...response, headers };
}

const BEARER = /^Bearer +(\S+)$/i;

/**
 * The token of the caller's `Authorization: Bearer <token>` on a route that requires one: 401
 * (with `www-authenticate: Bearer`, RFC 6750) when the header is missing or the token is not
 * shaped like a profile token. Other routes ignore the header.
 */
function bearerToken(event: APIGatewayProxyEventV2, route: ApiRoute): string | undefined {
  if (route.bearer !== true) return undefined;
  const value = callerAuthorization(
    header(event, VIEWER_AUTHORIZATION_HEADER),
    header(event, 'authorization'),
  );
  if (value === undefined) {
    throw new HttpError(
      401,
      'unauthorized',
      'Send the profile token as "Authorization: Bearer <token>".',
      { 'www-authenticate': 'Bearer realm="movierec"' },
    );
  }
  const token = BEARER.exec(value.trim())?.[1];
  if (token === undefined || !isWellFormedToken(token)) {
    throw new HttpError(
      401,
      'invalid_token',
      'The Authorization header is not "Bearer <token>" with a profile token (43 base64url characters).',
      { 'www-authenticate': 'Bearer realm="movierec", error="invalid_token"' },
    );
  }
  return token;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(
      400,
      'validation_failed',
      `path: malformed percent-encoding in "${segment}"`,
    );
  }
}

function compile(route: ApiRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param === null) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), names };
}

/** "/api/movies/" → "/movies". */
function normalisePath(rawPath: string): string {
  const path = rawPath.replace(/^\/api(?=\/|$)/, '').replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  // Function URLs lower-case header names; other callers may not.
  const entry = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry?.[1];
}

function preflight(
  allowed: string[],
  cors: Record<string, string>,
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 204,
    headers:
      cors['access-control-allow-origin'] === undefined
        ? {}
        : {
            'access-control-allow-methods': [...allowed, 'OPTIONS'].join(', '),
            // x-amz-content-sha256: the body hash a POST or PUT carries for CloudFront (docs/api.md).
            'access-control-allow-headers': 'authorization, content-type, x-amz-content-sha256',
            'access-control-max-age': '600',
          },
    body: '',
  };
}

function validate(
  schema: z.ZodType | undefined,
  value: unknown,
  where: 'path' | 'query' | 'body',
): unknown {
  if (schema === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const field = [where, ...issue.path.map(String)].join('.');
    return `${field}: ${issue.message}`;
  });
  throw new HttpError(400, 'validation_failed', issues.join('; '));
}

function readJsonBody(event: APIGatewayProxyEventV2, maxBytes: number): unknown {
  const type = header(event, 'content-type');
  if (type === undefined || !/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) {
    throw new HttpError(413, 'payload_too_large', `The body is larger than ${maxBytes} bytes.`);
  }
  if (bytes.byteLength === 0) {
    throw new HttpError(400, 'invalid_json', 'The body is empty; send a JSON object.');
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new HttpError(
      400,
      'invalid_json',
      `The body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof NotFoundError) return new HttpError(404, error.code, error.message);
  if (error instanceof ForbiddenError) return new HttpError(403, error.code, error.message);
  if (error instanceof ConflictError) return new HttpError(409, error.code, error.message);
  if (error instanceof RateLimitedError) {
    return new HttpError(429, error.code, error.message, {
      'retry-after': String(error.retryAfterSeconds),
    });
  }
  if (error instanceof InvalidInputError) {
    const where = error.path === undefined ? '' : `body.${error.path}: `;
    return new HttpError(400, error.code, `${where}${error.message}`);
  }
  if (error instanceof ModelUnavailableError) {
    return new HttpError(503, error.code, error.message, { 'retry-after': '30' });
  }
  return new HttpError(500, 'internal_error', 'Something went wrong on our side; retry later.');
}
