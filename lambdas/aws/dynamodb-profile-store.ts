import type { ProfileRecord } from '../app/profiles/profile-records.ts';
import type {
  ProfileRecommendationsRecord,
  ProfileStore,
  RatingWrite,
} from '../app/profiles/profile-store.ts';
import type { TableKey } from '../app/serving/serving-keys.ts';
import { PROFILE_INDEX, servingKeys, TTL_ATTRIBUTE } from '../app/serving/serving-keys.ts';
import type { DynamoDbReader } from './dynamodb-http-reader.ts';
import type { DynamoDbWriter } from './dynamodb-http-writer.ts';
import { ConditionFailedError } from './dynamodb-http-writer.ts';
import type { RetryOptions } from './throttle-retry.ts';
import { withThrottleRetry } from './throttle-retry.ts';

/** The counter attribute of the `profileCreations` and `ratingsCollected` items. */
const COUNT = 'n';

/**
 * The profile items over signed HTTP (no SDK), each write one conditional single-item write as
 * docs/profiles.md describes; throttling is retried with backoff. Reads of a profile are
 * strongly consistent, so a client reads its own writes.
 */
export function createDynamoProfileStore(options: {
  reader: DynamoDbReader;
  writer: DynamoDbWriter;
  tableName: string;
  retry?: RetryOptions;
}): ProfileStore {
  const { reader, writer, tableName: TableName } = options;
  const retry = <T>(call: () => Promise<T>) => withThrottleRetry(call, options.retry ?? {});
  /** Runs a conditional write; false when its condition did not hold. */
  const conditional = async (write: () => Promise<unknown>): Promise<boolean> => {
    try {
      await retry(write);
      return true;
    } catch (error) {
      if (error instanceof ConditionFailedError) return false;
      throw error;
    }
  };
  const get = async (key: TableKey, consistent = false) =>
    (await retry(() => reader.getItem({ TableName, Key: key, ConsistentRead: consistent }))).Item;

  return {
    createProfile: (record) =>
      conditional(() =>
        writer.putItem({
          TableName,
          Item: {
            ...servingKeys.profile(record.profileId),
            [PROFILE_INDEX.partitionKey]: PROFILE_INDEX.partitionValue,
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),

    async getProfile(profileId) {
      const item = await get(servingKeys.profile(profileId), true);
      if (item === undefined) return undefined;
      const { pk: _pk, sk: _sk, [PROFILE_INDEX.partitionKey]: _list, ...record } = item;
      return record as unknown as ProfileRecord;
    },

    async writeRating(write: RatingWrite) {
      const setting = write.value !== undefined;
      let previous: [number, number] | undefined;
      const written = await conditional(async () => {
        const { Attributes } = await writer.updateItem({
          TableName,
          Key: servingKeys.profile(write.profileId),
          UpdateExpression: setting
            ? 'SET ratings.#m = :r, updatedAt = :at, windowWrites = windowWrites + :one'
            : 'REMOVE ratings.#m SET updatedAt = :at, windowWrites = windowWrites + :one',
          ConditionExpression: `tokenHash = :h AND windowMinute = :minute AND windowWrites < :limit${
            setting ? ' AND (size(ratings) < :max OR attribute_exists(ratings.#m))' : ''
          }`,
          ExpressionAttributeNames: { '#m': String(write.movieId) },
          ExpressionAttributeValues: {
            ...(setting && { ':r': write.value, ':max': write.maxRatings }),
            ':at': write.at,
            ':one': 1,
            ':h': write.tokenHash,
            ':minute': write.minute,
            ':limit': write.writesPerMinute,
          },
          ReturnValues: 'UPDATED_OLD',
        });
        const ratings = Attributes?.ratings as Record<string, [number, number]> | undefined;
        previous = ratings?.[String(write.movieId)];
      });
      return written ? { written, ...(previous !== undefined && { previous }) } : { written };
    },

    async moveWriteWindow(profileId, from, to) {
      await conditional(() =>
        writer.updateItem({
          TableName,
          Key: servingKeys.profile(profileId),
          UpdateExpression: 'SET windowMinute = :to, windowWrites = :zero',
          ConditionExpression: 'windowMinute = :from',
          ExpressionAttributeValues: { ':to': to, ':zero': 0, ':from': from },
        }),
      );
    },

    countCreation: (clientHash, hour, limit, expiresAt) =>
      conditional(() =>
        writer.updateItem({
          TableName,
          Key: servingKeys.profileCreations(clientHash, hour),
          UpdateExpression: `ADD #n :one SET #ttl = :expires`,
          ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
          ExpressionAttributeNames: { '#n': COUNT, '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':one': 1, ':expires': expiresAt, ':limit': limit },
        }),
      ),

    async addRatingsCollected(count) {
      await retry(() =>
        writer.updateItem({
          TableName,
          Key: servingKeys.ratingsCollected(),
          UpdateExpression: 'ADD #n :count',
          ExpressionAttributeNames: { '#n': COUNT },
          ExpressionAttributeValues: { ':count': count },
        }),
      );
    },

    async ratingsCollected() {
      const count = (await get(servingKeys.ratingsCollected()))?.[COUNT];
      return typeof count === 'number' ? count : 0;
    },

    async getProfileRecommendations(profileId, version) {
      const item = await get(servingKeys.profileRecommendations(profileId, version));
      return item as ProfileRecommendationsRecord | undefined;
    },

    async deleteProfile(profileId, tokenHash) {
      const key = servingKeys.profile(profileId);
      const deleted = await conditional(() =>
        writer.deleteItem({
          TableName,
          Key: key,
          ConditionExpression: 'tokenHash = :h',
          ExpressionAttributeValues: { ':h': tokenHash },
        }),
      );
      if (!deleted) return false;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await retry(() =>
          reader.query({
            TableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': key.pk },
            ConsistentRead: true,
            ProjectionExpression: 'pk, sk',
            ...(startKey !== undefined && { ExclusiveStartKey: startKey }),
          }),
        );
        for (const item of page.Items) {
          await retry(() => writer.deleteItem({ TableName, Key: { pk: item.pk, sk: item.sk } }));
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
      return true;
    },
  };
}
