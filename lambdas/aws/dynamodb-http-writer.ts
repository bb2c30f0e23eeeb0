import type { NativeItem, WireItem } from './dynamodb-attribute-values.ts';
import { fromWireItem, toWireItem } from './dynamodb-attribute-values.ts';
import type { DynamoDbCall } from './dynamodb-json-call.ts';
import { createDynamoDbCall } from './dynamodb-json-call.ts';
import type { SignedSend } from './signed-send.ts';

/** A write's condition did not hold: nothing was written (DynamoDB's ConditionalCheckFailed). */
export class ConditionFailedError extends Error {
  override readonly name = 'ConditionFailedError';
}

interface Conditional {
  TableName: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: object;
}

export interface PutItemInput extends Conditional {
  Item: object;
}

export interface UpdateItemInput extends Conditional {
  Key: object;
  UpdateExpression: string;
  ReturnValues?: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
}

export interface DeleteItemInput extends Conditional {
  Key: object;
  ReturnValues?: 'NONE' | 'ALL_OLD';
}

/** The single-item writes the API is granted (on profile items only), with plain JS values. */
export interface DynamoDbWriter {
  putItem(input: PutItemInput): Promise<void>;
  /** `Attributes` as ReturnValues asked for them. */
  updateItem(input: UpdateItemInput): Promise<{ Attributes?: NativeItem }>;
  deleteItem(input: DeleteItemInput): Promise<{ Attributes?: NativeItem }>;
}

/**
 * PutItem, UpdateItem and DeleteItem over DynamoDB's JSON protocol (dynamodb-json-call.ts), so the
 * API still loads no SDK. A failed condition is a ConditionFailedError; other errors are the
 * AwsServiceError of the call (throttling is retried by the caller with throttle-retry).
 */
export function createDynamoDbWriter(options: {
  endpoint: string;
  send: SignedSend;
}): DynamoDbWriter {
  const call = createDynamoDbCall(options);
  const write = async (operation: string, input: Conditional & Record<string, unknown>) => {
    const out = await conditional(call, operation, {
      ...input,
      ...(input.ExpressionAttributeValues !== undefined && {
        ExpressionAttributeValues: toWireItem(
          input.ExpressionAttributeValues,
          'ExpressionAttributeValues',
        ),
      }),
    });
    return out.Attributes === undefined ? {} : { Attributes: fromWireItem(out.Attributes) };
  };
  return {
    async putItem(input) {
      await write('PutItem', { ...input, Item: toWireItem(input.Item, 'Item') });
    },
    updateItem: (input) => write('UpdateItem', { ...input, Key: toWireItem(input.Key, 'Key') }),
    deleteItem: (input) => write('DeleteItem', { ...input, Key: toWireItem(input.Key, 'Key') }),
  };
}

async function conditional(
  call: DynamoDbCall,
  operation: string,
  body: unknown,
): Promise<{ Attributes?: WireItem }> {
  try {
    return await call<{ Attributes?: WireItem }>(operation, body);
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') {
      throw new ConditionFailedError(`DynamoDB ${operation}: the condition did not hold`, {
        cause: error,
      });
    }
    throw error;
  }
}
