import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPipelineOptions } from '../../../../lambdas/local/stack/local-pipeline.ts';
import { runLocalPipeline } from '../../../../lambdas/local/stack/local-pipeline.ts';
import type { CfnTemplate } from '../../../../lambdas/local/stack/local-resources.ts';
import { localResources } from '../../../../lambdas/local/stack/local-resources.ts';

/**
 * The runner's Step Functions semantics on a small hand-written stack whose functions are
 * modules written to a temp folder: Retry with the template's intervals made short, a
 * Distributed Map fed from its ItemReader, its failure modes, Catch into a Fail state, the
 * ECS RunTask state as a child process, and the shared-environment guard.
 */
let dir: string;
const pseudo = { region: 'eu-west-1', accountId: '111111111111' };

beforeAll(async () => {
  // The local process's log level wins over the template's, in every function.
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  dir = await mkdtemp(join(tmpdir(), 'local-pipeline-unit-'));
  await writeFile(
    join(dir, 'flaky.mjs'),
    `const calls = new Map();
export async function handler(event, context) {
  if (event.dataset === 'slow') await new Promise((resolve) => setTimeout(resolve, 60000));
  const n = (calls.get(event.dataset) ?? 0) + 1;
  calls.set(event.dataset, n);
  if (event.dataset.startsWith('flaky') && n <= 2) {
    const error = new Error('slow downstream');
    error.name = 'TimeoutError';
    throw error;
  }
  return {
    attempts: n,
    env: process.env.LP_UNIT_SHARED,
    level: process.env.POWERTOOLS_LOG_LEVEL,
    fn: context.functionName,
  };
}`,
  );
  await writeFile(
    join(dir, 'double.mjs'),
    `export const handler = async (item) => {
  if (item.n < 0) {
    const error = new Error('negative item ' + item.n);
    error.name = 'BadItem';
    throw error;
  }
  return { value: item.n * 2, env: process.env.LP_UNIT_SHARED };
};`,
  );
  await writeFile(
    join(dir, 'task.mjs'),
    `console.log('ran ' + process.env.FIXED + ' ' + process.env.MODE);
if (process.env.MODE === 'fail') { console.error('training blew up'); process.exit(3); }`,
  );
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const fn = (entry: string, variables: Record<string, string>) => ({
  Type: 'AWS::Lambda::Function',
  Metadata: { 'movierec:entry': join(dir, entry), 'movierec:handler': 'handler' },
  Properties: { Timeout: 5, Environment: { Variables: variables } },
});

const definition = {
  StartAt: 'Flaky',
  States: {
    Flaky: {
      Type: 'Task',
      Resource: '${FlakyArn}',
      Parameters: { 'dataset.$': '$.dataset' },
      ResultPath: '$.flaky',
      Retry: [{ ErrorEquals: ['TimeoutError'], IntervalSeconds: 30, MaxAttempts: 3 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
      Next: 'Train',
    },
    Train: {
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::ecs:runTask.sync',
      Parameters: {
        TaskDefinition: 'UnitTrain',
        Overrides: {
          ContainerOverrides: [
            { Name: 'train', Environment: [{ Name: 'MODE', 'Value.$': '$.mode' }] },
          ],
        },
      },
      ResultPath: null,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
      Next: 'Items',
    },
    Items: {
      Type: 'Map',
      ItemReader: {
        Resource: 'arn:${AWS::Partition}:states:::s3:getObject',
        ReaderConfig: { InputType: 'JSON' },
        Parameters: { Bucket: '${Bucket}', 'Key.$': '$.dataset' },
      },
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Double',
        States: { Double: { Type: 'Task', Resource: '${DoubleArn}', End: true } },
      },
      MaxConcurrency: 10,
      ResultPath: '$.doubled',
      Retry: [{ ErrorEquals: ['States.ItemReaderFailed'], IntervalSeconds: 30, MaxAttempts: 1 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' },
  },
};

function templates(doubleShared = 'same'): Record<string, CfnTemplate> {
  return {
    'Unit-Pipeline': {
      Resources: {
        FlakyFn: fn('flaky.mjs', { LP_UNIT_SHARED: 'same', POWERTOOLS_LOG_LEVEL: 'INFO' }),
        DoubleFn: fn('double.mjs', { LP_UNIT_SHARED: doubleShared }),
        Bucket: { Type: 'AWS::S3::Bucket' },
        TrainTask: {
          Type: 'AWS::ECS::TaskDefinition',
          Metadata: { 'movierec:entry': join(dir, 'task.mjs') },
          Properties: {
            Family: 'UnitTrain',
            ContainerDefinitions: [{ Name: 'train', Environment: [{ Name: 'FIXED', Value: 'x' }] }],
          },
        },
        Machine: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            DefinitionString: {
              'Fn::Sub': [
                JSON.stringify(definition),
                {
                  FlakyArn: { 'Fn::GetAtt': ['FlakyFn', 'Arn'] },
                  DoubleArn: { 'Fn::GetAtt': ['DoubleFn', 'Arn'] },
                },
              ],
            },
          },
        },
      },
    },
  };
}

const objects: Record<string, unknown> = {
  'flaky-three.json': [{ n: 1 }, { n: 2 }, { n: 3 }],
  'three.json': [{ n: 1 }, { n: 2 }, { n: 3 }],
  'negative.json': [{ n: 1 }, { n: -5 }, { n: 3 }],
};

function run(
  dataset: string,
  mode = 'ok',
  overrides: Partial<LocalPipelineOptions> = {},
  stacks = templates(),
) {
  const events: { state: string; status: string; detail?: string }[] = [];
  const logs: string[] = [];
  const reads: string[] = [];
  const result = runLocalPipeline({
    templates: stacks,
    resources: localResources(stacks, pseudo),
    pipelineStack: 'Unit-Pipeline',
    readObject: (bucket, key) => {
      reads.push(`${bucket}/${key}`);
      const body = objects[key];
      return body === undefined
        ? Promise.reject(new Error(`NoSuchKey: ${key}`))
        : Promise.resolve(new TextEncoder().encode(JSON.stringify(body)));
    },
    input: { dataset, mode } as LocalPipelineOptions['input'],
    onProgress: (event) => events.push(event),
    log: (line) => logs.push(line),
    ...overrides,
  });
  return { result, events, logs, reads };
}

describe('runLocalPipeline semantics', () => {
  it('retries with short pauses, runs the task and feeds the Distributed Map from S3', async () => {
    const started = performance.now();
    const { result, events, logs, reads } = run('flaky-three.json');
    const outcome = await result;
    expect(outcome).toMatchObject({
      status: 'SUCCEEDED',
      output: {
        flaky: { attempts: 3, env: 'same', level: 'ERROR', fn: 'Unit-Pipeline-FlakyFn' },
        doubled: [
          { value: 2, env: 'same' },
          { value: 4, env: 'same' },
          { value: 6, env: 'same' },
        ],
      },
    });
    expect(performance.now() - started).toBeLessThan(20_000); // the template says 30 s per retry
    expect(events.filter((e) => e.state === 'Flaky').map((e) => e.status)).toEqual([
      'entered',
      'failed',
      'retrying',
      'failed',
      'retrying',
      'succeeded',
    ]);
    expect(reads).toEqual(['unit-pipeline-bucket/flaky-three.json']);
    expect(events.filter((e) => e.state === 'Double' && e.status === 'succeeded')).toHaveLength(3);
    expect(logs).toContain('Train: ran x ok');
  });

  it('fails the Map when a child fails, through its Catch into the Fail state', async () => {
    const outcome = await run('negative.json').result;
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toBe('States.ExceedToleratedFailureThreshold');
    expect(outcome.cause).toMatch(/1 of 3 items failed .*item 1: BadItem: negative item -5/);
  });

  it('retries an unreadable ItemReader object as States.ItemReaderFailed, then fails', async () => {
    const { result, events } = run('missing.json');
    const outcome = await result;
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
    expect(outcome.cause).toMatch(/s3:\/\/unit-pipeline-bucket\/missing\.json failed: NoSuchKey/);
    expect(events.filter((e) => e.state === 'Items' && e.status === 'retrying')).toHaveLength(1);
  });

  it('fails a RunTask whose process exits non-zero with its last output as the cause', async () => {
    const outcome = await run('flaky-three.json', 'fail').result;
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(outcome.cause).toMatch(/exited with code 3:[\s\S]*training blew up/);
  });

  it('gives each function its own environment in worker threads (the default)', async () => {
    const outcome = await run('three.json', 'ok', {}, templates('other')).result;
    expect(outcome).toMatchObject({
      status: 'SUCCEEDED',
      output: {
        flaky: { env: 'same' },
        doubled: [{ env: 'other' }, { env: 'other' }, { env: 'other' }],
      },
    });
  });

  it('in-process, refuses functions that need different values of one variable', async () => {
    const inProcess = { isolation: 'in-process' } as const;
    expect((await run('three.json', 'ok', inProcess).result).status).toBe('SUCCEEDED');
    expect(process.env.LP_UNIT_SHARED).toBe('same');
    await expect(run('three.json', 'ok', inProcess, templates('other')).result).rejects.toThrow(
      /DoubleFn needs LP_UNIT_SHARED=other, but .* LP_UNIT_SHARED=same/,
    );
  });

  it('stops a run when its signal aborts, worker and all', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const outcome = await run('slow', 'ok', {
      signal: controller.signal,
      onProgress: (event) => {
        if (event.state === 'Flaky' && event.status === 'entered') controller.abort();
      },
    }).result;
    expect(outcome).toEqual({
      status: 'FAILED',
      error: 'ExecutionAborted',
      cause: 'the run was stopped',
    });
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('names the stack when it holds no state machine', async () => {
    await expect(
      runLocalPipeline({
        templates: { Empty: { Resources: {} } },
        resources: {},
        pipelineStack: 'Empty',
        readObject: () => Promise.reject(new Error('unused')),
        input: {},
      }),
    ).rejects.toThrow(/Empty/);
  });
});
