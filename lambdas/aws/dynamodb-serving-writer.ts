import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ServingItem, ServingWriter } from '../app/pipeline/serving-writer.ts';
import type { TableKey } from '../app/serving/serving-keys.ts';
import { TTL_ATTRIBUTE } from '../app/serving/serving-keys.ts';

/** UpdateItem calls in flight at once when expiring a version's items. */
const EXPIRE_CONCURRENCY = 16;

const conditionFailed = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException ||
  (error as Error).name === 'ConditionalCheckFailedException';

/**
 * The serving store on the DynamoDB table (docs/architecture.md §5). Throttled batch items come
 * back as UnprocessedItems for writeItems to retry with backoff; the SDK's own retries cover
 * throttled single calls.
 */
export class DynamoServingWriter implements ServingWriter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(key: TableKey): Promise<Record<string, unknown> | undefined> {
    const response = await this.client.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: key.pk, sk: key.sk },
        ConsistentRead: true,
      }),
    );
    return response.Item;
  }

  async put(item: ServingItem): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.table, Item: item }));
  }

  async putIfVersion(item: ServingItem, expectedVersion: string | null): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: item,
          ...(expectedVersion === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async batchPut(items: readonly ServingItem[]): Promise<ServingItem[]> {
    if (items.length === 0) return [];
    const response = await this.client.send(
      new BatchWriteCommand({
        RequestItems: { [this.table]: items.map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
    return (response.UnprocessedItems?.[this.table] ?? []).flatMap((request) =>
      request.PutRequest?.Item ? [request.PutRequest.Item as ServingItem] : [],
    );
  }

  async expire(keys: readonly TableKey[], expiresAt: number): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < keys.length) {
        const key = keys[next++]!;
        try {
          await this.client.send(
            new UpdateCommand({
              TableName: this.table,
              Key: { pk: key.pk, sk: key.sk },
              UpdateExpression: 'SET #ttl = :at',
              // Never create an item that was not written (e.g. a shard that failed).
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
              ExpressionAttributeValues: { ':at': expiresAt },
            }),
          );
        } catch (error) {
          if (!conditionFailed(error)) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: EXPIRE_CONCURRENCY }, worker));
  }
}
