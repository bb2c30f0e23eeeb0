import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Every error the API answers has this body: `{"error":{"code","message"}}`. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export const errorResponse = (error: HttpError): APIGatewayProxyStructuredResultV2 =>
  jsonResponse(
    error.status,
    { error: { code: error.code, message: error.message } },
    { 'cache-control': 'no-store', ...error.headers },
  );
