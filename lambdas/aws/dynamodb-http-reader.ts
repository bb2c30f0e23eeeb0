import type { NativeItem, WireItem } from './dynamodb-attribute-values.ts';
import { fromWireItem, toWireItem } from './dynamodb-attribute-values.ts';
import { createDynamoDbCall } from './dynamodb-json-call.ts';
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
  ProjectionExpression?: string;
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

/**
 * The three reads over DynamoDB's JSON protocol (dynamodb-json-call.ts): one call per method, no
 * retries (callers retry with throttle-retry).
 */
export function createDynamoDbReader(options: {
  endpoint: string;
  send: SignedSend;
}): DynamoDbReader {
  const call = createDynamoDbCall(options);
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
