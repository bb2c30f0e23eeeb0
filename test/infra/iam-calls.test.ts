import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DATA_LOGICAL_IDS } from '../../lib/data-stack.ts';
import {
  INCOMING_PREFIX,
  pipelineObjectKeys,
} from '../../lambdas/app/pipeline/pipeline-objects.ts';
import { ORIGIN_FILE } from '../../lambdas/app/pipeline/training-origin.ts';
import { tuningKey } from '../../lambdas/app/pipeline/tuning-record.ts';
import { modelObjectKeys } from '../../lambdas/app/serving/serving-artifacts.ts';
import { PROFILE_INDEX, servingKeys } from '../../lambdas/app/serving/serving-keys.ts';
import { resolveIntrinsics } from '../../lambdas/local/stack/template-intrinsics.ts';
import { awsCallsInCode } from './aws-calls-in-code.ts';
import { evaluateRequest } from './iam-evaluation.ts';
import type { AwsRequest, Decision, RequestContext } from './iam-evaluation.ts';
import { codeRoles } from './role-policies.ts';
import type { CodeRole } from './role-policies.ts';
import { synthesizeApp } from './synthesized-app.ts';
import type { SynthesizedApp } from './synthesized-app.ts';

/**
 * Every AWS call the project's code makes, per function and task (docs/testing.md, "The IAM call
 * table"), checked against the synthesized policies of its role: each `allowed` row must be
 * allowed, each `denied` row denied. Adding a call to the code means adding its row here: the
 * scan below fails until one covers it.
 */
interface DeniedRow extends AwsRequest {
  /** What the call would do, or why the role must not make it. */
  why: string;
}

interface CallRow extends DeniedRow {
  /** The repository file that makes the call (an SDK command, a signed request, a container). */
  via: string;
}

interface RoleCalls {
  allowed: CallRow[];
  denied: DeniedRow[];
}

/** The resources the rows name, as the synthesized templates resolve them. */
interface Arns {
  table: string;
  index: (name: string) => string;
  bucket: string;
  object: (key: string) => string;
  role: CodeRole;
  /** The configured dataset: a name (downloaded over HTTPS) or an s3:// uri. */
  dataset: string;
  /** The TMDB key's secret, when the app is configured with `tmdb`. */
  tmdbSecret: string | undefined;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const VERSION = '20261121-200254-ab12cd34';
const OLD_VERSION = '20261114-030012-0f1e2d3c';
const PROFILE = servingKeys.profile('p7Hq2xM1');
const PROCESSED = pipelineObjectKeys.processedDataset('ml-latest-small', 'a1b2c3d4e5f60718');
/** Every S3 request of the SDK and of the signed-HTTP readers is HTTPS, TLS 1.2 at least. */
const HTTPS: RequestContext = { 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.2' };
const leadingKeys = (...pks: string[]): RequestContext => ({ 'dynamodb:LeadingKeys': pks });

const FILES = {
  httpReader: 'lambdas/aws/dynamodb-http-reader.ts',
  httpWriter: 'lambdas/aws/dynamodb-http-writer.ts',
  s3Reader: 'lambdas/aws/s3-object-reader.ts',
  objectStore: 'lambdas/aws/s3-object-store.ts',
  servingWriter: 'lambdas/aws/dynamodb-serving-writer.ts',
  profileRatings: 'lambdas/aws/dynamodb-profile-ratings.ts',
  datasetDownload: 'lambdas/aws/dataset-download.ts',
  fargateTraining: 'lib/fargate-training.ts',
  secret: 'lambdas/aws/secrets-manager-secret.ts',
  randomAccess: 'lambdas/aws/s3-random-access.ts',
} as const;

/** Reads of the model files any reader of `models/` makes, a missing one answered 404. */
const modelReads = (a: Arns, via: string): CallRow[] => [
  {
    action: 's3:GetObject',
    resource: a.object(modelObjectKeys.manifest(VERSION)),
    context: HTTPS,
    via,
    why: 'reads the manifest of a model version',
  },
  {
    action: 's3:ListBucket',
    resource: a.bucket,
    context: HTTPS,
    via,
    why: 'a GetObject of a missing key answers 404, not 403, only to a caller that may list (no s3:prefix)',
  },
];

/** What every role must be denied: objects outside the data prefixes, plain HTTP. */
const outsideData = (a: Arns): DeniedRow[] => [
  {
    action: 's3:GetObject',
    resource: a.object('site/index.html'),
    context: HTTPS,
    why: 'a key outside datasets/ and models/',
  },
  {
    action: 's3:GetObject',
    resource: a.object(modelObjectKeys.manifest(VERSION)),
    context: { 'aws:SecureTransport': 'false' },
    why: 'plain HTTP: the bucket policy denies it explicitly',
  },
];

/** The calls of each function and task, keyed by its `movierec:entry`. */
const CALLS: Readonly<Record<string, (a: Arns) => RoleCalls>> = {
  'lambdas/handlers/api/api-handler.ts': (a) => ({
    allowed: [
      ...modelReads(a, FILES.s3Reader),
      {
        action: 's3:GetObject',
        resource: a.object(modelObjectKeys.file(VERSION, 'ranking.itemFactors.f32')),
        context: HTTPS,
        via: FILES.s3Reader,
        why: 'loads the API model parts',
      },
      {
        action: 'dynamodb:GetItem',
        resource: a.table,
        context: leadingKeys(servingKeys.currentModel().pk),
        via: FILES.httpReader,
        why: 'reads the live model pointer',
      },
      {
        action: 'dynamodb:GetItem',
        resource: a.table,
        context: leadingKeys(PROFILE.pk),
        via: FILES.httpReader,
        why: 'reads a profile (strongly consistent)',
      },
      {
        action: 'dynamodb:BatchGetItem',
        resource: a.table,
        context: leadingKeys(servingKeys.movie(1).pk, servingKeys.movie(2).pk),
        via: FILES.httpReader,
        why: 'reads the movies of a list',
      },
      {
        action: 'dynamodb:Query',
        resource: a.table,
        context: leadingKeys(servingKeys.currentModel().pk),
        via: FILES.httpReader,
        why: 'lists the model versions',
      },
      {
        action: 'dynamodb:PutItem',
        resource: a.table,
        context: leadingKeys(PROFILE.pk),
        via: FILES.httpWriter,
        why: 'creates a profile',
      },
      {
        action: 'dynamodb:UpdateItem',
        resource: a.table,
        context: leadingKeys(PROFILE.pk),
        via: FILES.httpWriter,
        why: 'writes a rating into the profile item',
      },
      {
        action: 'dynamodb:UpdateItem',
        resource: a.table,
        context: leadingKeys(servingKeys.profileCreations('c0ffee', 493_000).pk),
        via: FILES.httpWriter,
        why: 'counts profile creations per client and hour',
      },
      {
        action: 'dynamodb:UpdateItem',
        resource: a.table,
        context: leadingKeys(servingKeys.ratingsCollected().pk),
        via: FILES.httpWriter,
        why: 'counts the ratings collected',
      },
      {
        action: 'dynamodb:DeleteItem',
        resource: a.table,
        context: leadingKeys(PROFILE.pk),
        via: FILES.httpWriter,
        why: 'deletes a profile and its items',
      },
    ],
    denied: [
      ...outsideData(a),
      {
        action: 's3:GetObject',
        resource: a.object(pipelineObjectKeys.rawDataset('ml-latest-small')),
        context: HTTPS,
        why: 'the API reads models/ only, never the datasets',
      },
      {
        action: 's3:PutObject',
        resource: a.object(modelObjectKeys.manifest(VERSION)),
        context: HTTPS,
        why: 'the API never writes the bucket',
      },
      {
        action: 'dynamodb:PutItem',
        resource: a.table,
        context: leadingKeys(servingKeys.currentModel().pk),
        why: 'a write outside PROFILE#: the API cannot move the live model',
      },
      {
        action: 'dynamodb:UpdateItem',
        resource: a.table,
        context: leadingKeys(servingKeys.userRecommendations(1, VERSION).pk),
        why: "a write outside PROFILE#: a dataset user's recommendations",
      },
      {
        action: 'dynamodb:BatchWriteItem',
        resource: a.table,
        context: leadingKeys(PROFILE.pk),
        why: 'no batch writes, even of profile items',
      },
      {
        action: 'dynamodb:Scan',
        resource: a.table,
        why: 'no scans of the table',
      },
      {
        action: 'dynamodb:Query',
        resource: a.index(PROFILE_INDEX.name),
        context: leadingKeys(PROFILE_INDEX.partitionValue),
        why: 'the list of every profile is for the pipeline only',
      },
    ],
  }),

  'lambdas/handlers/pipeline/ingest.ts': (a) => ({
    allowed: [
      ...datasetDownload(a, (key) => key),
      {
        action: 's3:ListBucket',
        resource: a.bucket,
        context: { ...HTTPS, 's3:prefix': INCOMING_PREFIX },
        via: FILES.objectStore,
        why: 'lists the operator files under datasets/incoming/',
      },
      {
        action: 's3:GetObject',
        resource: a.object('datasets/incoming/2026-11-extra-ratings.csv'),
        context: HTTPS,
        via: FILES.objectStore,
        why: 'reads an operator file',
      },
      {
        action: 's3:PutObject',
        resource: a.object(pipelineObjectKeys.rawDataset('ml-latest-small')),
        context: HTTPS,
        via: FILES.objectStore,
        why: 'keeps the raw archive',
      },
      {
        action: 's3:PutObject',
        resource: a.object(pipelineObjectKeys.rawDataset('ml-latest-small')),
        context: HTTPS,
        via: FILES.datasetDownload,
        why: 'streams a GroupLens download into the raw key, or copies an s3:// archive there',
      },
      {
        action: 's3:GetObject',
        resource: a.object(pipelineObjectKeys.rawDataset('ml-latest-small')),
        context: HTTPS,
        via: FILES.randomAccess,
        why: 'reads the raw archive by ranged GETs',
      },
      {
        action: 's3:PutObject',
        resource: a.object(`${PROCESSED}${ORIGIN_FILE}`),
        context: HTTPS,
        via: FILES.objectStore,
        why: 'writes the processed dataset and its origin',
      },
      {
        action: 'dynamodb:GetItem',
        resource: a.table,
        context: leadingKeys(servingKeys.ratingsCollected().pk),
        via: FILES.profileRatings,
        why: 'reads the ratings-collected counter',
      },
      {
        action: 'dynamodb:Query',
        resource: a.index(PROFILE_INDEX.name),
        context: leadingKeys(PROFILE_INDEX.partitionValue),
        via: FILES.profileRatings,
        why: 'lists every profile on the sparse index',
      },
      {
        action: 'dynamodb:BatchGetItem',
        resource: a.table,
        context: leadingKeys(PROFILE.pk, servingKeys.profile('q9').pk),
        via: FILES.profileRatings,
        why: "reads the profiles' ratings",
      },
    ],
    denied: [
      ...outsideData(a),
      ...datasetDownload(a, (key) => `${key}.previous`),
      {
        action: 's3:GetObject',
        resource: a.object(modelObjectKeys.manifest(VERSION)),
        context: HTTPS,
        why: 'ingest reads only the operator files',
      },
      {
        action: 's3:PutObject',
        resource: a.object(modelObjectKeys.manifest(VERSION)),
        context: HTTPS,
        why: 'ingest writes only under datasets/',
      },
      {
        action: 'dynamodb:Query',
        resource: a.table,
        context: leadingKeys(PROFILE.pk),
        why: 'queries only the profile index, not the table',
      },
      {
        action: 'dynamodb:PutItem',
        resource: a.table,
        context: leadingKeys(PROFILE.pk),
        why: 'ingest never writes the table',
      },
    ],
  }),

  'lambdas/handlers/pipeline/enrich.ts': (a) => ({
    allowed: [
      {
        action: 's3:GetObject',
        resource: a.object(`${PROCESSED}${ORIGIN_FILE}`),
        context: HTTPS,
        via: FILES.objectStore,
        why: "reads the processed dataset's links",
      },
      {
        action: 's3:GetObject',
        resource: a.object(pipelineObjectKeys.tmdbMovie(862)),
        context: HTTPS,
        via: FILES.objectStore,
        why: "reads a movie's cached TMDB record",
      },
      {
        action: 's3:ListBucket',
        resource: a.bucket,
        context: HTTPS,
        via: FILES.objectStore,
        why: 'a movie not cached yet answers 404 (no s3:prefix)',
      },
      {
        action: 's3:PutObject',
        resource: a.object(pipelineObjectKeys.tmdbSnapshot(VERSION)),
        context: HTTPS,
        via: FILES.objectStore,
        why: "caches records and writes the version's snapshot",
      },
      ...(a.tmdbSecret === undefined
        ? []
        : [
            {
              action: 'secretsmanager:GetSecretValue',
              resource: a.tmdbSecret,
              via: FILES.secret,
              why: 'reads the TMDB key',
            },
          ]),
    ],
    denied: [
      ...outsideData(a),
      {
        action: 's3:PutObject',
        resource: a.object(`${PROCESSED}${ORIGIN_FILE}`),
        context: HTTPS,
        why: 'enrichment never rewrites the dataset',
      },
      {
        action: 'secretsmanager:GetSecretValue',
        resource: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:another-secret-AbCdEf',
        why: 'only the TMDB key',
      },
      {
        action: 'dynamodb:PutItem',
        resource: a.table,
        context: leadingKeys(servingKeys.movie(1).pk),
        why: 'enrichment never writes the table',
      },
    ],
  }),

  'lambdas/handlers/pipeline/tune-trial.ts': (a) => ({
    allowed: [
      {
        action: 's3:GetObject',
        resource: a.object(`${PROCESSED}${ORIGIN_FILE}`),
        context: HTTPS,
        via: FILES.objectStore,
        why: 'reads the processed dataset to fit one trial',
      },
      {
        action: 's3:ListBucket',
        resource: a.bucket,
        context: HTTPS,
        via: FILES.objectStore,
        why: 'a missing optional file answers 404 (no s3:prefix)',
      },
    ],
    denied: [
      ...outsideData(a),
      {
        action: 's3:PutObject',
        resource: a.object(tuningKey(PROCESSED)),
        context: HTTPS,
        why: 'a trial returns its metrics; only Pick tuning writes',
      },
      {
        action: 'dynamodb:GetItem',
        resource: a.table,
        context: leadingKeys(servingKeys.currentModel().pk),
        why: 'tuning never reads the table',
      },
    ],
  }),

  'lambdas/handlers/pipeline/pick-tuning.ts': (a) => ({
    allowed: [
      {
        action: 's3:PutObject',
        resource: a.object(tuningKey(PROCESSED)),
        context: HTTPS,
        via: FILES.objectStore,
        why: 'writes the chosen parameters beside the processed dataset',
      },
    ],
    denied: [
      ...outsideData(a),
      {
        action: 's3:PutObject',
        resource: a.object(modelObjectKeys.manifest(VERSION)),
        context: HTTPS,
        why: 'picking never writes a model version',
      },
    ],
  }),

  'lambdas/handlers/pipeline/train.ts': (a) => trainCalls(a),

  'lambdas/tasks/train-task.ts': (a) => {
    const [bucket, key] = fetchedBundle(a.role);
    const train = trainCalls(a);
    return {
      allowed: [
        {
          action: 's3:GetObject',
          resource: `arn:aws:s3:::${bucket}/${key}`,
          context: HTTPS,
          via: FILES.fargateTraining,
          why: "the init container's `aws s3 cp` of the task bundle",
        },
        ...train.allowed,
      ],
      denied: [
        {
          action: 's3:GetObject',
          resource: `arn:aws:s3:::${bucket}/another-asset.zip`,
          context: HTTPS,
          why: 'only its own bundle in the assets bucket',
        },
        ...train.denied,
      ],
    };
  },

  'lambdas/handlers/pipeline/evaluate.ts': (a) => ({
    allowed: [
      ...modelReads(a, FILES.objectStore),
      {
        action: 'dynamodb:GetItem',
        resource: a.table,
        context: leadingKeys(servingKeys.currentModel().pk),
        via: FILES.servingWriter,
        why: "reads the live model's pointer and registry entry",
      },
    ],
    denied: [
      ...outsideData(a),
      {
        action: 'dynamodb:PutItem',
        resource: a.table,
        context: leadingKeys(servingKeys.currentModel().pk),
        why: 'evaluating never publishes',
      },
    ],
  }),

  'lambdas/handlers/pipeline/shard-manifest.ts': (a) => ({
    allowed: [
      ...modelReads(a, FILES.objectStore),
      {
        action: 's3:PutObject',
        resource: a.object(pipelineObjectKeys.shardManifest(VERSION)),
        context: HTTPS,
        via: FILES.objectStore,
        why: "writes the Distributed Map's item list",
      },
    ],
    denied: [
      ...outsideData(a),
      {
        action: 's3:GetObject',
        resource: a.object(`${PROCESSED}${ORIGIN_FILE}`),
        context: HTTPS,
        why: 'reads the model version only, not the dataset',
      },
    ],
  }),

  'lambdas/handlers/pipeline/score-shard.ts': (a) => ({
    allowed: [
      ...modelReads(a, FILES.objectStore),
      {
        action: 'dynamodb:BatchWriteItem',
        resource: a.table,
        context: leadingKeys(
          servingKeys.userRecommendations(1, VERSION).pk,
          servingKeys.profileRecommendations('p7Hq2xM1', VERSION).pk,
        ),
        via: FILES.servingWriter,
        why: "writes a shard's top-N lists and vectors",
      },
    ],
    denied: [
      ...outsideData(a),
      {
        action: 's3:PutObject',
        resource: a.object(modelObjectKeys.file(VERSION, 'scores.f32')),
        context: HTTPS,
        why: 'scoring writes the table only',
      },
      {
        action: 'dynamodb:Query',
        resource: a.table,
        context: leadingKeys(PROFILE.pk),
        why: 'scoring reads nothing from the table',
      },
    ],
  }),

  'lambdas/handlers/pipeline/catalogue.ts': (a) => ({
    allowed: [
      ...modelReads(a, FILES.objectStore),
      {
        action: 's3:GetObject',
        resource: a.object(`${PROCESSED}${ORIGIN_FILE}`),
        context: HTTPS,
        via: FILES.objectStore,
        why: 'reads the processed dataset',
      },
      {
        action: 's3:GetObject',
        resource: a.object(pipelineObjectKeys.tmdbSnapshot(VERSION)),
        context: HTTPS,
        via: FILES.objectStore,
        why: "reads the version's TMDB snapshot for the movies' details and reviews",
      },
      {
        action: 's3:PutObject',
        resource: a.object(pipelineObjectKeys.dashboard(VERSION)),
        context: HTTPS,
        via: FILES.objectStore,
        why: "writes the web app's dashboard and search index",
      },
      {
        action: 'dynamodb:BatchWriteItem',
        resource: a.table,
        context: leadingKeys(servingKeys.movie(1).pk, servingKeys.popular('ALL', VERSION).pk),
        via: FILES.servingWriter,
        why: 'writes movies, similar movies and popular lists',
      },
    ],
    denied: [
      ...outsideData(a),
      {
        action: 's3:PutObject',
        resource: a.object(`${PROCESSED}${ORIGIN_FILE}`),
        context: HTTPS,
        why: 'the dataset is read-only after ingest',
      },
    ],
  }),

  'lambdas/handlers/pipeline/publish.ts': (a) => ({
    allowed: [
      ...modelReads(a, FILES.objectStore),
      {
        action: 's3:GetObject',
        resource: a.object(pipelineObjectKeys.profileUsers(OLD_VERSION)),
        context: HTTPS,
        via: FILES.objectStore,
        why: "reads the old version's users to expire their items",
      },
      {
        action: 'dynamodb:GetItem',
        resource: a.table,
        context: leadingKeys(servingKeys.currentModel().pk),
        via: FILES.servingWriter,
        why: 'reads the live model pointer',
      },
      {
        action: 'dynamodb:PutItem',
        resource: a.table,
        context: leadingKeys(servingKeys.currentModel().pk),
        via: FILES.servingWriter,
        why: 'flips MODEL/CURRENT (conditional) and writes the registry entry',
      },
      {
        action: 'dynamodb:UpdateItem',
        resource: a.table,
        context: leadingKeys(servingKeys.userRecommendations(1, OLD_VERSION).pk),
        via: FILES.servingWriter,
        why: "sets the TTL of the old version's items",
      },
    ],
    denied: [
      ...outsideData(a),
      {
        action: 'dynamodb:DeleteItem',
        resource: a.table,
        context: leadingKeys(servingKeys.userRecommendations(1, OLD_VERSION).pk),
        why: 'old versions expire by TTL, never by delete',
      },
      {
        action: 's3:PutObject',
        resource: a.object(modelObjectKeys.manifest(VERSION)),
        context: HTTPS,
        why: 'publishing never rewrites a model version',
      },
    ],
  }),
};

/**
 * The GetObject of an s3:// dataset (none for a named one: GroupLens over HTTPS), of the key
 * `key` makes of the configured one.
 */
function datasetDownload(a: Arns, key: (configured: string) => string): CallRow[] {
  const uri = /^s3:\/\/([^/]+)\/(.+)$/.exec(a.dataset);
  if (uri === null) return [];
  return [
    {
      action: 's3:GetObject',
      resource: `arn:aws:s3:::${uri[1]}/${key(uri[2]!)}`,
      context: HTTPS,
      via: FILES.datasetDownload,
      why: 'downloads the configured dataset archive (no other object of its bucket)',
    },
  ];
}

/** The train step, on Lambda or in the Fargate task: dataset in, model version out. */
function trainCalls(a: Arns): RoleCalls {
  return {
    allowed: [
      {
        action: 's3:GetObject',
        resource: a.object(`${PROCESSED}${ORIGIN_FILE}`),
        context: HTTPS,
        via: FILES.objectStore,
        why: 'reads the processed dataset and its origin',
      },
      {
        action: 's3:GetObject',
        resource: a.object(pipelineObjectKeys.tmdbSnapshot(VERSION)),
        context: HTTPS,
        via: FILES.objectStore,
        why: "reads the version's TMDB snapshot for content features",
      },
      {
        action: 's3:GetObject',
        resource: a.object(tuningKey(PROCESSED)),
        context: HTTPS,
        via: FILES.objectStore,
        why: "reads the Tune state's chosen parameters",
      },
      {
        action: 's3:ListBucket',
        resource: a.bucket,
        context: HTTPS,
        via: FILES.objectStore,
        why: 'a missing optional file answers 404 (no s3:prefix)',
      },
      {
        action: 's3:PutObject',
        resource: a.object(modelObjectKeys.manifest(VERSION)),
        context: HTTPS,
        via: FILES.objectStore,
        why: 'writes the model version files, manifest last',
      },
      {
        action: 's3:PutObject',
        resource: a.object(pipelineObjectKeys.profileUsers(VERSION)),
        context: HTTPS,
        via: FILES.objectStore,
        why: "copies the dataset's profile users into the version",
      },
    ],
    denied: [
      ...outsideData(a),
      {
        action: 's3:PutObject',
        resource: a.object(`${PROCESSED}${ORIGIN_FILE}`),
        context: HTTPS,
        why: 'training never rewrites the dataset',
      },
      {
        action: 'dynamodb:GetItem',
        resource: a.table,
        context: leadingKeys(servingKeys.currentModel().pk),
        why: 'training never touches the table',
      },
    ],
  };
}

/** `[bucket, key]` of the `aws s3 cp s3://… ` command of the task's init container. */
function fetchedBundle(role: CodeRole): [string, string] {
  const containers = role.resource.Properties?.ContainerDefinitions as { Command?: string[] }[];
  const source = containers.flatMap((c) => c.Command ?? []).find((a) => a.startsWith('s3://'));
  const uri = /^s3:\/\/([^/]+)\/(.+)$/.exec(source ?? '');
  if (uri === null) throw new Error(`${role.where}: no container copies an s3:// object`);
  return [uri[1]!, uri[2]!];
}

function arnsOf(app: SynthesizedApp, role: CodeRole): Arns {
  const data = app.resources[app.stacks.data.stackName]!;
  const table = data[DATA_LOGICAL_IDS.table]!.attributes.Arn!;
  const bucket = data[DATA_LOGICAL_IDS.bucket]!.attributes.Arn!;
  return {
    table,
    index: (name) => `${table}/index/${name}`,
    bucket,
    object: (key) => `${bucket}/${key}`,
    role,
    dataset: app.config.dataset,
    tmdbSecret:
      app.stacks.pipeline.tmdbSecret === undefined
        ? undefined
        : (resolveIntrinsics(
            app.stacks.pipeline.resolve(app.stacks.pipeline.tmdbSecret.secretArn),
            { ...app, stackName: app.stacks.pipeline.stackName },
            'TmdbSecretArn',
          ) as string),
  };
}

const decisionOf = (role: CodeRole, row: AwsRequest): Decision =>
  evaluateRequest(role.statements, row);
const show = (row: DeniedRow | CallRow) =>
  `${row.action} on ${row.resource} ${JSON.stringify(row.context ?? {})} (${'via' in row ? `${row.via}: ` : ''}${row.why})`;

/**
 * The default configuration, one whose dataset is an s3:// uri (ingest reads it), and one with
 * TMDB enrichment (the enrich function reads the key's secret).
 */
const apps = [
  synthesizeApp(),
  synthesizeApp({ dataset: 's3://example-datasets/ml-25m.zip' }),
  synthesizeApp({ tmdb: true }),
];

describe.each(apps)('every AWS call of the code with dataset $config.dataset', (app) => {
  const roles = codeRoles(app);

  it('has a call table for every function and task that runs the code, and no other', () => {
    expect(roles.map((role) => role.entry).sort()).toEqual(Object.keys(CALLS).sort());
  });

  describe.each(roles)('$entry ($where)', (role) => {
    const calls = CALLS[role.entry]?.(arnsOf(app, role)) ?? { allowed: [], denied: [] };

    it('is allowed every call its code makes', () => {
      const refused = calls.allowed
        .map((row) => [row, decisionOf(role, row)] as const)
        .filter(([, decision]) => decision !== 'allowed')
        .map(([row, decision]) => `${decision}: ${show(row)}`);
      expect(refused).toEqual([]);
    });

    it('is denied what it must not do', () => {
      const allowed = calls.denied.filter((row) => decisionOf(role, row) === 'allowed');
      expect(allowed.map(show)).toEqual([]);
    });

    it.runIf(role.logGroup !== undefined)('writes its own log group only', () => {
      const stream = (group: string): CallRow => ({
        action: 'logs:PutLogEvents',
        resource: `arn:aws:logs:${app.pseudo.region}:${app.pseudo.accountId}:log-group:${group}:log-stream:2026/12/02/[$LATEST]0f1e`,
        via: 'the Lambda runtime',
        why: 'writes the log lines',
      });
      expect(decisionOf(role, stream(role.logGroup!))).toBe('allowed');
      const others = roles.flatMap((other) =>
        other.logGroup !== undefined && other.logGroup !== role.logGroup ? [other.logGroup] : [],
      );
      expect(others.filter((group) => decisionOf(role, stream(group)) === 'allowed')).toEqual([]);
    });
  });
});

describe('the call table', () => {
  const rows = apps.flatMap((app) =>
    codeRoles(app).flatMap((role) => CALLS[role.entry]?.(arnsOf(app, role)).allowed ?? []),
  );
  const key = (file: string, action: string) => `${file} ${action}`;

  it('has a row for every AWS call in the code', () => {
    const inCode = awsCallsInCode(root);
    expect(inCode.length).toBeGreaterThan(0);
    const covered = new Set(rows.map((row) => key(row.via, row.action)));
    const uncovered = inCode.filter((call) => !covered.has(key(call.file, call.action)));
    expect(
      uncovered.map((call) => `${call.file}:${call.line} ${call.action} has no row in CALLS`),
    ).toEqual([]);
  });

  it('names only calls the code makes (a GetObject implies ListBucket, for its 404)', () => {
    const made = new Set(awsCallsInCode(root).map((call) => key(call.file, call.action)));
    const implied = (row: CallRow) =>
      row.action === 's3:ListBucket' && made.has(key(row.via, 's3:GetObject'));
    const stale = rows.filter(
      (row) =>
        row.via.startsWith('lambdas/') && !made.has(key(row.via, row.action)) && !implied(row),
    );
    expect(stale.map(show)).toEqual([]);
  });
});
