import { AwsServiceError } from './aws-service-error.ts';
import type { NativeItem, WireItem } from './dynamodb-attribute-values.ts';
import { fromWireItem, toWireItem } from './dynamodb-attribute-values.ts';
import type { SignedSend } from './signed-send.ts';

/** Keys and values: plain objects of JS values (a TableKey, a Record). */
type NativeInput = object;

export interface GetItemInput {
  TableName: string;
  Key: NativeInput;
  ConsistentRead?: boolean;
}

export interface BatchGetItemInput {
  RequestItems: Record<string, { Keys: NativeInput[]; ConsistentRead?: boolean }>;
}

export interface BatchGetItemOutput {
  /** Found items per table (missing keys are simply absent). */
  Responses: Record<string, NativeItem[]>;
  /** Keys DynamoDB did not get to (throttling, 16 MB limit): the caller asks again. */
  UnprocessedKeys: Record<string, { Keys: NativeItem[] }>;
}

export interface QueryInput {
  TableName: string;
  KeyConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: NativeInput;
  ScanIndexForward?: boolean;
  ExclusiveStartKey?: NativeInput;
  Limit?: number;
  ConsistentRead?: boolean;
}

export interface QueryOutput {
  Items: NativeItem[];
  /** Present when there is another page: pass it as ExclusiveStartKey. */
  LastEvaluatedKey?: NativeItem;
}

/** The three read operations of DynamoDB the API is granted, with plain JS values. */
export interface DynamoDbReader {
  getItem(input: GetItemInput): Promise<{ Item?: NativeItem }>;
  batchGetItem(input: BatchGetItemInput): Promise<BatchGetItemOutput>;
  query(input: QueryInput): Promise<QueryOutput>;
}

const TARGET_PREFIX = 'DynamoDB_20120810.';

/**
 * DynamoDB's JSON protocol over signed HTTP: POST / with `X-Amz-Target:
 * DynamoDB_20120810.<Operation>` and an `application/x-amz-json-1.0` body. One call per method,
 * no retries: an error answer becomes an AwsServiceError named by its `__type` (so
 * "ProvisionedThroughputExceededException" is recognised as throttling), 5xx marked transient.
 */
export function createDynamoDbReader(options: {
  endpoint: string;
  send: SignedSend;
}): DynamoDbReader {
  const url = `${options.endpoint}/`;

  const call = async <T>(operation: string, body: unknown): Promise<T> => {
    const answer = await options.send(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `${TARGET_PREFIX}${operation}`,
      },
      body: JSON.stringify(body),
    });
    const text = answer.body.toString('utf8');
    if (answer.status < 200 || answer.status >= 300)
      throw dynamoDbError(operation, answer.status, text);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new AwsServiceError(
        'InvalidResponse',
        `DynamoDB ${operation} answered ${answer.status} with a body that is not JSON`,
        answer.status,
        false,
      );
    }
  };

  return {
    async getItem(input) {
      const out = await call<{ Item?: WireItem }>('GetItem', {
        ...input,
        Key: toWireItem(input.Key, 'Key'),
      });
      return out.Item === undefined ? {} : { Item: fromWireItem(out.Item) };
    },

    async batchGetItem(input) {
      const requestItems = Object.fromEntries(
        Object.entries(input.RequestItems).map(([table, request]) => [
          table,
          { ...request, Keys: request.Keys.map((key) => toWireItem(key, 'Keys')) },
        ]),
      );
      const out = await call<{
        Responses?: Record<string, WireItem[]>;
        UnprocessedKeys?: Record<string, { Keys?: WireItem[] }>;
      }>('BatchGetItem', { RequestItems: requestItems });
      const unprocessed: BatchGetItemOutput['UnprocessedKeys'] = {};
      for (const [table, request] of Object.entries(out.UnprocessedKeys ?? {})) {
        const keys = (request.Keys ?? []).map(fromWireItem);
        if (keys.length > 0) unprocessed[table] = { Keys: keys };
      }
      return {
        Responses: Object.fromEntries(
          Object.entries(out.Responses ?? {}).map(([table, items]) => [
            table,
            items.map(fromWireItem),
          ]),
        ),
        UnprocessedKeys: unprocessed,
      };
    },

    async query(input) {
      const out = await call<{ Items?: WireItem[]; LastEvaluatedKey?: WireItem }>('Query', {
        ...input,
        ...(input.ExpressionAttributeValues !== undefined && {
          ExpressionAttributeValues: toWireItem(
            input.ExpressionAttributeValues,
            'ExpressionAttributeValues',
          ),
        }),
        ...(input.ExclusiveStartKey !== undefined && {
          ExclusiveStartKey: toWireItem(input.ExclusiveStartKey, 'ExclusiveStartKey'),
        }),
      });
      return {
        Items: (out.Items ?? []).map(fromWireItem),
        ...(out.LastEvaluatedKey !== undefined && {
          LastEvaluatedKey: fromWireItem(out.LastEvaluatedKey),
        }),
      };
    },
  };
}

/** `{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"…"}` → error. */
function dynamoDbError(operation: string, status: number, text: string): AwsServiceError {
  let type: string | undefined;
  let message: string | undefined;
  try {
    const body = JSON.parse(text) as { __type?: unknown; message?: unknown; Message?: unknown };
    if (typeof body.__type === 'string') type = body.__type.slice(body.__type.lastIndexOf('#') + 1);
    const said = body.message ?? body.Message;
    if (typeof said === 'string') message = said;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const code = type ?? (status >= 500 ? 'InternalServerError' : `HttpStatus${status}`);
  return new AwsServiceError(
    code,
    `DynamoDB ${operation} failed: ${code} (HTTP ${status})${message === undefined ? '' : `: ${message}`}`,
    status,
    status >= 500,
  );
}
