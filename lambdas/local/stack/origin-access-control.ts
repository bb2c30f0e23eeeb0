import { createHash } from 'node:crypto';
import type { LocalHttpRequest, LocalHttpResponse } from './function-url-event.ts';

/** The header that carries a body's SHA-256, as SigV4 and origin access control name it. */
export const CONTENT_SHA256_HEADER = 'x-amz-content-sha256';

/** Methods whose body origin access control cannot sign itself (docs/api.md). */
const BODY_METHODS = new Set(['POST', 'PUT']);

/** The lower-case hex SHA-256 of `body`: the value of x-amz-content-sha256. */
export function payloadSha256(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * What Lambda makes of a POST or PUT that CloudFront signed for an IAM-only function URL: origin
 * access control signs the payload hash the viewer sent in x-amz-content-sha256 and never
 * computes one, and Lambda takes no unsigned payload, so a request without the header, or with
 * a hash that is not its body's, is refused with 403 before the function runs. Undefined when
 * the request may go on. The answer names the header, so a client that forgets it learns why.
 */
export function refuseUnsignedPayload(request: LocalHttpRequest): LocalHttpResponse | undefined {
  if (!BODY_METHODS.has(request.method.toUpperCase())) return undefined;
  const sent = headerValues(request, CONTENT_SHA256_HEADER);
  const expected = payloadSha256(request.body);
  if (sent.length === 1 && sent[0]!.trim().toLowerCase() === expected) return undefined;
  const [code, message] =
    sent.length === 0
      ? [
          'missing_content_sha256',
          `${request.method.toUpperCase()} requests must carry ${CONTENT_SHA256_HEADER}: the hex SHA-256 of the body (of the empty string without one).`,
        ]
      : [
          'content_sha256_mismatch',
          `${CONTENT_SHA256_HEADER} is not the hex SHA-256 of the body (${request.body.length} bytes): send ${expected}.`,
        ];
  return {
    statusCode: 403,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(JSON.stringify({ error: { code, message } })),
  };
}

/**
 * The request as CloudFront forwards it to the function URL with origin access control: the
 * viewer's Host replaced by the URL's own (the origin request policy leaves Host out) and its
 * `Authorization` overwritten by CloudFront's SigV4 signature (signing behaviour "always"), so
 * a bearer token only reaches the function where a viewer-request function moved it aside.
 */
export function signedForFunctionUrl(
  request: LocalHttpRequest,
  urlHost: string,
  now: Date = new Date(),
): LocalHttpRequest {
  const kept: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    if (name === 'host' || name === 'authorization' || name === 'x-amz-date') continue;
    kept.push(request.rawHeaders[i]!, request.rawHeaders[i + 1]!);
  }
  const date = now.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const region = /\.lambda-url\.([a-z0-9-]+)\./.exec(urlHost)?.[1] ?? 'us-east-1';
  const signature = [
    `AWS4-HMAC-SHA256 Credential=ASIALOCALCLOUDFRONT/${date.slice(0, 8)}/${region}/lambda/aws4_request`,
    'SignedHeaders=host;x-amz-content-sha256;x-amz-date',
    `Signature=${payloadSha256(`${request.method} ${request.url} ${date}`)}`,
  ].join(', ');
  return {
    ...request,
    rawHeaders: ['host', urlHost, 'x-amz-date', date, 'authorization', signature, ...kept],
  };
}

function headerValues(request: LocalHttpRequest, name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i]!.toLowerCase() === name) values.push(request.rawHeaders[i + 1]!);
  }
  return values;
}
