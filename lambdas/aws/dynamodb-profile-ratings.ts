import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ProfileRatings,
  ProfileRatingsSource,
} from '../app/pipeline/profile-ratings-source.ts';
import type { ProfileRecord } from '../app/profiles/profile-records.ts';
import { profileRatings } from '../app/profiles/profile-records.ts';
import { PROFILE_INDEX, servingKeys } from '../app/serving/serving-keys.ts';

/** BatchGetItem's limit of keys per call. */
const BATCH_GET_LIMIT = 100;

export interface DynamoProfileRatingsOptions {
  /** Waits this many milliseconds (injected so tests do not wait). */
  sleep: (ms: number) => Promise<void>;
  /** Calls per batch before giving up (default 10). */
  maxAttempts?: number;
  /** First backoff in ms (default 50), doubled after each partial read, capped at 5 s. */
  baseDelayMs?: number;
}

/**
 * The profiles of the serving table: their keys from the sparse `profiles` index (Query, every
 * page), then the META items by BatchGetItem, retrying UnprocessedKeys with capped exponential
 * backoff as the DynamoDB developer guide asks for batch operations. A profile deleted between
 * the two reads is simply not returned.
 */
export class DynamoProfileRatings implements ProfileRatingsSource {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly options: DynamoProfileRatingsOptions,
  ) {}

  async ratingsCollected(): Promise<number> {
    const response = await this.client.send(
      new GetCommand({
        TableName: this.table,
        Key: servingKeys.ratingsCollected(),
        ConsistentRead: true,
      }),
    );
    const n = response.Item?.n;
    return typeof n === 'number' ? n : 0;
  }

  async profiles(): Promise<ProfileRatings[]> {
    const keys: Array<{ pk: string; sk: string }> = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: PROFILE_INDEX.name,
          KeyConditionExpression: '#list = :list',
          ExpressionAttributeNames: { '#list': PROFILE_INDEX.partitionKey },
          ExpressionAttributeValues: { ':list': PROFILE_INDEX.partitionValue },
          ...(start !== undefined && { ExclusiveStartKey: start }),
        }),
      );
      for (const item of page.Items ?? []) keys.push({ pk: item.pk as string, sk: 'META' });
      start = page.LastEvaluatedKey;
    } while (start !== undefined);

    const profiles: ProfileRatings[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) {
      for (const item of await this.batchGet(keys.slice(i, i + BATCH_GET_LIMIT))) {
        const record = item as Pick<ProfileRecord, 'profileId' | 'ratings'>;
        profiles.push({ profileId: record.profileId, ratings: profileRatings(record) });
      }
    }
    return profiles;
  }

  private async batchGet(keys: Array<Record<string, unknown>>): Promise<Record<string, unknown>[]> {
    const maxAttempts = this.options.maxAttempts ?? 10;
    const baseDelay = this.options.baseDelayMs ?? 50;
    const items: Record<string, unknown>[] = [];
    let pending = keys;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === maxAttempts) {
        throw new Error(
          `DynamoDB left ${pending.length} profiles unprocessed after ${attempt} attempts (throttled)`,
        );
      }
      if (attempt > 0) await this.options.sleep(Math.min(5000, baseDelay * 2 ** (attempt - 1)));
      const response = await this.client.send(
        new BatchGetCommand({
          RequestItems: {
            [this.table]: {
              Keys: pending,
              ConsistentRead: true,
              ProjectionExpression: 'profileId, #ratings',
              ExpressionAttributeNames: { '#ratings': 'ratings' },
            },
          },
        }),
      );
      items.push(...(response.Responses?.[this.table] ?? []));
      pending = response.UnprocessedKeys?.[this.table]?.Keys ?? [];
    }
    return items;
  }
}
