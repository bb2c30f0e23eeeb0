import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { HttpAnswer, HttpSend } from '../../../lambdas/aws/http-send.ts';

/** One request the fake received, decoded. */
export interface FakeRequest {
  service: 'dynamodb' | 's3';
  /** DynamoDB operation (from X-Amz-Target), or "GetObject". */
  operation: string;
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | undefined;
}

/** A canned answer: the status and the body as DynamoDB or S3 would send it. */
export interface CannedResponse {
  status: number;
  body: string;
}

export interface FakeAws {
  send: HttpSend;
  /** Table items by "pk|sk", native values (each with its pk and sk). */
  items: Map<string, Record<string, unknown>>;
  /** Objects by "bucket/key". */
  objects: Map<string, Uint8Array>;
  requests: FakeRequest[];
  /** Answers the next `times` requests of `operation` with `response` instead. */
  failNext(operation: string, response: CannedResponse, times?: number): void;
  /** The next BatchGetItem leaves its last `count` keys unprocessed. */
  leaveUnprocessed(count: number): void;
  /** Items per Query page (DynamoDB pages at 1 MB; tests force small pages). */
  queryPageSize: number;
}

export const dynamoDbErrorBody = (type: string, message: string): CannedResponse => ({
  status: 400,
  body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }),
});

export const s3ErrorBody = (status: number, code: string, message: string): CannedResponse => ({
  status,
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>R1</RequestId></Error>`,
});

/** JSON as DynamoDB sends it: binary attributes as base64. */
const wireJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
    const maybeBuffer = v as { type?: unknown; data?: unknown } | null;
    if (maybeBuffer?.type === 'Buffer' && Array.isArray(maybeBuffer.data)) {
      return Buffer.from(maybeBuffer.data as number[]).toString('base64');
    }
    return v;
  });

const answer = (status: number, body: string | Uint8Array): HttpAnswer => ({
  status,
  body: Buffer.from(body),
});

const toWire = (item: Record<string, unknown>) =>
  marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: false });

/**
 * DynamoDB (GetItem, BatchGetItem, Query) and S3 (GetObject) behind an HttpSend, answering
 * as the real services do on the wire, with @aws-sdk/util-dynamodb (not the code under test)
 * converting items. Rejects unsigned requests, so the signing path is exercised too.
 */
export function createFakeAws(options: { table?: string } = {}): FakeAws {
  const table = options.table ?? 'Serving';
  const items = new Map<string, Record<string, unknown>>();
  const objects = new Map<string, Uint8Array>();
  const requests: FakeRequest[] = [];
  const canned: { operation: string; response: CannedResponse }[] = [];
  let unprocessed = 0;

  const fake: FakeAws = {
    items,
    objects,
    requests,
    queryPageSize: 1000,
    failNext(operation, response, times = 1) {
      for (let i = 0; i < times; i++) canned.push({ operation, response });
    },
    leaveUnprocessed(count) {
      unprocessed = count;
    },
    async send(request) {
      const url = new URL(request.url);
      const service = url.hostname.startsWith('dynamodb.') ? 'dynamodb' : 's3';
      const authorization = request.headers.authorization ?? '';
      if (
        !new RegExp(
          `^AWS4-HMAC-SHA256 Credential=\\w+/\\d{8}/[a-z0-9-]+/${service}/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`,
        ).test(authorization)
      ) {
        return answer(403, 'unsigned');
      }
      const target = request.headers['x-amz-target'] ?? '';
      const operation =
        service === 'dynamodb' ? target.replace(/^DynamoDB_20120810\./, '') : 'GetObject';
      const text = service === 'dynamodb' ? (request.body ?? '') : '';
      const body = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
      requests.push({ service, operation, url: request.url, headers: request.headers, body });
      const index = canned.findIndex((entry) => entry.operation === operation);
      if (index >= 0) {
        const { response } = canned.splice(index, 1)[0]!;
        return answer(response.status, response.body);
      }
      if (service === 's3') {
        const bucket = url.hostname.split('.s3.')[0]!;
        const bytes = objects.get(`${bucket}/${decodeURIComponent(url.pathname.slice(1))}`);
        return bytes === undefined
          ? answer(404, s3ErrorBody(404, 'NoSuchKey', 'The specified key does not exist.').body)
          : answer(200, bytes);
      }
      if (request.headers['content-type'] !== 'application/x-amz-json-1.0') {
        return answer(400, '{"__type":"SerializationException"}');
      }
      const json = (value: unknown) => answer(200, wireJson(value));
      const keyOf = (wire: unknown): string => {
        const key = unmarshall(wire as Parameters<typeof unmarshall>[0]);
        return `${String(key.pk)}|${String(key.sk)}`;
      };
      const tables =
        operation === 'BatchGetItem'
          ? Object.keys((body?.RequestItems ?? {}) as object)
          : [body?.TableName];
      if (tables.some((name) => name !== table)) {
        return answer(
          400,
          wireJson({
            __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
            message: 'Requested resource not found',
          }),
        );
      }
      switch (operation) {
        case 'GetItem': {
          const item = items.get(keyOf(body?.Key));
          return json(item === undefined ? {} : { Item: toWire(item) });
        }
        case 'BatchGetItem': {
          const request = (body?.RequestItems as Record<string, { Keys: unknown[] }>)[table]!;
          if (request.Keys.length > 100) {
            return answer(
              400,
              wireJson({ __type: 'ValidationException', message: 'Too many items' }),
            );
          }
          const served = request.Keys.slice(0, request.Keys.length - unprocessed);
          const left = request.Keys.slice(served.length);
          unprocessed = 0;
          return json({
            Responses: {
              [table]: served.flatMap((key) => {
                const item = items.get(keyOf(key));
                return item === undefined ? [] : [toWire(item)];
              }),
            },
            UnprocessedKeys: left.length === 0 ? {} : { [table]: { Keys: left } },
          });
        }
        case 'Query': {
          const values = unmarshall(
            body?.ExpressionAttributeValues as Parameters<typeof unmarshall>[0],
          );
          if (body?.KeyConditionExpression !== 'pk = :pk AND begins_with(sk, :prefix)') {
            throw new Error(
              `unsupported KeyConditionExpression ${String(body?.KeyConditionExpression)}`,
            );
          }
          const matching = [...items.values()]
            .filter(
              (item) => item.pk === values[':pk'] && String(item.sk).startsWith(values[':prefix']),
            )
            .sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
          if (body?.ScanIndexForward === false) matching.reverse();
          let start = 0;
          if (body?.ExclusiveStartKey !== undefined) {
            const after = keyOf(body.ExclusiveStartKey);
            start =
              matching.findIndex((item) => `${String(item.pk)}|${String(item.sk)}` === after) + 1;
          }
          const limit = Math.min(fake.queryPageSize, Number(body?.Limit ?? Infinity));
          const page = matching.slice(start, start + limit);
          const last = page.at(-1);
          return json({
            Items: page.map(toWire),
            Count: page.length,
            ...(start + limit < matching.length &&
              last !== undefined && { LastEvaluatedKey: toWire({ pk: last.pk, sk: last.sk }) }),
          });
        }
        default:
          return answer(400, wireJson({ __type: 'UnknownOperationException', message: operation }));
      }
    },
  };
  return fake;
}
