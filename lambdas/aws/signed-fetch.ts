import { AwsClient } from 'aws4fetch';
import type { AwsCredentials } from './aws-environment.ts';
import { AwsServiceError } from './aws-service-error.ts';

/** The runtime's fetch, or a test's: takes a finished (signed) request. */
export type FetchFunction = (request: Request) => Promise<Response>;

/** Sends one request to an AWS service, signed with Signature Version 4. */
export type SignedFetch = (
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
) => Promise<Response>;

/**
 * SigV4 signing with aws4fetch (Web Crypto, a few KB) instead of the SDK: loading the DynamoDB
 * client alone costs ~170 ms of a cold start. No retries here (aws4fetch's own are bypassed by
 * signing and sending separately): callers retry with throttle-retry. A request that never got an
 * answer (connection refused or reset) is a transient AwsServiceError.
 */
export function createSignedFetch(options: {
  service: 'dynamodb' | 's3';
  region: string;
  credentials: AwsCredentials;
  /** @default globalThis.fetch */
  fetch?: FetchFunction;
}): SignedFetch {
  const client = new AwsClient({
    ...options.credentials,
    service: options.service,
    region: options.region,
  });
  const send = options.fetch ?? ((request: Request) => fetch(request));
  return async (url, init) => {
    const request = await client.sign(url, init);
    try {
      return await send(request);
    } catch (error) {
      throw new AwsServiceError(
        'NetworkingError',
        `${options.service} request to ${new URL(url).host} failed: ${(error as Error).message}`,
        0,
        true,
        { cause: error },
      );
    }
  };
}
