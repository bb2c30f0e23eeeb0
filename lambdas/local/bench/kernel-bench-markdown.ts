import type { KernelBench } from './kernel-bench.ts';
import { KERNEL_TARGETS } from './kernel-bench.ts';
import { markdownTable as table } from './markdown-table.ts';

/** The section is fenced so `movierec bench --only kernels` can replace it alone in BENCHMARKS.md. */
export const KERNELS_SECTION_START = '<!-- kernels: start -->';
export const KERNELS_SECTION_END = '<!-- kernels: end -->';

const millions = (x: number): string => `${(x / 1e6).toFixed(x < 1e7 ? 2 : 1)}M`;
const ms = (seconds: number): string => `${(seconds * 1000).toFixed(1)} ms`;
const ratio = (x: number): string => `${x.toFixed(2)}×`;
const loads = (x: number[]): string => x.map((l) => l.toFixed(1)).join(' / ');
const count = (x: number): string => x.toLocaleString('en-US');

/** The "Kernels" section of BENCHMARKS.md, markers included. */
export function kernelBenchSection(bench: KernelBench, command: string): string {
  const { machine, shape, scoring, sgd } = bench;
  const scoringRatio = scoring.wasm / scoring.typescript;
  const sgdVsC = sgd.c === null ? null : sgd.c / sgd.wasm;
  const met = (ok: boolean): string => `**${ok ? 'met' : 'not met'}**`;
  const s = shape.scoring;
  const g = shape.sgd;
  const a = shape.ials;
  const ialsRow = (solver: 'cholesky' | 'cg'): string[] => {
    const { typescript, wasm } = bench.ials[solver];
    return [
      `iALS epoch, ${solver === 'cg' ? `CG (${a.cgSteps} steps)` : 'Cholesky'}, one thread`,
      `${count(a.users)} users × ${count(a.items)} items, ${count(a.ratings)} ratings, k=${a.factors}`,
      `${millions(typescript)} ratings·epochs/s`,
      `${millions(wasm)} ratings·epochs/s`,
      ratio(wasm / typescript),
      `≥ ${KERNEL_TARGETS.ialsVsTypescript}× TypeScript: ${met(wasm / typescript >= KERNEL_TARGETS.ialsVsTypescript)}`,
    ];
  };
  const ratings = (seconds: number): number => g.ratings / seconds;
  return [
    KERNELS_SECTION_START,
    '## Kernels: WebAssembly SIMD against the TypeScript reference',
    '',
    `Measured ${bench.date} by \`${command}\` on ${machine.cores} cores (${machine.cpu}), Node ` +
      `${machine.node}, load average ${loads(bench.loadAverage.start)} (1, 5, 15 min) at the ` +
      `start and ${loads(bench.loadAverage.end)} at the end: the machine is shared, so the ` +
      'ratios, measured in one process with the runs interleaved, mean more than the absolute ' +
      'figures. `movierec bench --only kernels` re-measures this section alone; ' +
      '[docs/kernels.md](docs/kernels.md) describes the kernels.',
    '',
    table(
      ['kernel', 'shape', 'TypeScript', 'WebAssembly', 'ratio', 'target'],
      [
        [
          `top-${s.k} scoring, one thread`,
          `${count(s.users)} users × ${count(s.items)} items, k=${s.factors}, ${s.seen} rated each`,
          `${millions(scoring.typescript)} user·items/s`,
          `${millions(scoring.wasm)} user·items/s`,
          ratio(scoringRatio),
          `≥ ${KERNEL_TARGETS.scoringVsTypescript}× TypeScript: ${met(scoringRatio >= KERNEL_TARGETS.scoringVsTypescript)}`,
        ],
        ialsRow('cholesky'),
        ialsRow('cg'),
        [
          "EASE's SPD inverse, one thread",
          `${count(shape.inverse.n)} × ${count(shape.inverse.n)}`,
          ms(bench.inverse.typescript),
          ms(bench.inverse.wasm),
          ratio(bench.inverse.typescript / bench.inverse.wasm),
          'none set',
        ],
        [
          "iALS's Gramian, one thread",
          `${count(shape.gramian.rows)} rows, k=${shape.gramian.factors}`,
          ms(bench.gramian.typescript),
          ms(bench.gramian.wasm),
          ratio(bench.gramian.typescript / bench.gramian.wasm),
          'none set',
        ],
        [
          "EASE's Gram matrix XᵀX, one thread",
          `${count(shape.easeGram.users)} users × ${count(shape.easeGram.items)} items, ${count(shape.easeGram.ratings)} ratings`,
          ms(bench.easeGram.typescript),
          ms(bench.easeGram.wasm),
          ratio(bench.easeGram.typescript / bench.easeGram.wasm),
          'none set',
        ],
        [
          'rating model SGD epoch',
          `${count(g.users)} users × ${count(g.items)} items, ${count(g.ratings)} ratings, k=64`,
          `${ms(sgd.typescript)} (${millions(ratings(sgd.typescript))} ratings/s)`,
          `${ms(sgd.wasm)} (${millions(ratings(sgd.wasm))} ratings/s)`,
          ratio(sgd.typescript / sgd.wasm),
          sgdVsC === null
            ? `≥ ${KERNEL_TARGETS.sgdVsC}× C: not measured (${sgd.cNote})`
            : `≥ ${KERNEL_TARGETS.sgdVsC}× C: ${ratio(sgdVsC)}, ${met(sgdVsC >= KERNEL_TARGETS.sgdVsC)}`,
        ],
      ],
    ),
    '',
    `Medians of ${shape.runs} runs (SGD: of every epoch of ${shape.runs} runs of ${g.epochs} epochs ` +
      'from the same start and order). Scoring includes the exclusion of rated items and the ' +
      "top-k selection, each kernel's own. iALS times one epoch's row solves of both sides from " +
      "the same start (the Gramians outside the timing), on one thread: the issue's target for " +
      'iALS is set on the 5M-rating synthetic set with 2 workers, which the training section measures. ' +
      (sgd.c === null
        ? `The C build of the SGD loop was ${sgd.cNote.replace('skipped: ', 'skipped (')}).`
        : `The C build of the same SGD loop (\`${sgd.cNote}\`, lambdas/local/bench/sgd-epoch-reference.c): ` +
          `${ms(sgd.c)} an epoch (${millions(ratings(sgd.c))} ratings/s).`),
    `The epochs' squared-error sums differ from the TypeScript reference's by at most ` +
      `${bench.sgdLossDifference.wasm.toExponential(1)} (WebAssembly)` +
      (bench.sgdLossDifference.c === null
        ? '.'
        : ` and ${bench.sgdLossDifference.c.toExponential(1)} (C) relative.`),
    KERNELS_SECTION_END,
  ].join('\n');
}

/** `markdown` with its kernels section replaced by `section`, or `section` appended. */
export function mergeKernelBenchSection(markdown: string, section: string): string {
  const start = markdown.indexOf(KERNELS_SECTION_START);
  const end = markdown.indexOf(KERNELS_SECTION_END, start);
  if (start < 0 || end < 0) return `${markdown.trimEnd()}\n\n${section}\n`;
  return markdown.slice(0, start) + section + markdown.slice(end + KERNELS_SECTION_END.length);
}
