import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../lib/app-config.ts';
import { addMovieRecStacks } from '../../lib/movierec-app.ts';
import type { CfnTemplate, LocalResources } from '../../lambdas/local/stack/local-resources.ts';
import { localResources } from '../../lambdas/local/stack/local-resources.ts';
import type {
  LocalPipelineOptions,
  PipelineProgressEvent,
} from '../../lambdas/local/stack/local-pipeline.ts';
import { runLocalPipeline } from '../../lambdas/local/stack/local-pipeline.ts';
import { PROFILE_INDEX, servingKeys } from '../../lambdas/app/serving/serving-keys.ts';
import { createTestApp } from '../infra/test-app.ts';
import { TINY_USERS, tinyMovieLensZip } from '../unit/app/pipeline/pipeline-fixture.ts';

/**
 * The pipeline stack's state machine, from the synthesized template, run locally against
 * dynalite and s3rver: every Lambda task calls the handler its function is built from, the
 * Distributed Map reads its shard manifest from S3. A small dataset keeps it to seconds.
 */
const require = createRequire(import.meta.url);
const pseudo = { region: 'us-east-1', accountId: '000000000000' };

let templates: Record<string, CfnTemplate>;
let resources: LocalResources;
let pipelineStack: string;
let bucket: string;
let table: string;
let s3: S3Client;
let dynamodb: DynamoDBClient;
let close: () => Promise<void>;

beforeAll(async () => {
  const app = createTestApp();
  addMovieRecStacks(app, parseAppConfig({ stage: 'itest' }));
  templates = Object.fromEntries(
    app.synth().stacks.map((s) => [s.stackName, s.template as CfnTemplate]),
  );
  resources = localResources(templates, pseudo);
  pipelineStack = 'MovieRec-itest-Pipeline';
  const dataStack = 'MovieRec-itest-Data';
  bucket = resources[dataStack]!.DataBucket!.ref;
  table = resources[dataStack]!.ServingTable!.ref;

  const directory = await mkdtemp(join(tmpdir(), 'movierec-local-pipeline-'));
  const dynalite = (require('dynalite') as (o: { createTableMs: number }) => Server)({
    createTableMs: 0,
  });
  await new Promise<void>((resolve) => dynalite.listen(0, '127.0.0.1', resolve));
  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port: s3Port } = await s3rver.run();
  close = async () => {
    s3?.destroy();
    dynamodb?.destroy();
    dynalite.closeAllConnections();
    await new Promise((resolve) => dynalite.close(resolve));
    await s3rver.close();
    await rm(directory, { recursive: true, force: true });
  };

  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${(dynalite.address() as AddressInfo).port}`,
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${s3Port}`,
    AWS_REGION: pseudo.region,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
  s3 = new S3Client({ forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
  dynamodb = new DynamoDBClient({});
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await dynamodb.send(
    new CreateTableCommand(tableFromTemplate(templates[dataStack]!, 'ServingTable')),
  );
});

afterAll(async () => close?.());

/** The table's keys, indexes and billing exactly as the Data stack defines them. */
function tableFromTemplate(template: CfnTemplate, logicalId: string): CreateTableCommandInput {
  const props = template.Resources[logicalId]!.Properties as Pick<
    CreateTableCommandInput,
    'KeySchema' | 'AttributeDefinitions' | 'BillingMode' | 'GlobalSecondaryIndexes'
  >;
  return {
    TableName: table,
    KeySchema: props.KeySchema,
    AttributeDefinitions: props.AttributeDefinitions,
    BillingMode: props.BillingMode,
    GlobalSecondaryIndexes: props.GlobalSecondaryIndexes,
  };
}

async function upload(key: string, body: Uint8Array): Promise<string> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  return `s3://${bucket}/${key}`;
}

async function liveVersion(): Promise<string | undefined> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: table, Key: { pk: { S: 'MODEL' }, sk: { S: 'CURRENT' } } }),
  );
  return Item?.version?.S;
}

function run(
  dataset: string,
  events: PipelineProgressEvent[],
  logs: string[] = [],
  stacks: Record<string, CfnTemplate> = templates,
  isolation: LocalPipelineOptions['isolation'] = 'worker-thread',
  force = false,
) {
  return runLocalPipeline({
    isolation,
    templates: stacks,
    resources,
    pipelineStack,
    readObject: async (b, k) =>
      (await s3.send(new GetObjectCommand({ Bucket: b, Key: k }))).Body!.transformToByteArray(),
    input: { dataset, force },
    onProgress: (event) => events.push(event),
    log: (line) => logs.push(line),
  });
}

describe('runLocalPipeline', () => {
  let version: string;
  let ratings: number;

  it('runs the synthesized state machine to a published model', async () => {
    const events: PipelineProgressEvent[] = [];
    const result = await run(await upload('uploads/tiny.zip', tinyMovieLensZip('tiny')), events);
    expect(result.error, result.cause).toBeUndefined();
    expect(result.status).toBe('SUCCEEDED');
    const output = result.output as {
      ingest: { version: string; users: number; ratings: number; processedPrefix: string };
      tuning: { key: string; best: { rating: number; ranking: number } };
    };
    // Tuned first (the default budget, 8 trials per model), the choice stored beside the data.
    expect(output.tuning.key).toBe(`${output.ingest.processedPrefix}tuning.json`);
    expect(events.filter((e) => e.state === 'Tune trial' && e.status === 'succeeded')).toHaveLength(
      16,
    );
    version = output.ingest.version;
    ratings = output.ingest.ratings;
    expect(output.ingest.users).toBe(TINY_USERS);
    expect(await liveVersion()).toBe(version);

    const { Item } = await dynamodb.send(
      new GetItemCommand({
        TableName: table,
        Key: { pk: { S: 'USER#1' }, sk: { S: `RECS#${version}` } },
      }),
    );
    expect(Item).toBeDefined();

    const succeeded = events.filter((e) => e.status === 'succeeded').map((e) => e.state);
    expect(succeeded).toEqual(
      expect.arrayContaining([
        'Ingest dataset',
        // No TMDB key: the Choice skips the enrichment.
        'Enrichment skipped',
        'Tune',
        'Pick tuning',
        'Train on Lambda',
        'Evaluate',
        'Write shard manifest',
        'Score shard',
        'Score user shards',
        'Write catalogue',
        'Publish',
      ]),
    );
    expect(events.find((e) => e.state === 'Score shard')?.detail).toMatch(/^item 1\/1/);
    // Training reports progress from its worker thread, between entering and leaving the state.
    const training = events.filter((e) => e.state === 'Train on Lambda').map((e) => e.status);
    expect(training[0]).toBe('entered');
    expect(training.at(-1)).toBe('succeeded');
    expect(training.filter((status) => status === 'progress').length).toBeGreaterThan(2);
    // The rating model trains on a thread of its own beside the ranking model: both report.
    const details = events
      .filter((e) => e.state === 'Train on Lambda' && e.status === 'progress')
      .map((e) => e.detail);
    expect(details).toContainEqual(
      expect.stringMatching(/^rating model, holdout fit: epoch 1\/\d+ \(loss [\d.]+\)$/),
    );
    expect(details).toContainEqual(expect.stringMatching(/^ranking model, holdout fit: /));
  });

  it('a later run adds the operator files and the profiles: exactly their ratings, a profile list', async () => {
    await upload(
      'datasets/incoming/2026-01.csv',
      new TextEncoder().encode('userId,movieId,rating,timestamp\n500,1,4.5,1700000000\n'),
    );
    const profileId = 'AAAAAAAAAAAAAAAAAAAAAA';
    await dynamodb.send(
      new PutItemCommand({
        TableName: table,
        Item: marshall({
          ...servingKeys.profile(profileId),
          [PROFILE_INDEX.partitionKey]: PROFILE_INDEX.partitionValue,
          profileId,
          tokenHash: 'x',
          createdAt: '2026-01-01T00:00:00Z',
          updatedAt: '2026-01-01T00:00:00Z',
          ratings: { '1': [5, 1700000000], '2': [4.5, 1700000001], '3': [5, 1700000002] },
          windowMinute: 0,
          windowWrites: 0,
        }),
      }),
    );
    const result = await run(`s3://${bucket}/uploads/tiny.zip`, [], [], templates, 'worker-thread', true); // prettier-ignore
    expect(result.error, result.cause).toBeUndefined();
    const ingest = (result.output as { ingest: { ratings: number; version: string } }).ingest;
    expect(ingest.ratings).toBe(ratings + 1 + 3);
    expect(ingest).toMatchObject({
      sources: {
        profiles: 3,
        profileUsers: 1,
        operatorFiles: 1,
        operatorFileKeys: ['datasets/incoming/2026-01.csv'],
      },
    });
    const list = await dynamodb.send(
      new GetItemCommand({
        TableName: table,
        Key: marshall(servingKeys.profileRecommendations(profileId, ingest.version)),
      }),
    );
    expect(list.Item?.profileId?.S).toBe(profileId);
    expect(list.Item?.items?.L?.length).toBeGreaterThan(0);
    version = ingest.version;
  });

  it('fails a corrupt dataset with a clear cause, notifies, and leaves the live model alone', async () => {
    const corrupt = new TextEncoder().encode('this is not a zip archive');
    const events: PipelineProgressEvent[] = [];
    const logs: string[] = [];
    const result = await run(await upload('uploads/corrupt.zip', corrupt), events, logs);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBeDefined();
    expect(result.cause).toMatch(/zip/i);
    expect(events.filter((e) => e.state === 'Ingest dataset').map((e) => e.status)).toEqual([
      'entered',
      'failed',
    ]);
    expect(result).toMatchObject({ error: 'DatasetError', cause: /corrupt\.zip: unreadable zip/ });
    expect(logs.join('\n')).toMatch(/Notify failure: SNS message .*not sent locally/);
    expect(await liveVersion()).toBe(version);
  });

  it('trains on "Fargate" (the task definition\'s entry as a process) above the threshold', async () => {
    // The same app with the size threshold at 0 ratings, so the Choice picks the RunTask state.
    const lowThreshold = JSON.parse(
      JSON.stringify(templates).replace(
        '"NumericGreaterThan\\":2000000',
        '"NumericGreaterThan\\":0',
      ),
    ) as Record<string, CfnTemplate>;
    expect(JSON.stringify(lowThreshold)).not.toEqual(JSON.stringify(templates));
    const events: PipelineProgressEvent[] = [];
    const logs: string[] = [];
    const result = await run(
      await upload('uploads/tiny-fargate.zip', tinyMovieLensZip('tiny-fargate')),
      events,
      logs,
      lowThreshold,
      // The functions in this process this time: faster, and the other mode gets a real run too.
      'in-process',
    );
    expect(result.error, result.cause).toBeUndefined();
    expect(events).toContainEqual({ state: 'Train on Fargate', status: 'succeeded' });
    expect(events.some((e) => e.state === 'Train on Lambda')).toBe(false);
    expect(logs.join('\n')).toMatch(/Train on Fargate: .*"message":"trained"/);
    expect(
      events.filter((e) => e.state === 'Train on Fargate' && e.status === 'progress'),
    ).toContainEqual({
      state: 'Train on Fargate',
      status: 'progress',
      detail: expect.stringMatching(
        /^ranking model, (holdout|final) fit: epoch \d+\/\d+/,
      ) as unknown,
    });
    expect(logs.join('\n')).not.toContain('"message":"progress"');
    const output = result.output as { ingest: { version: string } };
    expect(await liveVersion()).toBe(output.ingest.version);
  });
});
