import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { LocalHttpRequest, LocalHttpResponse } from './function-url-event.ts';
import { MAX_REQUEST_BODY_BYTES } from './function-url-event.ts';
import type { ExecutionInput, LocalExecutions } from './local-executions.ts';

const EXECUTIONS = '/_local/pipeline/executions';

export interface LocalServerOptions {
  /** The paths the distribution sends to the API's function URL (`/api/*`). */
  isApiPath: (path: string) => boolean;
  /** The API's function URL: receives `/api/...` paths as CloudFront forwards them. */
  api: (request: LocalHttpRequest) => Promise<LocalHttpResponse>;
  /** Everything outside `/api` and `/_local`: the web app. */
  site: (req: IncomingMessage, res: ServerResponse) => void;
  executions: LocalExecutions;
  onError?: (error: unknown) => void;
}

/**
 * The local front door, in the distribution's place: its API paths to the function URL (with
 * CloudFront-Viewer-Address set, as CloudFront sets it), everything else to the web app, plus the loopback-only `/_local/pipeline/executions`
 * endpoints that start and watch pipeline runs (the local stand-in for StartExecution).
 */
export function createLocalServer(options: LocalServerOptions): Server {
  return createServer((req, res) => {
    handle(req, res, options).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error\n');
    });
  });
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: LocalServerOptions,
): Promise<void> {
  const url = req.url ?? '/';
  const path = url.split('?')[0]!;
  if (options.isApiPath(path)) {
    const body = await readBody(req, MAX_REQUEST_BODY_BYTES);
    if (body === undefined) {
      send(res, {
        statusCode: 413,
        headers: [['content-type', 'application/json; charset=utf-8']],
        body: Buffer.from(
          JSON.stringify({
            error: {
              code: 'payload_too_large',
              message: `The request body is larger than a function URL's limit of ${MAX_REQUEST_BODY_BYTES} bytes.`,
            },
          }),
        ),
      });
      return;
    }
    const sourceIp = clientIp(req);
    const response = await options.api({
      method: req.method ?? 'GET',
      url,
      rawHeaders: withViewerAddress(req.rawHeaders, sourceIp, req.socket.remotePort ?? 0),
      body,
      sourceIp,
    });
    send(res, response);
    return;
  }
  if (path === EXECUTIONS || path.startsWith(`${EXECUTIONS}/`)) {
    await executions(req, res, path, options.executions);
    return;
  }
  options.site(req, res);
}

async function executions(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  registry: LocalExecutions,
): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) {
    json(res, 403, { error: { code: 'forbidden', message: 'Loopback callers only.' } });
    return;
  }
  if (path === EXECUTIONS) {
    if (req.method !== 'POST') {
      json(
        res,
        405,
        { error: { code: 'method_not_allowed', message: 'Use POST.' } },
        { allow: 'POST' },
      );
      return;
    }
    const raw = await readBody(req, 64 * 1024);
    let input: ExecutionInput;
    try {
      input = parseExecutionInput(
        raw === undefined || raw.length === 0 ? '{}' : raw.toString('utf8'),
      );
    } catch (error) {
      json(res, 400, { error: { code: 'invalid_input', message: (error as Error).message } });
      return;
    }
    json(res, 202, { executionId: registry.start(input) });
    return;
  }
  if (req.method !== 'GET') {
    json(
      res,
      405,
      { error: { code: 'method_not_allowed', message: 'Use GET.' } },
      { allow: 'GET' },
    );
    return;
  }
  const id = decodeURIComponent(path.slice(EXECUTIONS.length + 1));
  const status = registry.get(id);
  if (status === undefined) {
    json(res, 404, { error: { code: 'execution_not_found', message: `No execution ${id}.` } });
    return;
  }
  json(res, 200, {
    status: status.status,
    ...(status.error !== undefined && { error: status.error }),
    ...(status.cause !== undefined && { cause: status.cause }),
  });
}

/** `{"force"?: boolean, "dataset"?: string}`, nothing else. */
export function parseExecutionInput(text: string): ExecutionInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('The body is not JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('The body must be a JSON object.');
  }
  const { force, dataset, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new Error(`Unknown field(s): ${unknown.join(', ')}.`);
  if (force !== undefined && typeof force !== 'boolean')
    throw new Error('force must be a boolean.');
  if (dataset !== undefined && (typeof dataset !== 'string' || dataset === '')) {
    throw new Error('dataset must be a non-empty string.');
  }
  return {
    ...(force !== undefined && { force }),
    ...(dataset !== undefined && { dataset }),
  };
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function clientIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * The headers with CloudFront-Viewer-Address ("ip:port", IPv6 unbracketed) set to the caller's
 * own, replacing any it sent: CloudFront adds the header itself and the `/api/*` origin request
 * policy forwards it.
 */
function withViewerAddress(rawHeaders: readonly string[], ip: string, port: number): string[] {
  const headers: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === 'cloudfront-viewer-address') continue;
    headers.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  headers.push('cloudfront-viewer-address', `${ip}:${port}`);
  return headers;
}

/** The whole body, or undefined once it exceeds `limit` (the rest is drained, not kept). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: LocalHttpResponse): void {
  res.statusCode = response.statusCode;
  const grouped = new Map<string, string[]>();
  for (const [name, value] of response.headers) {
    grouped.set(name, [...(grouped.get(name) ?? []), value]);
  }
  for (const [name, values] of grouped) {
    res.setHeader(name, values.length === 1 ? values[0]! : values);
  }
  res.setHeader('content-length', response.body.length);
  res.end(response.body);
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
