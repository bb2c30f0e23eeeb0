import { markdownTable as table } from './markdown-table.ts';
import { TRAINING_TARGETS, type TrainingBench } from './training-bench.ts';

/** The section is fenced so `movierec bench --only training` can replace it alone in BENCHMARKS.md. */
export const TRAINING_SECTION_START = '<!-- training: start -->';
export const TRAINING_SECTION_END = '<!-- training: end -->';

const f1 = (x: number): string => x.toFixed(1);
const count = (x: number): string => x.toLocaleString('en-US');
const millions = (x: number): string => `${(x / 1e6).toFixed(2)}M`;
const met = (ok: boolean): string => `**${ok ? 'met' : 'not met'}**`;

/** The "Training on every core" section of BENCHMARKS.md, markers included. */
export function trainingBenchSection(bench: TrainingBench, command: string): string {
  const { machine, ials, train, freshStart } = bench;
  const s = ials.shape;
  const rate = ials.ratingsEpochsPerSecond;
  const ratio = rate.wasm / rate.typescript;
  const times = (seconds: number[]): string => seconds.map((x) => `${f1(x)} s`).join(', ');
  const fastestTrain = Math.min(...train.runs.map((r) => r.seconds));
  const d = train.dataset;
  return [
    TRAINING_SECTION_START,
    '## Training on every core (issue 11)',
    '',
    `Measured ${bench.date} by \`${command}\` on ${machine.cores} cores (${machine.cpu}), Node ` +
      `${machine.node}, with other jobs on the machine: each figure has the 1-minute load ` +
      'average beside it, and the ratio, measured in one process with the runs alternating, ' +
      'means more than the absolute times. `movierec bench --only training` re-measures this ' +
      'section alone.',
    '',
    table(
      ['what', 'shape', 'TypeScript path', 'WebAssembly', 'ratio', 'target', 'load'],
      [
        [
          `iALS, ${s.workers} worker threads, CG, k=${s.factors}, ${s.epochs} epochs`,
          `synthetic, ${count(s.ratings)} ratings, ${count(s.users)} users × ${count(s.items)} movies`,
          `${times(ials.seconds.typescript)} (${millions(rate.typescript)} ratings·epochs/s)`,
          `${times(ials.seconds.wasm)} (${millions(rate.wasm)} ratings·epochs/s)`,
          `${ratio.toFixed(2)}×`,
          `≥ ${TRAINING_TARGETS.ialsVsTypescript}× TypeScript: ${met(ratio >= TRAINING_TARGETS.ialsVsTypescript)}; ` +
            `goal ≈ ${millions(TRAINING_TARGETS.ialsRatingsEpochsPerSecond)}: ` +
            met(rate.wasm >= TRAINING_TARGETS.ialsRatingsEpochsPerSecond),
          `${f1(ials.load[0])} → ${f1(ials.load[1])}`,
        ],
      ],
    ),
    '',
    `Times include building the sparse matrices and starting the worker threads; the best of ` +
      `${s.runs} run${s.runs === 1 ? '' : 's'} of each path counts. Final losses: ` +
      `${ials.finalLoss.typescript.toFixed(4)} (TypeScript), ${ials.finalLoss.wasm.toFixed(4)} (WebAssembly).`,
    '',
    table(
      ['what', 'shape', 'wall', 'target', 'load'],
      [
        [
          '`movierec train` (default threads)',
          `${d.name}, ${count(d.ratings)} ratings, ${count(d.users)} users × ${count(d.items)} movies`,
          times(train.runs.map((r) => r.seconds)),
          `≤ ${TRAINING_TARGETS.trainSeconds} s: ${met(fastestTrain <= TRAINING_TARGETS.trainSeconds)}`,
          train.runs.map((r) => f1(r.load)).join(', '),
        ],
        [
          '`npm start -- --fresh` to ready',
          `${d.name}, a fresh state folder`,
          `${f1(freshStart.readySeconds)} s (health answers at ${f1(freshStart.healthSeconds)} s)`,
          `≤ ${TRAINING_TARGETS.freshStartSeconds} s: ${met(freshStart.readySeconds <= TRAINING_TARGETS.freshStartSeconds)}`,
          `${f1(freshStart.load[0])} → ${f1(freshStart.load[1])}`,
        ],
      ],
    ),
    '',
    'Both run the CLI from the sources in a child process, as a user does (`node --import tsx ' +
      'bin/movierec.ts train --json`, and `start --fresh` with a scratch state folder on a free ' +
      'port, stopped with Ctrl-C once GET /api/health answers), so Node, tsx and module start-up ' +
      'count; `train` writes its version to a scratch folder.',
    TRAINING_SECTION_END,
  ].join('\n');
}

/** `markdown` with its training section replaced by `section`, or `section` appended. */
export function mergeTrainingBenchSection(markdown: string, section: string): string {
  const start = markdown.indexOf(TRAINING_SECTION_START);
  const end = markdown.indexOf(TRAINING_SECTION_END, start);
  if (start < 0 || end < 0) return `${markdown.trimEnd()}\n\n${section}\n`;
  return markdown.slice(0, start) + section + markdown.slice(end + TRAINING_SECTION_END.length);
}
