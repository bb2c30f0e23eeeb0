import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import type { BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProfileRecord } from '../../lambdas/app/profiles/profile-records.ts';
import { PROFILE_INDEX, servingKeys } from '../../lambdas/app/serving/serving-keys.ts';
import { DynamoProfileRatings } from '../../lambdas/aws/dynamodb-profile-ratings.ts';
import { SERVING_TABLE_KEYS } from '../fixtures/serving-table-keys.ts';
import { useDynalite } from '../fixtures/use-dynalite.ts';

const TABLE = 'serving';
const PROFILES = 130; // more than one BatchGetItem (100 keys)
const noSleep = { sleep: () => Promise.resolve() };

const profileId = (p: number): string => `profile${String(p).padStart(15, '0')}`;

function profileItem(p: number): ProfileRecord & Record<string, unknown> {
  return {
    ...servingKeys.profile(profileId(p)),
    [PROFILE_INDEX.partitionKey]: PROFILE_INDEX.partitionValue,
    profileId: profileId(p),
    tokenHash: 'hash',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    // Profile p rated movies p+1 and p+2 (profile 0 rated nothing).
    ratings:
      p === 0 ? {} : { [String(p + 2)]: [4.5, 1_700_000_002], [String(p + 1)]: [3, 1_700_000_001] },
    windowMinute: 0,
    windowWrites: 0,
  };
}

describe('DynamoProfileRatings on dynalite', () => {
  const dynamodb = useDynalite();
  let client: DynamoDBDocumentClient;

  beforeAll(async () => {
    client = DynamoDBDocumentClient.from(dynamodb());
    await dynamodb().send(new CreateTableCommand({ TableName: TABLE, ...SERVING_TABLE_KEYS }));
    const items = Array.from({ length: PROFILES }, (_, p) => profileItem(p));
    for (let i = 0; i < items.length; i += 25) {
      await client.send(
        new BatchWriteCommand({
          RequestItems: {
            [TABLE]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
          },
        }),
      );
    }
    // Not profiles: the counter, another profile's precomputed list and a user's list.
    await client.send(new PutCommand({ TableName: TABLE, Item: { ...servingKeys.ratingsCollected(), n: 259 } })); // prettier-ignore
    await client.send(new PutCommand({ TableName: TABLE, Item: { ...servingKeys.profileRecommendations(profileId(1), 'v1'), items: [] } })); // prettier-ignore
    await client.send(new PutCommand({ TableName: TABLE, Item: { ...servingKeys.userRecommendations(1, 'v1'), items: [] } })); // prettier-ignore
  });

  it('reads the counter, and every profile with its ratings through the index', async () => {
    const source = new DynamoProfileRatings(client, TABLE, noSleep);
    expect(await source.ratingsCollected()).toBe(259);
    const profiles = (await source.profiles()).sort((a, b) =>
      a.profileId.localeCompare(b.profileId),
    );
    expect(profiles).toHaveLength(PROFILES);
    expect(profiles[0]).toEqual({ profileId: profileId(0), ratings: [] });
    expect(profiles[7]).toEqual({
      profileId: profileId(7),
      ratings: [
        { movieId: 8, rating: 3, ratedAt: 1_700_000_001 },
        { movieId: 9, rating: 4.5, ratedAt: 1_700_000_002 },
      ],
    });
  });

  it('retries the keys a BatchGetItem leaves unprocessed', async () => {
    let throttled = 2;
    const sleeps: number[] = [];
    // The table's answer, with its last two keys handed back as unprocessed (as when throttled).
    const flaky = {
      send: async (command: unknown) => {
        const output = (await client.send(command as never)) as unknown;
        if (!(command instanceof BatchGetCommand) || throttled-- <= 0) return output;
        const keys = command.input.RequestItems![TABLE]!.Keys!;
        const left = keys.slice(-2).map((key) => key.pk as string);
        const answer = output as BatchGetCommandOutput;
        return {
          ...answer,
          Responses: {
            [TABLE]: answer.Responses![TABLE]!.filter((item) => !left.includes(item.pk as string)),
          },
          UnprocessedKeys: {
            [TABLE]: { ...command.input.RequestItems![TABLE], Keys: keys.slice(-2) },
          },
        };
      },
    } as unknown as DynamoDBDocumentClient;
    const source = new DynamoProfileRatings(flaky, TABLE, {
      sleep: (ms) => (sleeps.push(ms), Promise.resolve()),
    });
    const profiles = await source.profiles();
    expect(new Set(profiles.map((p) => p.profileId)).size).toBe(PROFILES);
    // The first batch is throttled twice: its retries back off 50 ms, then 100 ms.
    expect(sleeps).toEqual([50, 100]);
  });
});
