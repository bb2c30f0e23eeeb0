import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import type { RunOptions, StateMachineDefinition } from 'aws-local-stepfunctions';
import type { AslState } from './pipeline-definition.ts';
import { stateError } from './pipeline-tasks.ts';

/** One event of a child execution, for progress reporting. */
export interface ChildEvent {
  type: string;
  state?: { name: string };
  Error?: unknown;
  Cause?: unknown;
  retry?: { attempt: number };
}

export interface DistributedMapOptions {
  stateName: string;
  /** The Map state as the template defines it (ItemReader, ItemProcessor, tolerances). */
  state: AslState;
  readObject(bucket: string, key: string): Promise<Uint8Array>;
  /** Overrides of the parent run (task handlers, retry intervals), shared by every child. */
  runOptions: RunOptions;
  /** Child executions at once: the template's MaxConcurrency, capped by this. */
  concurrency: number;
  onChildEvent?(event: ChildEvent, index: number, total: number): void;
}

/**
 * A Distributed Map as a local Task: aws-local-stepfunctions has no ItemReader, so the local
 * runner replaces the Map by a Task state of the same name whose Parameters are the
 * ItemReader's (so Bucket and `Key.$` resolve against the state input as in the cloud) and whose
 * handler is this. It reads the JSON array from S3, runs the ItemProcessor once per item as a
 * child execution (at most `concurrency` at once), and fails like the service:
 * `States.ItemReaderFailed` when the items cannot be read, `States.ExceedToleratedFailureThreshold`
 * when more children fail than tolerated. The state's Retry, Catch and ResultPath stay in place.
 */
export function distributedMapHandler(
  options: DistributedMapOptions,
): (input: unknown) => Promise<unknown[]> {
  const { state, stateName } = options;
  const reader = state.ItemReader;
  const processor = state.ItemProcessor ?? state.Iterator;
  if (reader === undefined || processor === undefined) {
    throw new Error(
      `state "${stateName}": a Distributed Map needs an ItemReader and an ItemProcessor locally`,
    );
  }
  for (const unsupported of ['ItemSelector', 'ItemBatcher', 'ResultWriter', 'Parameters']) {
    if (state[unsupported] !== undefined) {
      throw new Error(
        `state "${stateName}": ${unsupported} of a Distributed Map is not supported locally`,
      );
    }
  }
  const inputType = reader.ReaderConfig?.InputType;
  if (!/^arn:[^:]+:states:::s3:getObject$/.test(reader.Resource) || inputType !== 'JSON') {
    throw new Error(
      `state "${stateName}": only an ItemReader of s3:getObject with InputType JSON runs locally (got ${reader.Resource}, ${String(inputType)})`,
    );
  }
  const { ProcessorConfig: _config, ...definition } = processor;
  const child = new StateMachine(definition as unknown as StateMachineDefinition, {
    validationOptions: { noValidate: true },
  });
  const concurrency = Math.max(
    1,
    Math.min(options.concurrency, Number(state.MaxConcurrency) || Infinity),
  );

  return async (input) => {
    const items = await readItems(input, reader.ReaderConfig?.MaxItems);
    const total = items.length;
    const tolerated = toleratedFailures(state, total);
    const results: unknown[] = new Array<unknown>(total);
    const failures: { index: number; error: string; cause: string }[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < total && failures.length <= tolerated) {
        const index = next++;
        const execution = child.run(items[index] as never, options.runOptions);
        void forward(execution.eventLogs, index, total);
        try {
          results[index] = await execution.result;
        } catch (error) {
          const cause = error instanceof ExecutionError ? (error.cause as Error) : (error as Error);
          failures.push({ index, error: cause.name, cause: cause.message });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
    if (failures.length > tolerated) {
      const [first] = failures;
      throw stateError(
        'States.ExceedToleratedFailureThreshold',
        `${failures.length} of ${total} items failed (tolerated: ${tolerated}); item ${first!.index}: ${first!.error}: ${first!.cause}`,
      );
    }
    return results;
  };

  async function readItems(input: unknown, maxItems: number | undefined): Promise<unknown[]> {
    const { Bucket, Key } = (input ?? {}) as { Bucket?: unknown; Key?: unknown };
    if (typeof Bucket !== 'string' || typeof Key !== 'string') {
      throw stateError(
        'States.ItemReaderFailed',
        `${stateName}: ItemReader needs Bucket and Key, got ${JSON.stringify(input)}`,
      );
    }
    let items: unknown;
    try {
      items = JSON.parse(new TextDecoder().decode(await options.readObject(Bucket, Key)));
    } catch (error) {
      throw stateError(
        'States.ItemReaderFailed',
        `${stateName}: reading items from s3://${Bucket}/${Key} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!Array.isArray(items)) {
      throw stateError(
        'States.ItemReaderFailed',
        `${stateName}: s3://${Bucket}/${Key} is not a JSON array`,
      );
    }
    return maxItems === undefined || maxItems <= 0 ? items : items.slice(0, maxItems);
  }

  async function forward(
    events: AsyncGenerator<unknown>,
    index: number,
    total: number,
  ): Promise<void> {
    for await (const event of events) options.onChildEvent?.(event as ChildEvent, index, total);
  }
}

function toleratedFailures(state: AslState, total: number): number {
  const count = Number(state.ToleratedFailureCount ?? 0);
  const percentage = Number(state.ToleratedFailurePercentage ?? 0);
  return Math.max(count, Math.floor((percentage / 100) * total));
}
