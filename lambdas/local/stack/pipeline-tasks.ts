import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { LocalFunction } from './local-function.ts';
import { ENTRY_METADATA, lambdaContext, localFunction } from './local-function.ts';
import type { CfnTemplate, LocalResources, PseudoParameters } from './local-resources.ts';
import { applyFunctionEnvironment } from './pipeline-environment.ts';
import { LambdaContainers } from './pipeline-lambda-containers.ts';
import type { ResourceUsage } from './resource-usage.ts';
import { REPOSITORY_ROOT } from './synthesize-app.ts';
import { parseTaskLogLine } from './task-log-line.ts';
import type { IntrinsicContext } from './template-intrinsics.ts';
import { resolveIntrinsics } from './template-intrinsics.ts';

/** What a Task state does locally: its effective input (after Parameters) → its result. */
export type TaskHandler = (input: unknown) => Promise<unknown>;

/** An error as Step Functions sees it: `name` is what Retry and Catch match, the message the Cause. */
export function stateError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export interface TaskBindings {
  templates: Readonly<Record<string, CfnTemplate>>;
  resources: LocalResources;
  pseudo: PseudoParameters;
  /** Lines of task output (Fargate task logs, SNS messages). */
  log: (line: string) => void;
  /**
   * A task's progress report, e.g. "ranking model, final fit: epoch 6/15" (from the train Lambda in a worker
   * thread, or the Fargate task); in-process functions log theirs to stdout instead.
   */
  onProgress?: (stateName: string, text: string) => void;
  /**
   * Where Lambda handlers run: `worker-thread` (default) gives each function warm worker
   * threads with its own environment, like containers, keeping this event loop free;
   * `in-process` imports them here, sharing process.env (conflicting values are errors).
   */
  isolation?: FunctionIsolation;
  /**
   * What each Lambda invocation (in worker threads) and each Fargate task used, beside its
   * template limits: for a bench to show that the steps fit them.
   */
  onUsage?: (usage: ResourceUsage) => void;
}

export type FunctionIsolation = 'worker-thread' | 'in-process';

/**
 * Binds Task states to local code by their Resource, the way the service would dispatch them:
 * a Lambda function ARN (or `states:::lambda:invoke` with FunctionName) → the handler module the
 * function is built from (its `movierec:entry` metadata); `states:::ecs:runTask(.sync)` → the
 * task definition's entry run as a child process with the container overrides' environment;
 * `states:::sns:publish` → a log line. Anything else is refused up front with the state's name.
 */
export class LocalTasks {
  private readonly functionsByArn = new Map<string, { stackName: string; logicalId: string }>();
  private readonly handlers = new Map<string, Promise<LambdaHandlerOf>>();
  /** Functions bound so far, by "stack/logicalId". */
  private readonly bound = new Map<string, LocalFunction>();

  private readonly containers: LambdaContainers | undefined;
  private readonly processes = new Set<ChildProcess>();

  constructor(private readonly bindings: TaskBindings) {
    this.containers =
      (bindings.isolation ?? 'worker-thread') === 'worker-thread'
        ? new LambdaContainers()
        : undefined;
    for (const [stackName, template] of Object.entries(bindings.templates)) {
      for (const [logicalId, resource] of Object.entries(template.Resources)) {
        if (resource.Type !== 'AWS::Lambda::Function') continue;
        const local = bindings.resources[stackName]?.[logicalId];
        if (local === undefined) continue;
        for (const key of [local.ref, local.attributes.Arn]) {
          if (key !== undefined) this.functionsByArn.set(key, { stackName, logicalId });
        }
      }
    }
  }

  /** The local handler of the Task state `stateName` with resource `resource`. */
  handler(stateName: string, resource: string): TaskHandler {
    if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(resource)) {
      const fn = this.lambda(stateName, resource);
      return (input) => this.invoke(stateName, fn, input);
    }
    if (/^arn:[^:]+:states:::lambda:invoke$/.test(resource)) {
      return async (input) => {
        const { FunctionName, Payload } = (input ?? {}) as {
          FunctionName?: string;
          Payload?: unknown;
        };
        if (typeof FunctionName !== 'string') {
          throw stateError('States.Runtime', `${stateName}: lambda:invoke without FunctionName`);
        }
        const payload = await this.invoke(
          stateName,
          this.lambda(stateName, FunctionName),
          Payload ?? {},
        );
        return { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200 };
      };
    }
    if (/^arn:[^:]+:states:::ecs:runTask(\.sync)?$/.test(resource)) {
      return (input) => this.runTask(stateName, input);
    }
    if (/^arn:[^:]+:states:::sns:publish$/.test(resource)) {
      return (input) => {
        const { TopicArn, Subject, Message } = (input ?? {}) as Record<string, unknown>;
        const text = typeof Message === 'string' ? Message : JSON.stringify(Message);
        this.bindings.log(
          `${stateName}: SNS message to ${String(TopicArn)} (not sent locally): ${Subject === undefined ? '' : `${String(Subject)}: `}${text}`,
        );
        return Promise.resolve({ MessageId: randomUUID() });
      };
    }
    throw new Error(`state "${stateName}": resource ${resource} has no local implementation`);
  }

  /** The function bound to a Lambda ARN or name (a version or alias qualifier is ignored). */
  lambda(stateName: string, arnOrName: string): LocalFunction {
    const unqualified = arnOrName.replace(
      /^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+):.+$/,
      '$1',
    );
    const found = this.functionsByArn.get(unqualified);
    if (found === undefined) {
      throw new Error(
        `state "${stateName}": no AWS::Lambda::Function of the synthesized stacks is ${arnOrName}`,
      );
    }
    const owner = `${found.stackName}/${found.logicalId}`;
    let fn = this.bound.get(owner);
    if (fn === undefined) {
      fn = localFunction(this.context(found.stackName), found.logicalId);
      this.bound.set(owner, fn);
    }
    return fn;
  }

  /**
   * Readies every function bound so far, before the run. In worker threads: starts a container
   * per function in the background, so cold starts overlap earlier states. In process: applies every function's
   * environment up front, because configuration is read once per process by whichever function
   * comes first and must see the variables only some functions have (TABLE_NAME) too;
   * conflicting values throw here, before anything runs.
   */
  prepareFunctions(): void {
    if (this.containers !== undefined) {
      // Each container has its own environment; start them now to overlap their cold starts.
      void this.containers.prewarm(this.bound.values());
      return;
    }
    for (const [owner, fn] of this.bound) applyFunctionEnvironment(owner, fn.environment);
  }

  private context(stackName: string): IntrinsicContext {
    const { templates, resources, pseudo } = this.bindings;
    return { templates, resources, pseudo, stackName };
  }

  /** Stops the functions' worker threads and any task process still running. */
  close(): Promise<void> {
    for (const child of this.processes) child.kill();
    this.processes.clear();
    return this.containers?.close() ?? Promise.resolve();
  }

  /** Calls the function's handler as Lambda would: its environment first, a JSON payload in and out. */
  private async invoke(stateName: string, fn: LocalFunction, input: unknown): Promise<unknown> {
    const event = JSON.parse(JSON.stringify(input ?? null)) as unknown;
    if (this.containers !== undefined) {
      const { onUsage } = this.bindings;
      return this.containers.invoke(
        fn,
        event,
        (text) => this.bindings.onProgress?.(stateName, text),
        onUsage &&
          (({ seconds, memory, result }) =>
            onUsage({
              kind: 'lambda',
              state: stateName,
              function: fn.logicalId,
              memoryMb: fn.memoryMb,
              timeoutSeconds: fn.timeoutSeconds,
              seconds,
              peakHeapBytes: memory.heap,
              peakExternalBytes: memory.external,
              peakBytes: memory.total,
              result,
            })),
      );
    }
    const owner = `${fn.stackName}/${fn.logicalId}`;
    applyFunctionEnvironment(owner, fn.environment);
    let loading = this.handlers.get(owner);
    if (loading === undefined) {
      loading = importHandler(fn);
      this.handlers.set(owner, loading);
    }
    const handler = await loading;
    const context = lambdaContext(fn, randomUUID(), Date.now() + fn.timeoutSeconds * 1000);
    const result = await handler(event, context);
    return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
  }

  /** ECS RunTask(.sync): the task definition's entry in a child process, like a container. */
  private async runTask(stateName: string, input: unknown): Promise<unknown> {
    const request = (input ?? {}) as {
      TaskDefinition?: string;
      Overrides?: {
        ContainerOverrides?: { Name?: string; Environment?: { Name: string; Value: string }[] }[];
      };
    };
    const task = this.taskDefinition(stateName, request.TaskDefinition);
    const environment: Record<string, string> = {};
    for (const container of task.containers) {
      const override = request.Overrides?.ContainerOverrides?.find(
        (o) => o.Name === container.Name,
      );
      for (const variable of [...(container.Environment ?? []), ...(override?.Environment ?? [])]) {
        environment[variable.Name] = variable.Value;
      }
    }
    this.bindings.log(`${stateName}: running ${task.entry} as the ${task.family} task`);
    const started = performance.now();
    const { code, lastLines, peakRssBytes } = await runNodeEntry(
      task,
      environment,
      (line) => {
        const sorted = parseTaskLogLine(line, 'INFO');
        if (sorted.kind === 'progress') this.bindings.onProgress?.(stateName, sorted.text);
        else this.bindings.log(`${stateName}: ${line}`);
      },
      this.processes,
    );
    this.bindings.onUsage?.({
      kind: 'task',
      state: stateName,
      family: task.family,
      memoryMiB: task.memoryMiB,
      seconds: (performance.now() - started) / 1000,
      peakRssBytes,
    });
    if (code !== 0) {
      throw stateError(
        'States.TaskFailed',
        `Essential container in task exited with code ${code}: ${lastLines.join('\n')}`,
      );
    }
    return {
      LastStatus: 'STOPPED',
      StopCode: 'EssentialContainerExited',
      Containers: [{ ExitCode: 0 }],
    };
  }

  private taskDefinition(
    stateName: string,
    reference: string | undefined,
  ): {
    family: string;
    entry: string;
    memoryMiB: number | undefined;
    containers: { Name?: string; Environment?: { Name: string; Value: string }[] }[];
  } {
    for (const [stackName, template] of Object.entries(this.bindings.templates)) {
      for (const [logicalId, resource] of Object.entries(template.Resources)) {
        if (resource.Type !== 'AWS::ECS::TaskDefinition') continue;
        const family = resource.Properties?.Family;
        const arn = this.bindings.resources[stackName]?.[logicalId]?.ref;
        const matches =
          reference === family ||
          reference === arn ||
          (reference !== undefined && arn?.startsWith(`${reference.replace(/:\d+$/, '')}:`));
        if (!matches) continue;
        const entry = resource.Metadata?.[ENTRY_METADATA];
        if (typeof entry !== 'string') {
          throw new Error(
            `state "${stateName}": task definition ${stackName}/${logicalId} has no "${ENTRY_METADATA}" metadata naming its source`,
          );
        }
        const containers = resolveIntrinsics(
          resource.Properties?.ContainerDefinitions ?? [],
          this.context(stackName),
          `Resources.${logicalId}.Properties.ContainerDefinitions`,
        ) as { Name?: string; Environment?: { Name: string; Value: string }[] }[];
        const memory = Number(resource.Properties?.Memory);
        return {
          family: typeof family === 'string' ? family : logicalId,
          entry: isAbsolute(entry) ? entry : join(REPOSITORY_ROOT, entry),
          memoryMiB: Number.isFinite(memory) && memory > 0 ? memory : undefined,
          containers,
        };
      }
    }
    throw new Error(
      `state "${stateName}": no AWS::ECS::TaskDefinition of the synthesized stacks is ${String(reference)}`,
    );
  }
}

type LambdaHandlerOf = (event: unknown, context: unknown) => Promise<unknown>;

async function importHandler(fn: LocalFunction): Promise<LambdaHandlerOf> {
  const module = (await import(pathToFileURL(fn.entry).href)) as Record<string, unknown>;
  const handler = module[fn.exportName];
  if (typeof handler !== 'function') {
    throw new Error(`${fn.entry} does not export a function "${fn.exportName}"`);
  }
  return handler as LambdaHandlerOf;
}

/**
 * Runs a TypeScript entry with Node (tsx) and this process's environment plus `environment`;
 * its peak resident memory is its Linux high-water mark (VmHWM), read every half second until
 * it exits (null where there is no /proc).
 */
function runNodeEntry(
  task: { entry: string; memoryMiB: number | undefined },
  environment: Record<string, string>,
  onLine: (line: string) => void,
  running: Set<ChildProcess>,
): Promise<{ code: number; lastLines: string[]; peakRssBytes: number | null }> {
  // The heap the task's memory allows, as a container of that size would (Node's default is less).
  const heap =
    task.memoryMiB === undefined
      ? []
      : [`--max-old-space-size=${Math.floor(task.memoryMiB * 0.9)}`];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...heap, '--import', 'tsx', task.entry], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lastLines: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (line.trim() === '') return;
        onLine(line);
        lastLines.push(line);
        if (lastLines.length > 5) lastLines.shift();
      });
    }
    running.add(child);
    let peakRssBytes: number | null = null;
    const sample = () => {
      const hwm = child.pid === undefined ? null : highWaterMark(child.pid);
      if (hwm !== null) peakRssBytes = Math.max(peakRssBytes ?? 0, hwm);
    };
    const sampler = setInterval(sample, 500);
    child.on('error', (error) => {
      clearInterval(sampler);
      running.delete(child);
      reject(error);
    });
    child.on('exit', sample);
    child.on('close', (code) => {
      clearInterval(sampler);
      running.delete(child);
      resolve({ code: code ?? 1, lastLines, peakRssBytes });
    });
  });
}

/** A process's peak resident memory in bytes (VmHWM), or null when it cannot be read. */
function highWaterMark(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}
