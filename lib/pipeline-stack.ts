import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { PIPELINE_SEED, planPipelineTuning } from '../lambdas/app/pipeline/tuning-trials.ts';
import { PROFILE_INDEX } from '../lambdas/app/serving/serving-keys.ts';
import { DATA_PREFIXES } from './data-stack.ts';
import { FargateTraining } from './fargate-training.ts';
import { MovieRecFunction } from './movierec-function.ts';
import { acknowledgeGeneratedPolicyWildcards } from './nag-acknowledgements.ts';

export interface PipelineStackProps extends StackProps {
  readonly bucket: IBucket;
  readonly table: ITable;
  /** Dataset of the scheduled run and of a manual start without one: a name or s3:// uri. */
  readonly dataset: string;
  /** The weekly EventBridge schedule (Sunday 03:00 UTC) is created disabled unless true. */
  readonly scheduleEnabled: boolean;
  /** Length of each user's precomputed list. */
  readonly topN: number;
  /** Failed executions are e-mailed here when given. */
  readonly alarmEmail?: string;
  /** Datasets with more ratings than this train on Fargate, smaller ones on Lambda. @default 2,000,000 */
  readonly fargateRatingsThreshold?: number;
  /** Users per Distributed Map item. @default 2000 */
  readonly shardSize?: number;
  /** Shards scored at once: within the account's Lambda concurrency. @default 5 */
  readonly maxConcurrency?: number;
  /** Relative regression the quality gate tolerates. @default 0.02 */
  readonly qualityTolerance?: number;
  /**
   * Train large datasets in a Fargate task (public images running the task bundle the deploy
   * uploads: no Docker needed). With false, datasets above the threshold fail with a clear
   * cause instead and the stack has no VPC. @default true
   */
  readonly fargateTraining?: boolean;
  /**
   * TMDB enrichment (docs/enrichment.md): the Enrich state runs by default, with the key in this
   * Secrets Manager secret, created by the stack unless `secretName` names an existing one.
   * Absent: no secret, and runs skip the state unless their input asks (`"enrich": true`, as
   * the local stack does with TMDB_API_KEY set).
   */
  readonly tmdb?: { readonly secretName?: string };
  /**
   * Trials per model of the Tune state before training (trial 0 the defaults); 0 trains with the
   * defaults and leaves the state out. @default 8
   */
  readonly tuningTrials?: number;
}

/**
 * Names of the states, fixed: the local runner overrides states by name
 * (docs/architecture.md §9).
 */
export const PIPELINE_STATES = {
  defaults: 'Apply defaults',
  input: 'Merge input',
  ingest: 'Ingest dataset',
  enrichChoice: 'TMDB enrichment?',
  enrich: 'Enrich from TMDB',
  enrichSkipped: 'Enrichment skipped',
  size: 'Dataset size?',
  planTuning: 'Plan tuning',
  tune: 'Tune',
  tuneTrial: 'Tune trial',
  pickTuning: 'Pick tuning',
  trainLambda: 'Train on Lambda',
  trainFargate: 'Train on Fargate',
  tooLarge: 'Too large for Lambda',
  evaluate: 'Evaluate',
  gate: 'Quality gate',
  gateFailed: 'Quality gate failed',
  shards: 'Write shard manifest',
  score: 'Score user shards',
  scoreShard: 'Score shard',
  catalogue: 'Write catalogue',
  publish: 'Publish',
  notify: 'Notify failure',
  failed: 'Pipeline failed',
  done: 'Published',
} as const;

const root = fileURLToPath(new URL('..', import.meta.url));
const handlerEntry = (name: string): string => join(root, `lambdas/handlers/pipeline/${name}.ts`);

/**
 * Lambda's own refusals: throttling (the account's concurrent executions are in use, often only
 * 10 on a new account) and service hiccups. Retried patiently, since waiting is the cure.
 */
const LAMBDA_CAPACITY_ERRORS = [
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
];

/** Errors of a step's own AWS calls worth retrying: throttling that outlasted the SDK's retries. */
const TRANSIENT_ERRORS = [
  'Lambda.ClientExecutionTimeoutException',
  'UnprocessedItemsError',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'TimeoutError',
];

/**
 * The training pipeline (docs/architecture.md §3): a Step Functions state machine in JSONPath that
 * ingests a dataset, trains on Lambda or Fargate by size, evaluates against the live model behind a
 * quality gate, scores user shards in a Distributed Map, writes the catalogue and publishes with
 * one conditional write. Any failure notifies an SNS topic and fails the execution before the
 * pointer moves, so the live model stays as it was.
 */
export class PipelineStack extends Stack {
  readonly stateMachine: sfn.StateMachine;
  readonly topic: sns.Topic;
  readonly schedule: events.Rule;
  /** Absent when the stack is built with `fargateTraining: false`. */
  readonly fargateTraining: FargateTraining | undefined;
  /** The secret holding the TMDB key; absent without `tmdb`. */
  readonly tmdbSecret: secretsmanager.ISecret | undefined;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { bucket, table } = props;
    const threshold = props.fargateRatingsThreshold ?? 2_000_000;
    const datasets = DATA_PREFIXES.datasets;
    const models = DATA_PREFIXES.models;
    const pipelineEnv = {
      TOP_N: String(props.topN),
      SHARD_SIZE: String(props.shardSize ?? 2000),
      QUALITY_TOLERANCE: String(props.qualityTolerance ?? 0.02),
    };
    const fn = (
      id: string,
      handler: string,
      memorySize: number,
      timeout: Duration,
      description: string,
    ) =>
      new MovieRecFunction(this, id, {
        entry: handlerEntry(handler),
        serviceName: 'movierec-pipeline',
        description,
        memorySize,
        timeout,
        environment: pipelineEnv,
      });

    // Memory stays at 3008 MB, the default account limit; datasets too big for it train on Fargate.
    const ingest = fn(
      'IngestFn',
      'ingest',
      3008,
      Duration.minutes(15),
      'Pipeline: download, validate and store a dataset with the operator files and profiles',
    )
      .bindBucket(bucket, 'write', datasets)
      // Ingest keeps the archive under datasets/raw/ first, then reads that copy by ranges.
      .bindBucket(bucket, 'read', `${datasets}raw/`)
      .bindBucket(bucket, 'read', DATA_PREFIXES.incoming)
      // The profiles' ratings: their keys from the sparse index, the items, the counter.
      .bindTableActions(table, ['dynamodb:Query'], PROFILE_INDEX.name)
      .bindTableActions(table, ['dynamodb:GetItem', 'dynamodb:BatchGetItem']);
    grantDatasetSource(ingest, props.dataset);
    const tuningTrials = props.tuningTrials ?? 8;
    const tuneTrialFn =
      tuningTrials > 0
        ? fn(
            'TuneTrialFn',
            'tune-trial',
            3008,
            Duration.minutes(15),
            'Pipeline: train and validate one tuning trial (small datasets)',
          ).bindBucket(bucket, 'read', datasets)
        : undefined;
    const pickTuningFn =
      tuningTrials > 0
        ? fn(
            'PickTuningFn',
            'pick-tuning',
            512,
            Duration.minutes(1),
            'Pipeline: choose the best tuning trial of each model',
          ).bindBucket(bucket, 'write', datasets)
        : undefined;
    const train = fn(
      'TrainFn',
      'train',
      3008,
      Duration.minutes(15),
      'Pipeline: train a model version (small datasets)',
    )
      .bindBucket(bucket, 'read', datasets)
      .bindBucket(bucket, 'write', models);
    const evaluate = fn(
      'EvaluateFn',
      'evaluate',
      512,
      Duration.minutes(1),
      'Pipeline: holdout metrics vs the live model',
    )
      .bindBucket(bucket, 'read', models)
      .bindTable(table, 'read');
    const shardManifest = fn(
      'ShardManifestFn',
      'shard-manifest',
      512,
      Duration.minutes(2),
      'Pipeline: user shard manifest',
    )
      .bindBucket(bucket, 'read', models)
      .bindBucket(bucket, 'write', models);
    const scoreShard = fn(
      'ScoreShardFn',
      'score-shard',
      3008,
      Duration.minutes(15),
      'Pipeline: top-N and vectors of one user shard',
    )
      .bindBucket(bucket, 'read', models)
      .bindTable(table, 'write');
    const catalogue = fn(
      'CatalogueFn',
      'catalogue',
      3008,
      Duration.minutes(15),
      'Pipeline: movies, similar movies, popular lists, web JSON',
    )
      .bindBucket(bucket, 'read', datasets)
      .bindBucket(bucket, 'read', models)
      .bindBucket(bucket, 'write', models)
      .bindTable(table, 'write');
    const publish = fn(
      'PublishFn',
      'publish',
      1024,
      Duration.minutes(15),
      'Pipeline: flip MODEL/CURRENT, expire the old version',
    )
      .bindBucket(bucket, 'read', models)
      .bindTable(table, 'read')
      .bindTable(table, 'write');

    const enrich = fn(
      'EnrichFn',
      'enrich',
      1024,
      Duration.minutes(15),
      'Pipeline: TMDB details and reviews of the movies (cached in the bucket)',
    )
      .bindBucket(bucket, 'read', datasets)
      .bindBucket(bucket, 'read', DATA_PREFIXES.enrichment)
      .bindBucket(bucket, 'write', DATA_PREFIXES.enrichment);
    train.bindBucket(bucket, 'read', DATA_PREFIXES.enrichment);
    catalogue.bindBucket(bucket, 'read', DATA_PREFIXES.enrichment);
    this.tmdbSecret =
      props.tmdb === undefined ? undefined : tmdbSecret(this, props.tmdb.secretName);
    if (this.tmdbSecret !== undefined) {
      this.tmdbSecret.grantRead(enrich);
      enrich.addEnvironment('TMDB_SECRET_ARN', this.tmdbSecret.secretArn);
    }

    this.fargateTraining =
      props.fargateTraining === false
        ? undefined
        : new FargateTraining(this, 'FargateTraining', { bucket });

    // ---- Notifications -----------------------------------------------------------------------
    this.topic = new sns.Topic(this, 'FailureTopic', {
      displayName: 'MovieRec training pipeline failures',
      enforceSSL: true,
      masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
    });
    if (props.alarmEmail !== undefined) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }

    // ---- State machine -----------------------------------------------------------------------
    const notify = new tasks.SnsPublish(this, PIPELINE_STATES.notify, {
      topic: this.topic,
      subject: 'MovieRec training pipeline failed',
      message: sfn.TaskInput.fromObject({
        execution: sfn.JsonPath.executionId,
        error: sfn.JsonPath.stringAt('$.error.Error'),
        cause: sfn.JsonPath.stringAt('$.error.Cause'),
      }),
      resultPath: sfn.JsonPath.DISCARD,
    });
    notify.addRetry({
      errors: ['SNS.SdkClientException', 'SNS.InternalErrorException'],
      maxAttempts: 3,
    });
    notify.next(
      new sfn.Fail(this, PIPELINE_STATES.failed, {
        errorPath: '$.error.Error',
        causePath: '$.error.Cause',
      }),
    );
    const guard = <T extends sfn.TaskStateBase | sfn.Map | sfn.DistributedMap>(
      state: T,
      ...retries: sfn.RetryProps[]
    ): T => {
      for (const retry of retries) state.addRetry(retry);
      state.addCatch(notify, { errors: [sfn.Errors.ALL], resultPath: '$.error' });
      return state;
    };
    // Full jitter spreads the retries of many shards throttled at once; capped at a minute, ten
    // attempts wait up to about six minutes in all for a slot.
    const capacityRetry: sfn.RetryProps = {
      errors: LAMBDA_CAPACITY_ERRORS,
      interval: Duration.seconds(2),
      maxAttempts: 10,
      backoffRate: 2,
      maxDelay: Duration.minutes(1),
      jitterStrategy: sfn.JitterType.FULL,
    };
    const lambdaRetry: sfn.RetryProps = {
      errors: TRANSIENT_ERRORS,
      interval: Duration.seconds(2),
      maxAttempts: 3,
      backoffRate: 2,
      jitterStrategy: sfn.JitterType.FULL,
    };
    const lambdaTask = (
      name: string,
      lambdaFunction: MovieRecFunction,
      payload: sfn.TaskInput,
      /** Absent: the result replaces the input (the Map's trials). */
      resultPath?: string,
    ) =>
      new tasks.LambdaInvoke(this, name, {
        lambdaFunction,
        payload,
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
        resultPath,
      });
    const invoke = (
      name: string,
      lambdaFunction: MovieRecFunction,
      payload: Record<string, unknown>,
      resultPath: string,
    ) =>
      guard(
        lambdaTask(name, lambdaFunction, sfn.TaskInput.fromObject(payload), resultPath),
        capacityRetry,
        lambdaRetry,
      );
    const version = sfn.JsonPath.stringAt('$.ingest.version');
    const processedPrefix = sfn.JsonPath.stringAt('$.ingest.processedPrefix');

    const defaults = new sfn.Pass(this, PIPELINE_STATES.defaults, {
      result: sfn.Result.fromObject({
        dataset: props.dataset,
        force: false,
        enrich: props.tmdb !== undefined,
      }),
      resultPath: '$.defaults',
    });
    const merge = new sfn.Pass(this, PIPELINE_STATES.input, {
      parameters: { 'run.$': 'States.JsonMerge($.defaults, $$.Execution.Input, false)' },
    });
    const ingestStep = invoke(
      PIPELINE_STATES.ingest,
      ingest,
      { dataset: sfn.JsonPath.stringAt('$.run.dataset') },
      '$.ingest',
    );
    const trainOnLambda = invoke(
      PIPELINE_STATES.trainLambda,
      train,
      {
        processedPrefix,
        version,
        ...(tuningTrials > 0 && { tuningKey: sfn.JsonPath.stringAt('$.tuning.key') }),
      },
      '$.train',
    );
    // Tune (small datasets): a Map of trial Lambdas over a plan fixed at synthesis (it depends on
    // the trial budget and the seed only), then the pick step stores the choice for Train.
    const tuneThenTrain =
      tuneTrialFn === undefined || pickTuningFn === undefined
        ? trainOnLambda
        : new sfn.Pass(this, PIPELINE_STATES.planTuning, {
            result: sfn.Result.fromObject({
              trials: planPipelineTuning(tuningTrials, PIPELINE_SEED),
            }),
            resultPath: '$.tuningPlan',
          })
            .next(
              guard(
                new sfn.Map(this, PIPELINE_STATES.tune, {
                  itemsPath: '$.tuningPlan.trials',
                  itemSelector: {
                    processedPrefix,
                    'trial.$': '$$.Map.Item.Value',
                  },
                  maxConcurrency: props.maxConcurrency ?? 5,
                  resultPath: '$.tuning',
                }).itemProcessor(
                  lambdaTask(
                    PIPELINE_STATES.tuneTrial,
                    tuneTrialFn,
                    sfn.TaskInput.fromObject({
                      processedPrefix: sfn.JsonPath.stringAt('$.processedPrefix'),
                      trial: sfn.JsonPath.objectAt('$.trial'),
                    }),
                  )
                    .addRetry(capacityRetry)
                    .addRetry(lambdaRetry),
                ),
              ),
            )
            .next(
              invoke(
                PIPELINE_STATES.pickTuning,
                pickTuningFn,
                { processedPrefix, trials: sfn.JsonPath.listAt('$.tuning') },
                '$.tuning',
              ),
            )
            .next(trainOnLambda);
    const evaluateStep = invoke(
      PIPELINE_STATES.evaluate,
      evaluate,
      { version, force: sfn.JsonPath.stringAt('$.run.force') },
      '$.evaluation',
    );
    const gateFailed = new sfn.Pass(this, PIPELINE_STATES.gateFailed, {
      parameters: { Error: 'QualityGateFailed', 'Cause.$': '$.evaluation.cause' },
      resultPath: '$.error',
    }).next(notify);
    const shardsStep = invoke(PIPELINE_STATES.shards, shardManifest, { version }, '$.shards');
    // The child's failures surface as the Map's failure, which the parent catches.
    const scoreChild = lambdaTask(
      PIPELINE_STATES.scoreShard,
      scoreShard,
      sfn.TaskInput.fromObject({
        version: sfn.JsonPath.stringAt('$.version'),
        shard: sfn.JsonPath.numberAt('$.shard'),
        first: sfn.JsonPath.numberAt('$.first'),
        count: sfn.JsonPath.numberAt('$.count'),
      }),
      sfn.JsonPath.DISCARD,
    )
      .addRetry(capacityRetry)
      .addRetry(lambdaRetry);
    const scoreMap = guard(
      new sfn.DistributedMap(this, PIPELINE_STATES.score, {
        itemReader: new sfn.S3JsonItemReader({
          bucket,
          key: sfn.JsonPath.stringAt('$.shards.key'),
        }),
        maxConcurrency: props.maxConcurrency ?? 5,
        mapExecutionType: sfn.StateMachineType.STANDARD,
        toleratedFailurePercentage: 0,
        resultPath: sfn.JsonPath.DISCARD,
      }).itemProcessor(scoreChild),
      {
        errors: ['States.ItemReaderFailed'],
        interval: Duration.seconds(5),
        maxAttempts: 2,
        backoffRate: 2,
      },
    );
    const catalogueStep = invoke(
      PIPELINE_STATES.catalogue,
      catalogue,
      { version, processedPrefix },
      '$.catalogue',
    );
    const publishStep = invoke(
      PIPELINE_STATES.publish,
      publish,
      { version, expectedLiveVersion: sfn.JsonPath.stringAt('$.evaluation.liveVersion') },
      '$.publish',
    );

    const afterTraining = evaluateStep.next(
      new sfn.Choice(this, PIPELINE_STATES.gate)
        .when(
          sfn.Condition.booleanEquals('$.evaluation.passed', true),
          shardsStep
            .next(scoreMap)
            .next(catalogueStep)
            .next(publishStep)
            .next(new sfn.Succeed(this, PIPELINE_STATES.done)),
        )
        .otherwise(gateFailed),
    );
    // Only without Fargate: an unreachable state fails the definition's validation.
    const tooLarge = (): sfn.IChainable =>
      new sfn.Pass(this, PIPELINE_STATES.tooLarge, {
        parameters: {
          Error: 'DatasetTooLargeForLambda',
          Cause: `The dataset has more than ${threshold} ratings and this deployment has no Fargate training (fargateTraining: false); deploy with it enabled.`,
        },
        resultPath: '$.error',
      }).next(notify);
    const trainLarge =
      this.fargateTraining === undefined
        ? tooLarge()
        : guard(
            this.fargateTraining.runTask(PIPELINE_STATES.trainFargate, {
              processedPrefix,
              version,
              tuningTrials,
            }),
            {
              errors: [
                'ECS.AmazonECSException',
                'ECS.ServerException',
                'ECS.LimitExceededException',
              ],
              interval: Duration.seconds(30),
              maxAttempts: 2,
              backoffRate: 2,
            },
          ).next(afterTraining);
    const sizeChoice = new sfn.Choice(this, PIPELINE_STATES.size)
      .when(sfn.Condition.numberGreaterThan('$.ingest.ratings', threshold), trainLarge)
      .otherwise(tuneThenTrain.next(afterTraining));
    // Enrichment never fails a run: the step itself stops for TMDB's failures and says so in
    // its result, and anything else it throws (after the retries) is caught into $.enrich.
    const enrichStep = lambdaTask(
      PIPELINE_STATES.enrich,
      enrich,
      sfn.TaskInput.fromObject({ processedPrefix, version }),
      '$.enrich',
    )
      .addRetry(capacityRetry)
      .addRetry(lambdaRetry)
      .addCatch(sizeChoice, { errors: [sfn.Errors.ALL], resultPath: '$.enrich' })
      .next(sizeChoice);
    const enrichSkipped = new sfn.Pass(this, PIPELINE_STATES.enrichSkipped, {
      result: sfn.Result.fromObject({ status: 'skipped', reason: 'no TMDB key configured' }),
      resultPath: '$.enrich',
    }).next(sizeChoice);
    const definition = defaults
      .next(merge)
      .next(ingestStep)
      .next(
        new sfn.Choice(this, PIPELINE_STATES.enrichChoice)
          .when(sfn.Condition.booleanEquals('$.run.enrich', true), enrichStep)
          .otherwise(enrichSkipped),
      );

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      queryLanguage: sfn.QueryLanguage.JSON_PATH,
      comment:
        'MovieRec training pipeline: ingest → enrich → train → evaluate → gate → score → catalogue → publish',
      timeout: Duration.hours(12),
      tracingEnabled: true,
      logs: {
        destination: new logs.LogGroup(this, 'StateMachineLogs', {
          // Step Functions adds every other log group to the account's CloudWatch Logs resource
          // policy (5,120 characters per region), which fills up; /aws/vendedlogs/ needs no entry.
          logGroupName: `/aws/vendedlogs/states/${this.stackName}`,
          retention: logs.RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        level: sfn.LogLevel.ALL,
        includeExecutionData: true,
      },
    });
    acknowledgeGeneratedPolicyWildcards(
      this.stateMachine,
      'Generated by the Step Functions integrations: invoking a pipeline function covers its versions (":*"), the Distributed Map starts and stops its own child executions and its ItemReader reads the shard manifest whose key is only known at run time (read-only, data bucket), and X-Ray and log delivery support no resource-level permissions.',
    );

    new CfnOutput(this, 'StateMachineArn', {
      value: this.stateMachine.stateMachineArn,
      description:
        'Start a training run: aws stepfunctions start-execution --state-machine-arn <this> --input \'{"dataset":"ml-latest-small"}\'',
    });
    new CfnOutput(this, 'FailureTopicArn', { value: this.topic.topicArn });
    if (this.tmdbSecret !== undefined) {
      new CfnOutput(this, 'TmdbSecretArn', {
        value: this.tmdbSecret.secretArn,
        description:
          'Put the TMDB key: aws secretsmanager put-secret-value --secret-id <this> --secret-string <key>',
      });
    }

    this.schedule = new events.Rule(this, 'WeeklySchedule', {
      description: 'Weekly retraining of the MovieRec model (enable with -c scheduleEnabled=true)',
      schedule: events.Schedule.cron({ weekDay: 'SUN', hour: '3', minute: '0' }),
      enabled: props.scheduleEnabled,
      targets: [
        new targets.SfnStateMachine(this.stateMachine, {
          input: events.RuleTargetInput.fromObject({ dataset: props.dataset }),
        }),
      ],
    });
  }
}

/**
 * The secret holding the TMDB key: an existing one by name, or a new one whose generated value
 * is a placeholder (`{"placeholder":true,…}`) until the operator puts the key
 * (docs/enrichment.md), so the key never appears in a template.
 */
function tmdbSecret(scope: Construct, secretName: string | undefined): secretsmanager.ISecret {
  if (secretName !== undefined) {
    return secretsmanager.Secret.fromSecretNameV2(scope, 'TmdbKey', secretName);
  }
  const secret = new secretsmanager.Secret(scope, 'TmdbKey', {
    description:
      'MovieRec: the TMDB API key or read access token used by the pipeline enrichment step',
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ placeholder: true }),
      generateStringKey: 'value',
    },
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      "The secret holds a third-party TMDB API token, issued in TMDB's account settings: AWS cannot rotate it, the operator replaces it there and puts the new one.",
  });
  return secret;
}

/** Lets ingest read the configured dataset when it is an s3:// uri in another bucket. */
function grantDatasetSource(ingest: MovieRecFunction, dataset: string): void {
  const s3Uri = /^s3:\/\/([^/]+)\/(.+)$/.exec(dataset);
  if (s3Uri === null) return;
  ingest.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [`arn:${Stack.of(ingest).partition}:s3:::${s3Uri[1]}/${s3Uri[2]}`],
    }),
  );
}
