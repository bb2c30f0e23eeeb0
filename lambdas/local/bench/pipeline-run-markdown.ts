import { markdownTable as table } from './markdown-table.ts';
import type { PipelineRunBench } from './pipeline-run.ts';

/** Fenced so `movierec bench --only pipeline-25m` can replace the section alone in BENCHMARKS.md. */
export const PIPELINE_RUN_SECTION_START = '<!-- pipeline-25m: start -->';
export const PIPELINE_RUN_SECTION_END = '<!-- pipeline-25m: end -->';

const count = (x: number): string => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MB`;
const s = (seconds: number): string => `${seconds.toFixed(1)} s`;
const loads = (x: number[]): string => x.map((l) => l.toFixed(1)).join(' / ');

/** The "Pipeline at ml-25m's size" section of BENCHMARKS.md, markers included. */
export function pipelineRunSection(bench: PipelineRunBench, command: string): string {
  const { machine, shape, task } = bench;
  const fits = bench.functions.every(
    (f) => f.maxSeconds <= f.timeoutSeconds && f.peakBytes <= f.memoryMb * 2 ** 20,
  );
  const verdict =
    bench.status === 'SUCCEEDED'
      ? `**succeeded** through the Fargate path; every Lambda step within its memory and timeout: **${fits ? 'yes' : 'no'}**`
      : `**failed**: ${bench.failure ?? 'no cause given'}`;
  return [
    PIPELINE_RUN_SECTION_START,
    "## Pipeline at ml-25m's size under the Lambda limits",
    '',
    `Measured ${bench.date} by \`${command}\` on ${machine.cores} cores (${machine.cpu}), ` +
      `${machine.memoryGb.toFixed(0)} GB, Node ${machine.node}, load average ` +
      `${loads(bench.loadAverage.start)} (1, 5, 15 min) at the start and ` +
      `${loads(bench.loadAverage.end)} at the end: the machine is shared, so the times are upper ` +
      'bounds. `movierec bench --only pipeline-25m` re-measures this section alone ' +
      '([docs/benchmarks.md](docs/benchmarks.md#pipeline-at-ml-25ms-size)).',
    '',
    `A seeded synthetic dataset of ml-25m's shape, ${count(shape.ratings)} ratings by ` +
      `${count(shape.users)} users of ${count(shape.items)} movies and ${count(shape.tags)} tags, ` +
      `as a GroupLens-style zip (ratings, movies, tags, links; ratings.csv ${mb(bench.csvBytes)}, ` +
      `the zip ${mb(bench.zipBytes)}; generated and zipped in ${s(bench.generateSeconds)}), run ` +
      'through the state machine of the synthesized template on the embedded local stack in a ' +
      'fresh state folder: each Lambda in a worker thread with its MemorySize as its heap limit ' +
      'and its Timeout enforced, the Fargate task as a child process. ' +
      (bench.epochs === undefined
        ? 'Training ran its default epochs.'
        : `Training ran ${bench.epochs} epoch${bench.epochs === 1 ? '' : 's'} per model (\`--pipeline-epochs\`) instead of the defaults, to finish on this machine; no array a Lambda step holds depends on it.`),
    '',
    `Result: ${verdict}. Whole run ${s(bench.wallSeconds)} (stack start to live model); ` +
      `${count(bench.shards)} shards wrote ${count(bench.shardItems)} items, the catalogue ` +
      `${count(bench.catalogueItems)}; this process's peak RSS (emulators, stack and every ` +
      `worker) ${mb(bench.processPeakRssBytes)}.`,
    '',
    table(
      ['state', 'wall'],
      bench.states.map((state) => [
        `${state.state}${state.status === 'failed' ? ' (failed)' : ''}`,
        s(state.seconds),
      ]),
    ),
    '',
    table(
      [
        'Lambda step',
        'MemorySize',
        'Timeout',
        'invocations',
        'longest',
        'peak heap',
        'peak outside heap',
        'peak heap + outside',
      ],
      bench.functions.map((f) => [
        f.state,
        `${count(f.memoryMb)} MB`,
        s(f.timeoutSeconds),
        count(f.invocations),
        s(f.maxSeconds),
        mb(f.peakHeapBytes),
        mb(f.peakExternalBytes),
        mb(f.peakBytes),
      ]),
    ),
    '',
    task === undefined
      ? 'The Fargate task did not run.'
      : `Fargate task ${task.family}: ${s(task.seconds)}, peak RSS ` +
        `${task.peakRssBytes === null ? 'not measured' : mb(task.peakRssBytes)} of ` +
        `${task.memoryMiB === undefined ? 'unset' : `${count(task.memoryMiB)} MiB`}.`,
    '',
    "Memory is each worker's own V8 heap in use and its memory outside the heap (typed arrays, " +
      'buffers), sampled every 100 ms on its event loop and as it returns; what Lambda counts ' +
      "also includes the runtime's own tens of MB.",
    PIPELINE_RUN_SECTION_END,
  ].join('\n');
}

/** `markdown` with its pipeline-run section replaced by `section` (appended when it has none). */
export function mergePipelineRunSection(markdown: string, section: string): string {
  const start = markdown.indexOf(PIPELINE_RUN_SECTION_START);
  const end = markdown.indexOf(PIPELINE_RUN_SECTION_END, start);
  if (start < 0 || end < 0) return `${markdown.trimEnd()}\n\n${section}\n`;
  return markdown.slice(0, start) + section + markdown.slice(end + PIPELINE_RUN_SECTION_END.length);
}
