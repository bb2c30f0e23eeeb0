import type { LoadBench, LoadRun } from './load-bench.ts';
import { LOAD_TARGET } from './load-bench.ts';
import { markdownTable as table } from './markdown-table.ts';

/** The section is fenced so `movierec bench --only load` can replace it alone in BENCHMARKS.md. */
export const LOAD_SECTION_START = '<!-- load-bench: start -->';
export const LOAD_SECTION_END = '<!-- load-bench: end -->';

const count = (x: number): string => Math.round(x).toLocaleString('en-US');
/** One autocannon run as a table row, and its header (the profile section shares both). */
export const loadRunCells = (run: LoadRun): string[] => [
  String(run.connections),
  `${Math.round(run.durationS)} s`,
  count(run.requests),
  count(run.requestsPerSecond),
  `${run.p50Ms} ms`,
  `${run.p90Ms} ms`,
  `${run.p99Ms} ms`,
  `${run.maxMs} ms`,
  String(run.errors),
  String(run.non2xx),
];
export const LOAD_RUN_HEADER = [
  'connections',
  'duration',
  'requests',
  'req/s',
  'p50',
  'p90',
  'p99',
  'max',
  'errors',
  'non-2xx',
];

/** The "Load" section of BENCHMARKS.md, markers included, the final run beside its targets. */
export function loadBenchSection(bench: LoadBench, command: string): string {
  const { machine, final } = bench;
  const load = bench.loadAverage.map((x) => x.toFixed(1)).join(' / ');
  const meets =
    final.errors === 0 &&
    final.non2xx === 0 &&
    final.requestsPerSecond >= LOAD_TARGET.requestsPerSecond &&
    final.p99Ms <= LOAD_TARGET.p99Ms;
  return [
    LOAD_SECTION_START,
    '## Load: recommendations over HTTP',
    '',
    `Measured ${bench.date} by \`${command}\` on ${machine.cores} cores (${machine.cpu}), Node ` +
      `${machine.node}, load average ${load} (1, 5, 15 min) at the start.`,
    '`movierec bench --only load` re-measures this section alone.',
    '',
    `\`GET ${bench.route}\` for random known users (${count(bench.users)} users of the built-in`,
    'ml-latest-small, default limit) against the embedded local stack (`startLocalStack`: the',
    "API's Lambda handler behind its HTTP server, DynamoDB and S3 emulated on a worker thread),",
    'started fresh in a child process so that the load generator (autocannon, pipelining 1)',
    'and the server each have their own event loop. Short runs over 1, 2, 4, … 64 connections find',
    'the highest throughput with no errors and no non-2xx answers (within the p99 target if any',
    'run is); the final run holds the fewest connections that reach 95% of it (the knee: more',
    `connections only queue) for ${Math.round(final.durationS)} s. Latencies in whole milliseconds.`,
    `Target: ≥ ${LOAD_TARGET.requestsPerSecond} req/s with p99 ≤ ${LOAD_TARGET.p99Ms} ms and no ` +
      `errors: **${meets ? 'met' : 'not met'}**.`,
    '',
    table(LOAD_RUN_HEADER, [loadRunCells(final)]),
    '',
    'The search:',
    '',
    table(LOAD_RUN_HEADER, bench.search.map(loadRunCells)),
    LOAD_SECTION_END,
  ].join('\n');
}

/** `markdown` with its load section replaced by `section` (appended when it has none). */
export function mergeLoadBenchSection(markdown: string, section: string): string {
  const start = markdown.indexOf(LOAD_SECTION_START);
  const end = markdown.indexOf(LOAD_SECTION_END, start);
  if (start < 0 || end < 0) return `${markdown.trimEnd()}\n\n${section}\n`;
  return markdown.slice(0, start) + section + markdown.slice(end + LOAD_SECTION_END.length);
}
