import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stage } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DataStack } from '../../lib/data-stack.ts';
import { AWS_CLI_IMAGE } from '../../lib/fargate-training.ts';
import { NODE_IMAGE } from '../../lib/node-build-container.ts';
import { PIPELINE_STATES, PipelineStack } from '../../lib/pipeline-stack.ts';
import type { PipelineStackProps } from '../../lib/pipeline-stack.ts';
import { createTestApp, policyStatements, unacknowledgedNagFindings } from './test-app.ts';
import type { Statement } from './test-app.ts';

interface State {
  Type: string;
  Retry?: { ErrorEquals: string[] }[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string }[];
  Next?: string;
  Resource?: unknown;
  [key: string]: unknown;
}

function pipeline(app: App = createTestApp(), props: Partial<PipelineStackProps> = {}) {
  const data = new DataStack(app, 'Data', { protectData: false });
  const stack = new PipelineStack(app, 'Pipeline', {
    bucket: data.bucket,
    table: data.table,
    dataset: 'ml-latest-small',
    scheduleEnabled: false,
    topN: 20,
    ...props,
  });
  const template = Template.fromStack(stack);
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  const definition = JSON.parse(
    stack
      .resolve(machine!.Properties.DefinitionString)
      ['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : '<ref>'))
      .join(''),
  ) as { QueryLanguage?: string; StartAt: string; States: Record<string, State> };
  return { stack, template, definition, states: definition.States };
}

describe('PipelineStack', () => {
  const { stack, template, definition, states } = pipeline();

  it('is a JSONPath state machine with every step in order', () => {
    expect(definition.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    expect(definition.StartAt).toBe(PIPELINE_STATES.defaults);
    expect(states[PIPELINE_STATES.ingest]!.Next).toBe(PIPELINE_STATES.enrichChoice);
    expect(states[PIPELINE_STATES.enrich]!.Next).toBe(PIPELINE_STATES.size);
    expect(states[PIPELINE_STATES.enrichSkipped]!.Next).toBe(PIPELINE_STATES.size);
    expect(states[PIPELINE_STATES.trainLambda]!.Next).toBe(PIPELINE_STATES.evaluate);
    expect(states[PIPELINE_STATES.trainFargate]!.Next).toBe(PIPELINE_STATES.evaluate);
    expect(states[PIPELINE_STATES.evaluate]!.Next).toBe(PIPELINE_STATES.gate);
    expect(states[PIPELINE_STATES.shards]!.Next).toBe(PIPELINE_STATES.score);
    expect(states[PIPELINE_STATES.score]!.Next).toBe(PIPELINE_STATES.catalogue);
    expect(states[PIPELINE_STATES.catalogue]!.Next).toBe(PIPELINE_STATES.publish);
    expect(states[PIPELINE_STATES.publish]!.Next).toBe(PIPELINE_STATES.done);
  });

  it('chooses Fargate above the ratings threshold and Lambda below', () => {
    const size = states[PIPELINE_STATES.size] as State & {
      Choices: { Variable: string; NumericGreaterThan: number; Next: string }[];
      Default: string;
    };
    expect(size.Choices).toEqual([
      {
        Variable: '$.ingest.ratings',
        NumericGreaterThan: 2_000_000,
        Next: PIPELINE_STATES.trainFargate,
      },
    ]);
    expect(size.Default).toBe(PIPELINE_STATES.planTuning);
  });

  it('tunes before training on Lambda: a planned Map of trial Lambdas, then the pick step', () => {
    const plan = states[PIPELINE_STATES.planTuning] as State & {
      Result: { trials: { model: string; trial: number; params: object; seed: number }[] };
    };
    expect(plan).toMatchObject({ Type: 'Pass', ResultPath: '$.tuningPlan' });
    expect(plan.Next).toBe(PIPELINE_STATES.tune);
    // The default budget: 8 trials per model, trial 0 of each the defaults.
    expect(plan.Result.trials.map((t) => `${t.model}${t.trial}`)).toEqual([
      ...Array.from({ length: 8 }, (_, n) => `rating${n}`),
      ...Array.from({ length: 8 }, (_, n) => `ranking${n}`),
    ]);
    const tune = states[PIPELINE_STATES.tune] as State & {
      ItemProcessor: { States: Record<string, State> };
    };
    expect(tune).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.tuningPlan.trials',
      ItemSelector: {
        'processedPrefix.$': '$.ingest.processedPrefix',
        'trial.$': '$$.Map.Item.Value',
      },
      MaxConcurrency: 5,
      ResultPath: '$.tuning',
      Next: PIPELINE_STATES.pickTuning,
    });
    const trial = tune.ItemProcessor.States[PIPELINE_STATES.tuneTrial]!;
    expect(trial.Retry?.flatMap((r) => r.ErrorEquals)).toContain('Lambda.TooManyRequestsException');
    expect(trial).toMatchObject({
      Parameters: { 'processedPrefix.$': '$.processedPrefix', 'trial.$': '$.trial' },
    });
    // No ResultPath: the trial's result is the item's output.
    expect(trial.ResultPath).toBeUndefined();
    expect(states[PIPELINE_STATES.pickTuning]).toMatchObject({
      Parameters: { 'trials.$': '$.tuning' },
      ResultPath: '$.tuning',
      Next: PIPELINE_STATES.trainLambda,
    });
    expect(states[PIPELINE_STATES.trainLambda]!.Parameters).toMatchObject({
      'tuningKey.$': '$.tuning.key',
    });
    // The trials only read the datasets; the pick step writes its result beside them.
    const actionsOf = (role: string): string[] =>
      Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(role))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
        .flatMap((st) => st.Action);
    expect(actionsOf('TuneTrialFnRole')).toContain('s3:GetObject');
    expect(actionsOf('TuneTrialFnRole')).not.toContain('s3:PutObject');
    expect(actionsOf('PickTuningFnRole')).toContain('s3:PutObject');
  });

  it('with a budget of 0, trains with the defaults and has no Tune state', () => {
    const untuned = pipeline(createTestApp(), { tuningTrials: 0 });
    const size = untuned.states[PIPELINE_STATES.size] as State & { Default: string };
    expect(size.Default).toBe(PIPELINE_STATES.trainLambda);
    expect(untuned.states[PIPELINE_STATES.tune]).toBeUndefined();
    expect(JSON.stringify(untuned.states[PIPELINE_STATES.trainLambda]!.Parameters)).not.toContain(
      'tuning',
    );
    const env = JSON.stringify(untuned.states[PIPELINE_STATES.trainFargate]!.Parameters);
    expect(env).toContain('{"Name":"TUNING_TRIALS","Value":"0"}');
  });

  it('retries and catches every task, and a caught failure notifies SNS then fails', () => {
    const taskNames = Object.entries(states)
      .filter(([, s]) => s.Type === 'Task' || s.Type === 'Map')
      .map(([name]) => name)
      .filter((name) => name !== PIPELINE_STATES.notify && name !== PIPELINE_STATES.enrich);
    expect(taskNames.sort()).toEqual(
      [
        PIPELINE_STATES.ingest,
        PIPELINE_STATES.tune,
        PIPELINE_STATES.pickTuning,
        PIPELINE_STATES.trainLambda,
        PIPELINE_STATES.trainFargate,
        PIPELINE_STATES.evaluate,
        PIPELINE_STATES.shards,
        PIPELINE_STATES.score,
        PIPELINE_STATES.catalogue,
        PIPELINE_STATES.publish,
      ].sort(),
    );
    for (const name of taskNames) {
      const state = states[name]!;
      // The Tune Map's trials retry inside it; retrying the Map would rerun every trial.
      if (name !== PIPELINE_STATES.tune) expect(state.Retry?.length, name).toBeGreaterThan(0);
      expect(state.Catch, name).toEqual([
        { ErrorEquals: ['States.ALL'], Next: PIPELINE_STATES.notify, ResultPath: '$.error' },
      ]);
    }
    expect(states[PIPELINE_STATES.notify]).toMatchObject({
      Type: 'Task',
      Resource: expect.stringContaining('sns:publish') as unknown,
      Next: PIPELINE_STATES.failed,
    });
    expect(states[PIPELINE_STATES.failed]).toEqual({
      Type: 'Fail',
      ErrorPath: '$.error.Error',
      CausePath: '$.error.Cause',
    });
  });

  it('waits out Lambda throttling patiently on every Lambda task, the shard scoring included', () => {
    type MapState = State & { ItemProcessor: { States: Record<string, State> } };
    const map = states[PIPELINE_STATES.score] as MapState;
    const tune = states[PIPELINE_STATES.tune] as MapState;
    const lambdaTasks = [
      ...Object.entries(states).filter(([, state]) => state.Type === 'Task'),
      [PIPELINE_STATES.scoreShard, map.ItemProcessor.States[PIPELINE_STATES.scoreShard]!] as const,
      [PIPELINE_STATES.tuneTrial, tune.ItemProcessor.States[PIPELINE_STATES.tuneTrial]!] as const,
    ].filter(([name]) => name !== PIPELINE_STATES.notify && name !== PIPELINE_STATES.trainFargate);
    expect(lambdaTasks.length).toBe(10);
    for (const [name, state] of lambdaTasks) {
      const throttled = (state.Retry ?? []).find((retry) =>
        retry.ErrorEquals.includes('Lambda.TooManyRequestsException'),
      ) as Record<string, unknown> | undefined;
      expect(throttled, name).toBeDefined();
      expect(throttled!.ErrorEquals, name).toEqual(
        expect.arrayContaining(['Lambda.ServiceException', 'Lambda.SdkClientException']),
      );
      expect(throttled!.MaxAttempts, name).toBeGreaterThanOrEqual(8);
      expect(throttled!.JitterStrategy, name).toBe('FULL');
      expect(throttled!.MaxDelaySeconds, name).toBe(60);
      // Patience: the longest wait in all (without jitter) covers several minutes of throttling.
      const interval = throttled!.IntervalSeconds as number;
      const rate = throttled!.BackoffRate as number;
      const waits = Array.from({ length: throttled!.MaxAttempts as number }, (_, attempt) =>
        Math.min(60, interval * rate ** attempt),
      );
      expect(
        waits.reduce((a, b) => a + b, 0),
        name,
      ).toBeGreaterThan(300);
    }
  });

  it('enriches from TMDB only when the run asks, and never fails the run for it', () => {
    expect(states[PIPELINE_STATES.defaults]).toMatchObject({
      Result: { dataset: 'ml-latest-small', force: false, enrich: false },
    });
    expect(states[PIPELINE_STATES.enrichChoice]).toMatchObject({
      Type: 'Choice',
      Choices: [{ Variable: '$.run.enrich', BooleanEquals: true, Next: PIPELINE_STATES.enrich }],
      Default: PIPELINE_STATES.enrichSkipped,
    });
    expect(states[PIPELINE_STATES.enrich]).toMatchObject({
      Parameters: {
        'processedPrefix.$': '$.ingest.processedPrefix',
        'version.$': '$.ingest.version',
      },
      ResultPath: '$.enrich',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: PIPELINE_STATES.size, ResultPath: '$.enrich' }],
    });
    expect(states[PIPELINE_STATES.enrichSkipped]).toMatchObject({
      Type: 'Pass',
      Result: { status: 'skipped' },
      ResultPath: '$.enrich',
    });
    // Without TMDB configured there is no secret and the function has no way to one.
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(
      policyStatements(template).filter((s) =>
        s.Action.some((a) => a.startsWith('secretsmanager:')),
      ),
    ).toEqual([]);
  });

  it('the quality gate lets passing versions through and fails the rest with their cause', () => {
    expect(states[PIPELINE_STATES.gate]).toMatchObject({
      Type: 'Choice',
      Choices: [
        { Variable: '$.evaluation.passed', BooleanEquals: true, Next: PIPELINE_STATES.shards },
      ],
      Default: PIPELINE_STATES.gateFailed,
    });
    expect(states[PIPELINE_STATES.gateFailed]).toMatchObject({
      Type: 'Pass',
      Parameters: { Error: 'QualityGateFailed', 'Cause.$': '$.evaluation.cause' },
      ResultPath: '$.error',
      Next: PIPELINE_STATES.notify,
    });
    expect(states[PIPELINE_STATES.evaluate]).toMatchObject({
      Parameters: { 'version.$': '$.ingest.version', 'force.$': '$.run.force' },
    });
    expect(states[PIPELINE_STATES.publish]).toMatchObject({
      Parameters: {
        'version.$': '$.ingest.version',
        'expectedLiveVersion.$': '$.evaluation.liveVersion',
      },
    });
  });

  it('scores shards in a Distributed Map reading the S3 shard manifest', () => {
    const map = states[PIPELINE_STATES.score] as State & {
      ItemReader: {
        Resource: string;
        ReaderConfig: { InputType: string };
        Parameters: Record<string, unknown>;
      };
      ItemProcessor: {
        ProcessorConfig: { Mode: string };
        StartAt: string;
        States: Record<string, State>;
      };
      MaxConcurrency: number;
    };
    expect(map.ItemReader.Resource).toContain('s3:getObject');
    expect(map.ItemReader.ReaderConfig.InputType).toBe('JSON');
    expect(map.ItemReader.Parameters['Key.$']).toBe('$.shards.key');
    expect(map.ItemProcessor.ProcessorConfig.Mode).toBe('DISTRIBUTED');
    // Within a new account's 10 concurrent executions, with room left for the API.
    expect(map.MaxConcurrency).toBe(5);
    expect(
      pipeline(createTestApp(), { maxConcurrency: 40 }).states[PIPELINE_STATES.score],
    ).toMatchObject({ MaxConcurrency: 40 });
    const child = map.ItemProcessor.States[PIPELINE_STATES.scoreShard]!;
    expect(child.Retry?.length).toBeGreaterThan(0);
    expect(child.Parameters).toEqual({
      'version.$': '$.version',
      'shard.$': '$.shard',
      'first.$': '$.first',
      'count.$': '$.count',
    });
  });

  it('trains large datasets with an ECS RunTask .sync on a Fargate task definition', () => {
    const fargate = states[PIPELINE_STATES.trainFargate]!;
    expect(JSON.stringify(fargate.Resource)).toContain('ecs:runTask.sync');
    expect(fargate.Parameters).toMatchObject({
      LaunchType: 'FARGATE',
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'ENABLED' } },
      Overrides: {
        ContainerOverrides: [
          {
            Environment: [
              { Name: 'PROCESSED_PREFIX', 'Value.$': '$.ingest.processedPrefix' },
              { Name: 'MODEL_VERSION', 'Value.$': '$.ingest.version' },
              // Large datasets tune inside the task, with the same budget.
              { Name: 'TUNING_TRIALS', Value: '8' },
            ],
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RequiresCompatibilities: ['FARGATE'],
      Cpu: '4096',
      Memory: '30720',
    });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  it('runs the training task from public images only, so deploying needs no Docker', () => {
    const assembly = Stage.of(stack)!.synth();
    const manifest = JSON.parse(
      readFileSync(join(assembly.directory, `${stack.artifactId}.assets.json`), 'utf8'),
    ) as { dockerImages?: Record<string, unknown> };
    expect(manifest.dockerImages ?? {}).toEqual({});
    const [task] = Object.values(template.findResources('AWS::ECS::TaskDefinition'));
    const containers = task!.Properties.ContainerDefinitions as {
      Name: string;
      Image: unknown;
      Essential?: boolean;
      Command: unknown[];
      User?: string;
      DependsOn?: { ContainerName: string; Condition: string }[];
      MountPoints: { SourceVolume: string; ContainerPath: string; ReadOnly: boolean }[];
    }[];
    const byName = Object.fromEntries(containers.map((c) => [c.Name, c]));
    expect(Object.keys(byName).sort()).toEqual(['fetch', 'train']);
    expect(byName.fetch).toMatchObject({ Image: AWS_CLI_IMAGE, Essential: false });
    expect(byName.fetch!.Command.slice(0, 2)).toEqual(['s3', 'cp']);
    expect(byName.fetch!.Command[3]).toBe('/task/train-task.mjs');
    expect(byName.train).toMatchObject({
      Image: NODE_IMAGE,
      Essential: true,
      User: 'node',
      Command: ['node', '/task/train-task.mjs'],
      DependsOn: [{ ContainerName: 'fetch', Condition: 'SUCCESS' }],
      MountPoints: [{ SourceVolume: 'task-bundle', ContainerPath: '/task', ReadOnly: true }],
    });
    expect(task!.Properties.Volumes).toEqual([{ Name: 'task-bundle' }]);
    expect(NODE_IMAGE).toMatch(/^public\.ecr\.aws\/docker\/library\/node:\d+-slim$/);
  });

  it('lets the task read exactly its bundle from the asset bucket', () => {
    const [task] = Object.values(template.findResources('AWS::ECS::TaskDefinition'));
    const source = JSON.stringify(
      (task!.Properties.ContainerDefinitions as { Name: string; Command: unknown[] }[]).find(
        (c) => c.Name === 'fetch',
      )!.Command[2],
    );
    const key = /([0-9a-f]{64}\.\w+)/.exec(source)?.[1];
    expect(key, 'the fetch command names the asset object').toBeDefined();
    const roleId = (task!.Properties.TaskRoleArn as { 'Fn::GetAtt': [string, string] })[
      'Fn::GetAtt'
    ][0];
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
    const assetGrants = statements.flatMap((statement) =>
      (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource])
        .filter((resource) => JSON.stringify(resource).includes('cdk-hnb659fds-assets'))
        .map((resource) => ({ action: statement.Action, resource: JSON.stringify(resource) })),
    );
    expect(assetGrants).toHaveLength(1);
    expect(assetGrants[0]!.action).toBe('s3:GetObject');
    expect(assetGrants[0]!.resource).toContain(`/${key!}`);
    expect(assetGrants[0]!.resource).not.toContain('*');
  });

  it('has an encrypted SNS topic, and a weekly schedule that is disabled by default', () => {
    const [topic] = Object.values(template.findResources('AWS::SNS::Topic'));
    expect(JSON.stringify(topic!.Properties.KmsMasterKeyId)).toContain('alias/aws/sns');
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 3 ? * SUN *)',
      State: 'DISABLED',
    });
  });

  it('grants the table write actions only to the steps that write it, and never DeleteItem', () => {
    const actions = policyStatements(template).flatMap((s) => s.Action);
    expect(actions).toContain('dynamodb:BatchWriteItem');
    expect(actions).not.toContain('dynamodb:DeleteItem');
    expect(actions).not.toContain('s3:DeleteObject*');
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('logs executions under /aws/vendedlogs/states/, off the account-wide log resource policy', () => {
    const [logGroupId] = Object.keys(
      template.findResources('AWS::Logs::LogGroup', {
        Properties: { LogGroupName: '/aws/vendedlogs/states/Pipeline' },
      }),
    );
    expect(logGroupId).toBeDefined();
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: {
        Destinations: [
          { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] } } },
        ],
      },
    });
  });

  it('lets ingest read the operator files and the profiles, and nothing more of the table', () => {
    const [policy] = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) =>
      id.startsWith('IngestFnRole'),
    );
    const statements = JSON.stringify(
      stack.resolve(policy![1].Properties.PolicyDocument.Statement),
    );
    const ingest = JSON.parse(statements) as Statement[];
    const find = (action: string) =>
      ingest.filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).includes(action));
    const text = (value: unknown) => JSON.stringify(value);
    expect(find('dynamodb:Query')).toHaveLength(1);
    expect(text(find('dynamodb:Query')[0]!.Resource)).toMatch(/\/index\/profiles"/);
    expect(text(find('dynamodb:BatchGetItem')[0]!.Resource)).not.toContain('/index/');
    expect(find('dynamodb:GetItem')).toHaveLength(1);
    for (const action of ['dynamodb:Scan', 'dynamodb:PutItem', 'dynamodb:UpdateItem']) {
      expect(find(action)).toEqual([]);
    }
    const list = find('s3:ListBucket');
    expect(list).toHaveLength(1);
    // Unconditioned, so a missing operator file is a 404 (absent), not a 403.
    expect(list[0]!.Condition).toBeUndefined();
    expect(find('s3:GetObject').map((s) => text(s.Resource))).toEqual([
      expect.stringContaining('/datasets/incoming/*'),
    ]);
  });

  it('passes the cdk-nag AwsSolutions checks', () => {
    expect(unacknowledgedNagFindings(stack)).toEqual([]);
  });

  it('subscribes the alarm e-mail and enables the schedule when configured', () => {
    const configured = pipeline(createTestApp(), {
      scheduleEnabled: true,
      alarmEmail: 'ops@example.com',
    }).template;
    configured.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    configured.hasResourceProperties('AWS::Events::Rule', { State: 'ENABLED' });
  });

  it('without Fargate training, sends large datasets to the failure path with a clear cause', () => {
    const lean = pipeline(createTestApp(), { fargateTraining: false });
    lean.template.resourceCountIs('AWS::ECS::TaskDefinition', 0);
    lean.template.resourceCountIs('AWS::EC2::VPC', 0);
    const size = lean.states[PIPELINE_STATES.size] as State & { Choices: { Next: string }[] };
    expect(size.Choices[0]!.Next).toBe(PIPELINE_STATES.tooLarge);
    expect(lean.states[PIPELINE_STATES.tooLarge]).toMatchObject({
      Type: 'Pass',
      Parameters: { Error: 'DatasetTooLargeForLambda' },
      ResultPath: '$.error',
      Next: PIPELINE_STATES.notify,
    });
    expect(lean.states[PIPELINE_STATES.trainFargate]).toBeUndefined();
    expect(unacknowledgedNagFindings(lean.stack)).toEqual([]);
  });

  describe('with TMDB enrichment', () => {
    const withTmdb = pipeline(createTestApp(), { tmdb: {} });
    const functionOf = (id: string) => {
      const [logicalId] = Object.keys(
        withTmdb.template.findResources('AWS::Lambda::Function'),
      ).filter((name) => name.startsWith(id));
      return logicalId!;
    };
    const rolePolicies = (fnId: string) => {
      const fn = withTmdb.template.findResources('AWS::Lambda::Function')[functionOf(fnId)]!;
      const role = (fn.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
      return Object.values(withTmdb.template.findResources('AWS::IAM::Policy'))
        .filter((p) => JSON.stringify(p.Properties.Roles).includes(role))
        .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
    };

    it('enriches every run by default, with the key in a secret the template never holds', () => {
      expect(withTmdb.states[PIPELINE_STATES.defaults]).toMatchObject({ Result: { enrich: true } });
      withTmdb.template.resourceCountIs('AWS::SecretsManager::Secret', 1);
      withTmdb.template.hasResourceProperties('AWS::SecretsManager::Secret', {
        GenerateSecretString: { SecretStringTemplate: '{"placeholder":true}' },
      });
      const fn = withTmdb.template.findResources('AWS::Lambda::Function')[functionOf('EnrichFn')]!;
      const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
      expect(variables.TMDB_SECRET_ARN).toEqual({
        Ref: expect.stringMatching(/^TmdbKey/) as unknown,
      });
      expect(Object.keys(variables)).not.toContain('TMDB_API_KEY');
      withTmdb.template.hasOutput('TmdbSecretArn', {
        Value: { Ref: Match.stringLikeRegexp('^TmdbKey') },
      });
    });

    it('grants reading the secret to the enrichment function only', () => {
      const readers = Object.values(withTmdb.template.findResources('AWS::IAM::Policy')).filter(
        (p) =>
          JSON.stringify(p.Properties.PolicyDocument).includes('secretsmanager:GetSecretValue'),
      );
      expect(readers).toHaveLength(1);
      expect(
        rolePolicies('EnrichFn').some((s) =>
          ([] as string[]).concat(s.Action).includes('secretsmanager:GetSecretValue'),
        ),
      ).toBe(true);
    });

    it('lets training and the catalogue read the enrichment, and only enrichment write it', () => {
      const writes = (fnId: string) =>
        rolePolicies(fnId)
          .filter((s) => ([] as string[]).concat(s.Action).includes('s3:PutObject'))
          .map((s) => JSON.stringify(s.Resource));
      const reads = (fnId: string) =>
        rolePolicies(fnId)
          .filter((s) => ([] as string[]).concat(s.Action).includes('s3:GetObject'))
          .map((s) => JSON.stringify(s.Resource));
      expect(writes('EnrichFn')).toEqual([expect.stringContaining('/enrichment/tmdb/*')]);
      for (const fnId of ['TrainFn', 'CatalogueFn']) {
        expect(
          reads(fnId).some((r) => r.includes('/enrichment/tmdb/*')),
          fnId,
        ).toBe(true);
        expect(
          writes(fnId).some((r) => r.includes('/enrichment/')),
          fnId,
        ).toBe(false);
      }
    });

    it('references an existing secret by name instead of creating one', () => {
      const existing = pipeline(createTestApp(), { tmdb: { secretName: 'movierec/tmdb' } });
      existing.template.resourceCountIs('AWS::SecretsManager::Secret', 0);
      expect(JSON.stringify(existing.template.toJSON())).toContain('secret:movierec/tmdb');
      expect(unacknowledgedNagFindings(existing.stack)).toEqual([]);
    });

    it('passes the cdk-nag AwsSolutions checks, rotation acknowledged for a third-party token', () => {
      expect(unacknowledgedNagFindings(withTmdb.stack)).toEqual([]);
    });
  });
});
