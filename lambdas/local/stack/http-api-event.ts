import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** One HTTP request as the local server received it. */
export interface LocalHttpRequest {
  method: string;
  /** Path and query exactly as sent, e.g. `/api/movies?query=heat`. */
  url: string;
  /** Node's `rawHeaders`: name, value, name, value… with repeats and original case. */
  rawHeaders: readonly string[];
  body: Buffer;
  sourceIp: string;
}

/** A route of the HTTP API: its RouteKey (`GET /movies/{id}`, `ANY /x/{proxy+}`, `$default`). */
export interface HttpApiRoute {
  routeKey: string;
}

export interface RouteMatch<R extends HttpApiRoute> {
  route: R;
  pathParameters?: Record<string, string>;
}

/** The API the local server pretends to be, for `requestContext`. */
export interface HttpApiIdentity {
  apiId: string;
  accountId: string;
  domainName: string;
  stage: string;
}

/** API Gateway's limit on a request body; larger bodies never reach the integration. */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;

/** Lambda's limit on a synchronous response; API Gateway answers 500 above it. */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

/**
 * API Gateway's route selection, most specific first: the route with the most literal segments,
 * then one without a greedy `{proxy+}`, then an exact method over `ANY`; `$default` when
 * nothing matches. Paths
 * are compared as received, so `/api/health` (what CloudFront's `/api/*` behaviour forwards)
 * only matches a route written with the `/api` prefix.
 */
export function matchRoute<R extends HttpApiRoute>(
  routes: readonly R[],
  method: string,
  path: string,
): RouteMatch<R> | undefined {
  const segments = path.split('/').slice(1);
  let best: { match: RouteMatch<R>; score: number } | undefined;
  for (const route of routes) {
    if (route.routeKey === '$default') continue;
    const space = route.routeKey.indexOf(' ');
    const routeMethod = route.routeKey.slice(0, space);
    if (routeMethod !== 'ANY' && routeMethod !== method.toUpperCase()) continue;
    const params = matchPath(
      route.routeKey
        .slice(space + 1)
        .split('/')
        .slice(1),
      segments,
    );
    if (params === undefined) continue;
    const score =
      params.literals * 1_000_000 +
      (params.greedy ? 0 : 1) * 1000 +
      (routeMethod === 'ANY' ? 0 : 100) -
      Object.keys(params.values).length;
    if (best === undefined || score > best.score) {
      best = {
        score,
        match: {
          route,
          ...(Object.keys(params.values).length > 0 && { pathParameters: params.values }),
        },
      };
    }
  }
  if (best !== undefined) return best.match;
  const fallback = routes.find((route) => route.routeKey === '$default');
  return fallback === undefined ? undefined : { route: fallback };
}

function matchPath(
  template: readonly string[],
  segments: readonly string[],
): { values: Record<string, string>; literals: number; greedy: boolean } | undefined {
  const values: Record<string, string> = {};
  let literals = 0;
  for (let i = 0; i < template.length; i++) {
    const part = template[i]!;
    const greedy = /^\{(\w+)\+\}$/.exec(part);
    if (greedy !== null) {
      if (i !== template.length - 1 || segments.length <= i) return undefined;
      values[greedy[1]!] = decode(segments.slice(i).join('/'));
      return { values, literals, greedy: true };
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    const param = /^\{(\w+)\}$/.exec(part);
    if (param !== null) {
      if (segment === '') return undefined;
      values[param[1]!] = decode(segment);
    } else if (part === segment) {
      literals++;
    } else {
      return undefined;
    }
  }
  return segments.length === template.length ? { values, literals, greedy: false } : undefined;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Content types API Gateway passes as text; any other body arrives base64-encoded. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType === '') return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    /^application\/(json|xml|javascript|x-www-form-urlencoded|graphql)$/.test(type) ||
    /\+(json|xml)$/.test(type)
  );
}

/**
 * The payload-format-2.0 event API Gateway's HTTP API hands a Lambda integration: header names
 * lower-cased and repeats joined with commas, cookies moved out of the headers into `cookies`,
 * query parameters decoded with repeats joined with commas, path parameters from the route
 * template, and the body as text or base64 by content type.
 */
export function toHttpApiEvent(
  request: LocalHttpRequest,
  match: RouteMatch<HttpApiRoute>,
  api: HttpApiIdentity,
  now: Date = new Date(),
): APIGatewayProxyEventV2 {
  const queryAt = request.url.indexOf('?');
  const rawPath = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : request.url.slice(queryAt + 1);

  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    const value = request.rawHeaders[i + 1]!;
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter((c) => c !== ''),
      );
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  headers['x-forwarded-for'] ??= request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['content-length'] ??= String(request.body.length);
  if (request.body.length === 0) delete headers['content-length'];

  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
  }

  const requestId = randomUUID();
  const method = request.method.toUpperCase();
  const hasBody = request.body.length > 0;
  const text = isTextContentType(headers['content-type']);
  return {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
    ...(match.pathParameters !== undefined && { pathParameters: match.pathParameters }),
    requestContext: {
      accountId: api.accountId,
      apiId: api.apiId,
      domainName: api.domainName,
      domainPrefix: api.domainName.split('.')[0]!,
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: match.route.routeKey,
      stage: api.stage,
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    ...(hasBody && {
      body: text ? request.body.toString('utf8') : request.body.toString('base64'),
    }),
    isBase64Encoded: hasBody && !text,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `21/Nov/2026:21:30:36 +0000`, the format of `requestContext.time` (no Intl: it is per request). */
function clfTime(at: Date): string {
  const month = MONTHS[at.getUTCMonth()]!;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(at.getUTCDate())}/${month}/${at.getUTCFullYear()}:${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} +0000`;
}

/** An HTTP response ready to write: headers as name/value pairs (set-cookie may repeat). */
export interface LocalHttpResponse {
  statusCode: number;
  headers: [string, string][];
  body: Buffer;
}

/** API Gateway's own answer when the integration fails or returns something it cannot use. */
export const INTERNAL_SERVER_ERROR: LocalHttpResponse = {
  statusCode: 500,
  headers: [['content-type', 'application/json']],
  body: Buffer.from('{"message":"Internal Server Error"}'),
};

/**
 * What API Gateway makes of a payload-2.0 Lambda result: a structured result as given (cookies
 * become Set-Cookie headers, a base64 body is decoded); anything without a `statusCode` is
 * taken as the body of a 200 JSON response (a string as is, any other value as JSON).
 */
export function fromHttpApiResult(result: unknown): LocalHttpResponse {
  if (result === undefined || result === null) {
    return {
      statusCode: 200,
      headers: [['content-type', 'application/json']],
      body: Buffer.alloc(0),
    };
  }
  if (typeof result !== 'object' || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return {
      statusCode: 200,
      headers: [['content-type', 'application/json']],
      body: Buffer.from(body, 'utf8'),
    };
  }
  const structured = result as APIGatewayProxyStructuredResultV2;
  const statusCode = Number(structured.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return INTERNAL_SERVER_ERROR;
  }
  const headers: [string, string][] = Object.entries(structured.headers ?? {}).map(
    ([name, value]) => [name.toLowerCase(), String(value)],
  );
  for (const cookie of structured.cookies ?? []) headers.push(['set-cookie', cookie]);
  const raw = structured.body ?? '';
  const body = structured.isBase64Encoded === true ? Buffer.from(raw, 'base64') : Buffer.from(raw);
  if (body.length > MAX_RESPONSE_BYTES) return INTERNAL_SERVER_ERROR;
  return { statusCode, headers, body };
}
