import { loadavg } from 'node:os';
import type { HandlerBundle } from './handler-bundles.ts';
import { bundleHandlers } from './handler-bundles.ts';
import type { HandlerCompute } from './handler-compute.ts';
import { measureRecommendationsCompute } from './handler-compute.ts';
import type { MachineInfo } from './machine.ts';
import { describeMachine } from './machine.ts';
import type { ModuleInit } from './module-init.ts';
import { lambdaEnvironment, measureModuleInit } from './module-init.ts';

/** The budgets of issue 3 (docs/architecture.md §4) for every Lambda of the stack. */
export const API_BUDGETS = {
  /** Minified bundle, in KB of 1,000 bytes. */
  bundleKb: 250,
  /** Module initialisation, median of fresh processes. */
  initMs: 150,
  /** In-process compute of a precomputed-recommendations request, p99. */
  computeP99Ms: 1,
} as const;

export interface HandlerBudget extends HandlerBundle {
  init: ModuleInit;
}

export interface ApiBudgets {
  date: string;
  machine: MachineInfo;
  /** 1, 5 and 15 minute load averages when the measurement started. */
  loadAverage: number[];
  initRuns: number;
  handlers: HandlerBudget[];
  compute: HandlerCompute;
}

/**
 * The API budgets: every handler bundled as the CDK stack bundles it and its size, its module
 * initialisation in fresh processes, and the API's compute for precomputed recommendations.
 */
export async function measureApiBudgets(options: {
  quick: boolean;
  seed: number;
  log: (line: string) => void;
}): Promise<ApiBudgets> {
  const { log } = options;
  const loadAverage = loadavg();
  const date = new Date().toISOString();
  const initRuns = options.quick ? 5 : 15;
  const handlers: HandlerBudget[] = [];
  for (const bundle of await bundleHandlers()) {
    const init = await measureModuleInit(bundle, {
      runs: initRuns,
      env: lambdaEnvironment(`movierec-${bundle.name.replace('/', '-')}`),
    });
    log(
      `  ${bundle.name}: ${(bundle.bytes / 1000).toFixed(1)} KB, ` +
        `init p50 ${init.total.p50Ms.toFixed(0)} ms`,
    );
    handlers.push({ ...bundle, init });
  }
  const compute = await measureRecommendationsCompute({
    iterations: options.quick ? 3000 : 20_000,
    seed: options.seed,
  });
  log(`  ${compute.route}: p50 ${compute.p50Ms.toFixed(3)} ms, p99 ${compute.p99Ms.toFixed(3)} ms`);
  return { date, machine: describeMachine(), loadAverage, initRuns, handlers, compute };
}
