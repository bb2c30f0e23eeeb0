import { BatchWriteItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import type { LocalTable } from './template-tables.ts';

/**
 * DynamoDB's Time to Live for an emulator that has none (dynalite): deletes the items whose
 * TTL attribute (epoch seconds, a Number) lies before `nowSeconds`, as the service does in the
 * background, so superseded model versions do not pile up across local retrains. Returns how
 * many items were deleted; a table without TTL is left alone. An abort stops it between pages.
 */
export async function expireItems(
  client: DynamoDBClient,
  table: LocalTable,
  nowSeconds: number = Math.floor(Date.now() / 1000),
  signal?: AbortSignal,
): Promise<number> {
  if (table.ttlAttribute === undefined) return 0;
  const tableName = table.input.TableName!;
  const keyNames = (table.input.KeySchema ?? []).map((key) => key.AttributeName!);
  const names = Object.fromEntries(keyNames.map((name, i) => [`#k${i}`, name]));
  let deleted = 0;
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ProjectionExpression: Object.keys(names).join(', '),
        FilterExpression: '#ttl < :now',
        ExpressionAttributeNames: { ...names, '#ttl': table.ttlAttribute },
        ExpressionAttributeValues: { ':now': { N: String(nowSeconds) } },
        ...(startKey !== undefined && { ExclusiveStartKey: startKey }),
      }),
    );
    const keys = page.Items ?? [];
    for (let i = 0; i < keys.length; i += 25) {
      await deleteAll(
        client,
        tableName,
        keys.slice(i, i + 25).map((key) => ({ DeleteRequest: { Key: key } })),
      );
    }
    deleted += keys.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined && signal?.aborted !== true);
  return deleted;
}

async function deleteAll(
  client: DynamoDBClient,
  tableName: string,
  requests: WriteRequest[],
): Promise<void> {
  let pending = requests;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    if (attempt > 8) throw new Error(`could not delete ${pending.length} expired items`);
    const result = await client.send(
      new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }),
    );
    pending = result.UnprocessedItems?.[tableName] ?? [];
  }
}
