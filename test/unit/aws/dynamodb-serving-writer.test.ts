import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ServingItem } from '../../../lambdas/app/pipeline/serving-writer.ts';
import { writeItems } from '../../../lambdas/app/pipeline/write-items.ts';
import { DynamoServingWriter } from '../../../lambdas/aws/dynamodb-serving-writer.ts';

const TABLE = 'serving';
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const ddb = mockClient(documentClient);
const store = new DynamoServingWriter(documentClient, TABLE);

const items = (n: number): ServingItem[] =>
  Array.from({ length: n }, (_, i) => ({ pk: `USER#${i}`, sk: 'RECS#v2', userId: i }));

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

beforeEach(() => ddb.reset());

describe('DynamoServingWriter', () => {
  it('retries UnprocessedItems with exponential backoff until all are written', async () => {
    const batch = items(25);
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({
        UnprocessedItems: { [TABLE]: batch.slice(20).map((Item) => ({ PutRequest: { Item } })) },
      })
      .resolvesOnce({
        UnprocessedItems: { [TABLE]: batch.slice(23).map((Item) => ({ PutRequest: { Item } })) },
      })
      .resolves({ UnprocessedItems: {} });
    const delays: number[] = [];
    const sleep = (ms: number) => {
      delays.push(ms);
      return Promise.resolve();
    };
    await writeItems(store, batch, { sleep, baseDelayMs: 100 });

    const calls = ddb.commandCalls(BatchWriteCommand);
    expect(calls.map((call) => call.args[0].input.RequestItems![TABLE]!.length)).toEqual([
      25, 5, 2,
    ]);
    expect(
      calls[2]!.args[0].input.RequestItems![TABLE]!.map((r) => r.PutRequest!.Item!.userId),
    ).toEqual([23, 24]);
    expect(delays).toEqual([100, 200]);
  });

  it('flips the pointer with one conditional PutItem naming the expected version', async () => {
    ddb.on(PutCommand).resolves({});
    const pointer = { pk: 'MODEL', sk: 'CURRENT', version: 'v2', metrics: {}, publishedAt: 't' };
    expect(await store.putIfVersion(pointer, 'v1')).toBe(true);
    const input = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      TableName: TABLE,
      Item: pointer,
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': 'v1' },
    });
    expect(await store.putIfVersion(pointer, null)).toBe(true);
    expect(ddb.commandCalls(PutCommand)[1]!.args[0].input.ConditionExpression).toBe(
      'attribute_not_exists(pk)',
    );
  });

  it('reports a failed condition as false and rethrows other errors', async () => {
    ddb.on(PutCommand).rejectsOnce(conditionFailed()).rejectsOnce(new Error('boom'));
    const pointer = { pk: 'MODEL', sk: 'CURRENT', version: 'v2' };
    expect(await store.putIfVersion(pointer, 'v1')).toBe(false);
    await expect(store.putIfVersion(pointer, 'v1')).rejects.toThrow('boom');
  });

  it('expires existing items only, with the TTL attribute', async () => {
    ddb.on(UpdateCommand).rejectsOnce(conditionFailed()).resolves({});
    await store.expire(
      [
        { pk: 'USER#1', sk: 'RECS#v1' },
        { pk: 'USER#2', sk: 'RECS#v1' },
      ],
      1_800_000_000,
    );
    const calls = ddb.commandCalls(UpdateCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.args[0].input).toMatchObject({
      UpdateExpression: 'SET #ttl = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#ttl': 'expiresAt' },
      ExpressionAttributeValues: { ':at': 1_800_000_000 },
    });
  });
});
