import aws4 from 'aws4';
import type { AwsCredentials } from './aws-environment.ts';
import { AwsServiceError } from './aws-service-error.ts';
import type { HttpAnswer, HttpSend } from './http-send.ts';
import { createNodeHttpSend } from './http-send.ts';

/** Sends one request to an AWS service, signed with Signature Version 4, and reads the answer. */
export type SignedSend = (
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
) => Promise<HttpAnswer>;

/**
 * SigV4 signing with aws4 (node:crypto, synchronous, a few KB) instead of the SDK: loading the
 * DynamoDB client alone costs ~170 ms of a cold start. aws4 caches the derived signing key per
 * day, region and service. S3 requests carry `x-amz-content-sha256: UNSIGNED-PAYLOAD` (only GETs
 * are sent). No retries here: callers retry with throttle-retry. A request that never got an
 * answer (connection refused or reset, timeout) is a transient AwsServiceError.
 */
export function createSignedSend(options: {
  service: 'dynamodb' | 's3' | 'secretsmanager';
  region: string;
  credentials: AwsCredentials;
  /** @default node:http with keep-alive */
  send?: HttpSend;
}): SignedSend {
  const send = options.send ?? createNodeHttpSend();
  return async (url, init) => {
    const { host, pathname, search } = new URL(url);
    const signed = aws4.sign(
      {
        host,
        path: `${pathname}${search}`,
        method: init.method,
        service: options.service,
        region: options.region,
        headers: {
          ...init.headers,
          ...(options.service === 's3' && { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }),
        },
        ...(init.body !== undefined && { body: init.body }),
      },
      options.credentials,
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(signed.headers ?? {})) {
      headers[name.toLowerCase()] = String(value);
    }
    try {
      return await send({
        url,
        method: init.method,
        headers,
        ...(init.body !== undefined && { body: init.body }),
      });
    } catch (error) {
      throw new AwsServiceError(
        'NetworkingError',
        `${options.service} request to ${host} failed: ${(error as Error).message}`,
        0,
        true,
        { cause: error },
      );
    }
  };
}
