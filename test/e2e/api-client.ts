import { inject } from 'vitest';
import { expect } from 'vitest';
import type * as z from 'zod';
import {
  CONTENT_SHA256_HEADER,
  payloadSha256,
} from '../../lambdas/local/stack/origin-access-control.ts';
import { pacerFromEnvironment } from './request-pacer.ts';

/** One HTTP exchange with the API under test, body read once as text and (when it is) JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface CallOptions {
  body?: string;
  headers?: Record<string, string>;
  /**
   * x-amz-content-sha256 of a POST or PUT: by default the hash of the body, as CloudFront's
   * origin access control for the function URL requires (docs/api.md); null sends none.
   */
  contentSha256?: string | null;
  signal?: AbortSignal;
}

const SIGNED_BODY_METHODS = new Set(['POST', 'PUT']);

/** Keeps the suite below a deployment's reserved API concurrency (docs/testing.md). */
const pacer = pacerFromEnvironment(process.env.MOVIEREC_E2E_RPS);

/**
 * `path` is relative to the API base (`/movies/1`), the same on every deployment. Requests are
 * paced by `MOVIEREC_E2E_RPS` when it is set. A POST or PUT carries the SHA-256 of its body.
 */
export async function call(
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  await pacer?.take();
  const contentSha256 = SIGNED_BODY_METHODS.has(method.toUpperCase())
    ? options.contentSha256 === undefined
      ? payloadSha256(options.body ?? '')
      : options.contentSha256
    : null;
  const response = await fetch(`${inject('apiUrl')}${path}`, {
    method,
    ...(options.body !== undefined && { body: options.body }),
    headers: {
      ...(contentSha256 !== null && { [CONTENT_SHA256_HEADER]: contentSha256 }),
      ...options.headers,
    },
    ...(options.signal !== undefined && { signal: options.signal }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export const get = (path: string, options?: CallOptions): Promise<Answer> =>
  call('GET', path, options);

export const postJson = (path: string, body: unknown, options?: CallOptions): Promise<Answer> =>
  call('POST', path, {
    ...options,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...options?.headers },
  });

/** The 200 body of `answer`, checked against the route's documented response schema. */
export function ok<S extends z.ZodType>(answer: Answer, schema: S): z.infer<S> {
  expect(answer.status, answer.text).toBe(200);
  const parsed = schema.safeParse(answer.json);
  if (!parsed.success) {
    throw new Error(`the body does not match its schema: ${parsed.error.message}\n${answer.text}`);
  }
  return parsed.data;
}

/** `answer` is an error with `status` and exactly the body `{"error":{"code","message"}}`. */
export function expectError(answer: Answer, status: number, code?: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(answer.json).toEqual({
    error: { code: code ?? expect.any(String), message: expect.any(String) },
  });
  const { error } = answer.json as { error: { code: string; message: string } };
  expect(error.code).toMatch(/^[a-z_]+$/);
  expect(error.message.length).toBeGreaterThan(0);
}
