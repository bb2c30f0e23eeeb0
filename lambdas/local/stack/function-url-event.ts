import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2, LambdaFunctionURLEvent } from 'aws-lambda';

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

/** The function URL the local server pretends to be, for `requestContext`. */
export interface FunctionUrlIdentity {
  /** The URL's id, the first label of its host name. */
  urlId: string;
  accountId: string;
  /** `<urlId>.lambda-url.<region>.on.aws` */
  domainName: string;
}

/** Lambda's limit on a function URL's request body (buffered invoke mode). */
export const MAX_REQUEST_BODY_BYTES = 6 * 1024 * 1024;

/** Lambda's limit on a synchronous response; a larger one is an error answer. */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

/** Content types a function URL passes as text; any other body arrives base64-encoded. */
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
 * The event a function URL hands its function, payload format 2.0: header names lower-cased
 * and repeats joined with commas, cookies moved out of the headers into `cookies`, query
 * parameters decoded with repeats joined with commas, the route key `$default` and no path
 * parameters (the router matches paths itself), and the body as text or base64 by content type.
 */
export function toFunctionUrlEvent(
  request: LocalHttpRequest,
  url: FunctionUrlIdentity,
  now: Date = new Date(),
): LambdaFunctionURLEvent {
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
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
    requestContext: {
      accountId: url.accountId,
      apiId: url.urlId,
      domainName: url.domainName,
      domainPrefix: url.urlId,
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: '$default',
      stage: '$default',
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

/** The answer when the function fails, times out or returns something Lambda cannot use. */
export const INTERNAL_SERVER_ERROR: LocalHttpResponse = {
  statusCode: 500,
  headers: [['content-type', 'application/json']],
  body: Buffer.from('{"message":"Internal Server Error"}'),
};

/**
 * What a function URL makes of its function's result (payload 2.0): a structured result as given (cookies
 * become Set-Cookie headers, a base64 body is decoded); anything without a `statusCode` is
 * taken as the body of a 200 JSON response (a string as is, any other value as JSON).
 */
export function fromFunctionUrlResult(result: unknown): LocalHttpResponse {
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
