import { randomUUID } from 'node:crypto';
import type { CfnTemplate, LocalResources, PseudoParameters } from './local-resources.ts';
import type { AslMachine, AslState } from './pipeline-definition.ts';
import { allStates, isDistributedMap, pipelineDefinition } from './pipeline-definition.ts';
import type { ChildEvent } from './pipeline-distributed-map.ts';
import { distributedMapHandler } from './pipeline-distributed-map.ts';
import type { FunctionIsolation, TaskHandler } from './pipeline-tasks.ts';
import { LocalTasks } from './pipeline-tasks.ts';
import type { ResourceUsage } from './resource-usage.ts';

export interface PipelineProgressEvent {
  state: string;
  /** `progress`: a running task's report, in `detail` ("rating model, final fit: epoch 4/20 (loss 0.8)"). */
  status: 'entered' | 'progress' | 'succeeded' | 'failed' | 'retrying';
  detail?: string;
}

export interface LocalPipelineOptions {
  /** Every synthesized stack by stack name. */
  templates: Readonly<Record<string, CfnTemplate>>;
  /** Local physical values of their resources (localResources). */
  resources: LocalResources;
  /** The stack holding the AWS::StepFunctions::StateMachine. */
  pipelineStack: string;
  /** Reads an object of the local S3, for the Distributed Map's ItemReader. */
  readObject(bucket: string, key: string): Promise<Uint8Array>;
  /** The execution input. */
  input: { dataset?: string; force?: boolean };
  onProgress?(event: PipelineProgressEvent): void;
  /** Output of tasks that are not Lambda handlers (Fargate task logs, SNS messages). @default console.log */
  log?(line: string): void;
  /**
   * `worker-thread` (default): each function runs in warm worker threads with its own
   * environment, like Lambda containers, so training never blocks this process's event loop.
   * `in-process`: handlers are imported here and share process.env (a conflicting value throws).
   */
  isolation?: FunctionIsolation;
  /** What each Lambda invocation and Fargate task used, beside its template limits. */
  onUsage?: (usage: ResourceUsage) => void;
  /**
   * Stops the run: the execution is aborted, the functions' workers and any task process are
   * stopped, and the result is FAILED with error `ExecutionAborted`.
   */
  signal?: AbortSignal;
  /** Child executions of a Distributed Map at once. @default 2 */
  mapConcurrency?: number;
  /** Pause before each retry of a Retry field, instead of its IntervalSeconds/backoff. @default 100 ms */
  retryIntervalMs?: number;
}

export interface LocalPipelineResult {
  status: 'SUCCEEDED' | 'FAILED';
  output?: unknown;
  error?: string;
  cause?: string;
}

/** Distributed Map states become Tasks with this resource; their handler is local. */
const LOCAL_MAP_RESOURCE = 'arn:aws:states:::local:distributedMap';

/**
 * Runs the pipeline stack's state machine, from its synthesized template, with
 * aws-local-stepfunctions (docs/architecture.md §9): each Lambda task calls the handler module its
 * function is built from (Metadata `movierec:entry`) with the function's environment, in a warm
 * worker thread per function by default (see `isolation`), the
 * Fargate RunTask state runs the task definition's entry (lambdas/tasks/train-task.ts) as a
 * child process, the SNS publish is logged, and the Distributed Map reads its ItemReader's S3
 * object through `readObject` and runs its children two at a time. Retry and Catch work as
 * defined, with short pauses. Resolves with the execution's status; never rejects for a failed
 * execution (its error and cause are in the result), only for a template it cannot run.
 */
export async function runLocalPipeline(
  options: LocalPipelineOptions,
): Promise<LocalPipelineResult> {
  installPromiseWithResolvers();
  const { StateMachine, ExecutionAbortedError, ExecutionError, ExecutionTimeoutError } =
    await import('aws-local-stepfunctions');
  const pseudo = pseudoParameters(options.resources, options.pipelineStack);
  const machine = pipelineDefinition(
    options.templates,
    options.resources,
    pseudo,
    options.pipelineStack,
  );
  const log = options.log ?? ((line: string) => console.log(line));
  const progress = options.onProgress ?? (() => undefined);
  const tasks = new LocalTasks({
    templates: options.templates,
    resources: options.resources,
    pseudo,
    log,
    onProgress: (state, detail) => progress({ state, status: 'progress', detail }),
    ...(options.isolation !== undefined && { isolation: options.isolation }),
    ...(options.onUsage !== undefined && { onUsage: options.onUsage }),
  });

  const definition = structuredClone(machine.definition);
  delete definition.QueryLanguage;
  const handlers: Record<string, TaskHandler> = {};
  const retryIntervalOverrides: Record<string, number> = {};
  const maps: [string, AslState][] = [];
  for (const [name, state] of allStates(definition)) {
    if (state.Retry !== undefined) retryIntervalOverrides[name] = options.retryIntervalMs ?? 100;
    if (isDistributedMap(state)) {
      maps.push([name, state]);
    } else if (state.Type === 'Task' && state.Resource !== undefined) {
      handlers[name] = tasks.handler(name, state.Resource);
      // The library's default task timeout is 60 s; a Lambda's is its configured Timeout.
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
        state.TimeoutSeconds = lambdaTimeout(tasks, name, state.Resource) ?? 900;
      }
    }
  }
  const runOptions = {
    overrides: {
      taskResourceLocalHandlers: handlers as never,
      retryIntervalOverrides,
    },
  };
  const children = new Map<string, (event: ChildEvent) => PipelineProgressEvent | undefined>();
  for (const [name, state] of maps) {
    handlers[name] = distributedMapHandler({
      stateName: name,
      state: structuredClone(state),
      readObject: options.readObject,
      runOptions,
      concurrency: options.mapConcurrency ?? 2,
      onChildEvent: (event, index, total) => {
        const key = `${name}#${index}`;
        const translate = children.get(key) ?? progressTranslator();
        children.set(key, translate);
        const child = translate(event);
        if (child !== undefined)
          progress({ ...child, detail: joinDetail(`item ${index + 1}/${total}`, child.detail) });
      },
    });
    replaceWithTask(definition, name, state);
  }

  const executionName = randomUUID();
  const executionArn = machine.arn.replace(':stateMachine:', ':execution:') + `:${executionName}`;
  const input = Object.fromEntries(
    Object.entries(options.input).filter(([, v]) => v !== undefined),
  );
  const stateMachine = new StateMachine(definition as never, {
    validationOptions: { checkArn: false, checkPaths: true },
  });
  // After validation, which may throw: containers started here are closed in `finally` below.
  tasks.prepareFunctions();
  const execution = stateMachine.run(input as never, {
    ...runOptions,
    context: {
      Execution: { Id: executionArn, Name: executionName, RoleArn: '' },
      StateMachine: { Id: machine.arn, Name: machine.name },
    },
  });
  const abort = () => execution.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  if (options.signal?.aborted === true) abort();
  const translate = progressTranslator();
  const forwarding = (async () => {
    for await (const event of execution.eventLogs) {
      const update = translate(event as ChildEvent);
      if (update !== undefined) progress(update);
    }
  })();
  try {
    const output = await execution.result;
    return { status: 'SUCCEEDED', output };
  } catch (error) {
    if (error instanceof ExecutionAbortedError) {
      return { status: 'FAILED', error: 'ExecutionAborted', cause: 'the run was stopped' };
    }
    if (error instanceof ExecutionTimeoutError) {
      return { status: 'FAILED', error: 'States.Timeout', cause: 'the execution timed out' };
    }
    if (error instanceof ExecutionError) {
      const cause = error.cause as Error;
      return { status: 'FAILED', error: cause.name, cause: cause.message };
    }
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await tasks.close();
    await Promise.race([forwarding, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
}

/** The Map state `name` (in `machine` or a nested machine) as a Task state of the same name. */
function replaceWithTask(machine: AslMachine, name: string, map: AslState): void {
  for (const [stateName, state] of allStatesWithOwner(machine)) {
    if (stateName !== name) continue;
    const task: AslState = {
      Type: 'Task',
      Resource: LOCAL_MAP_RESOURCE,
      Parameters: map.ItemReader?.Parameters ?? {},
      TimeoutSeconds: machine.TimeoutSeconds ?? 43_200,
    };
    for (const field of [
      'Next',
      'End',
      'Retry',
      'Catch',
      'ResultPath',
      'ResultSelector',
      'InputPath',
      'OutputPath',
      'Comment',
    ]) {
      if (map[field] !== undefined || (field === 'ResultPath' && 'ResultPath' in map))
        task[field] = map[field];
    }
    state.owner.States[stateName] = task;
  }
}

function allStatesWithOwner(machine: AslMachine): [string, { owner: AslMachine }][] {
  return Object.entries(machine.States).flatMap(([name, state]) => [
    [name, { owner: machine }] as [string, { owner: AslMachine }],
    ...[state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])]
      .filter((nested): nested is AslMachine => nested !== undefined)
      .flatMap(allStatesWithOwner),
  ]);
}

function lambdaTimeout(tasks: LocalTasks, stateName: string, resource: string): number | undefined {
  if (!/^arn:[^:]+:lambda:/.test(resource)) return undefined;
  return tasks.lambda(stateName, resource).timeoutSeconds;
}

/** Region and account from the state machine's local ARN (localResources made it). */
function pseudoParameters(resources: LocalResources, stackName: string): PseudoParameters {
  for (const resource of Object.values(resources[stackName] ?? {})) {
    const match = /^arn:[^:]+:states:([^:]+):([^:]+):stateMachine:/.exec(resource.ref);
    if (match !== null) return { region: match[1]!, accountId: match[2]! };
  }
  throw new Error(
    `${stackName} has no local state machine ARN to take the region and account from`,
  );
}

/**
 * Turns the library's event log into progress events. A caught failure is reported once, as
 * failed: the library also logs the state as exited (with the error as its output) after it.
 */
function progressTranslator(): (event: ChildEvent) => PipelineProgressEvent | undefined {
  const caught = new Set<string>();
  return (event) => {
    const state = event.state?.name;
    if (state === undefined) return undefined;
    switch (event.type) {
      case 'StateEntered':
        caught.delete(state);
        return { state, status: 'entered' };
      case 'StateExited':
        return caught.delete(state) ? undefined : { state, status: 'succeeded' };
      case 'StateCaught':
        caught.add(state);
        return undefined;
      case 'StateFailed':
        return {
          state,
          status: 'failed',
          detail: `${String(event.Error)}: ${String(event.Cause)}`,
        };
      case 'StateRetried':
        return { state, status: 'retrying', detail: `retry ${event.retry?.attempt ?? '?'}` };
      default:
        return undefined;
    }
  };
}

function joinDetail(a: string, b: string | undefined): string {
  return b === undefined ? a : `${a}: ${b}`;
}

/** aws-local-stepfunctions 3 calls Promise.withResolvers, which Node 20 lacks. */
function installPromiseWithResolvers(): void {
  const promise = Promise as unknown as { withResolvers?: unknown };
  if (typeof promise.withResolvers === 'function') return;
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const created = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise: created, resolve, reject };
    },
  });
}
