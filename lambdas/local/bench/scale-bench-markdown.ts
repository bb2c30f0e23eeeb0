import { markdownTable as table } from './markdown-table.ts';
import { FULL_SCALE, SCALE_TARGETS, type ScalePhase, type ScaleResult } from './scale-run.ts';

/** The section is fenced so `movierec bench --only scale` can replace it alone in BENCHMARKS.md. */
export const SCALE_SECTION_START = '<!-- scale: start -->';
export const SCALE_SECTION_END = '<!-- scale: end -->';

const f1 = (x: number): string => x.toFixed(1);
const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const gb = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(2)} GB`;
const met = (ok: boolean): string => `**${ok ? 'met' : 'not met'}**`;
const shapeOf = (s: { ratings: number; users: number; items: number }): string =>
  `${int(s.ratings)} ratings, ${int(s.users)} users, ${int(s.items)} movies`;

/** The "Scale" section of BENCHMARKS.md, markers included. */
export function scaleBenchSection(scale: ScaleResult, command: string): string {
  const full = scale.ratings >= FULL_SCALE.ratings;
  const { machine } = scale;
  const targetCpu = scale.phases
    .filter((p) => !p.name.startsWith('generate'))
    .reduce((sum, p) => sum + p.cpuSeconds, 0);
  const lines = [
    SCALE_SECTION_START,
    '## Scale: synthetic MovieLens-shaped data',
    '',
    `Measured ${scale.date} by \`${command}\` on ${machine.cores} cores (${machine.cpu}), Node ` +
      `${machine.node}, ${machine.memoryGb.toFixed(1)} GB of memory; other jobs shared the machine ` +
      '(the 1-minute load average at the start and the end of each phase is given). ' +
      '`movierec bench --only scale` re-measures this section alone.',
    '',
    `${shapeOf(scale)} (seeded generator: long-tailed popularity and activity; the target shape ` +
      `is ml-32m's, ${shapeOf(FULL_SCALE)}). Ranking model iALS, k = ${scale.factors}, ` +
      `${scale.epochs} epochs, ${scale.solver} row solver, on ${scale.workers} worker threads; ` +
      `top-${scale.k} for every user on ${scale.workers} worker threads. CPU is the process's CPU ` +
      "time over all threads; peak RSS is the process's (worker threads included).",
    '',
    table(
      ['phase', 'wall', 'CPU', 'peak RSS', 'load'],
      scale.phases.map((p) => [
        p.name,
        `${f1(p.seconds)} s`,
        `${f1(p.cpuSeconds)} s`,
        gb(p.peakRssBytes),
        `${f1(p.load[0])} → ${f1(p.load[1])}`,
      ]),
    ),
    '',
    `- load + train + top-${scale.k}: **${f1(scale.targetSeconds)} s** wall (target at ml-32m's ` +
      `shape: ≤ ${int(SCALE_TARGETS.seconds)} s${full ? `, ${met(scale.targetSeconds <= SCALE_TARGETS.seconds)}` : ''}), ` +
      `peak RSS **${gb(scale.peakRssBytes)}** (target ≤ ${gb(SCALE_TARGETS.peakRssBytes)}` +
      `${full ? `, ${met(scale.peakRssBytes <= SCALE_TARGETS.peakRssBytes)}` : ''})`,
    `- CPU time of load + train + top-${scale.k}: ${f1(targetCpu)} s, so ≈ ` +
      `${f1(targetCpu / scale.workers)} s on ${scale.workers} otherwise idle cores: on a shared ` +
      'machine the wall time is mostly waiting for a core',
    `- training throughput: ${int(scale.trainThroughput)} ratings·epochs/s`,
    `- scoring throughput: ${int(scale.scoreThroughput)} scored user·items/s`,
    `- ratings.csv written and read back: ${(scale.csvBytes / 2 ** 20).toFixed(0)} MB`,
  ];
  if (!full) {
    const at = (name: string) => scale.phases.find((p) => p.name.startsWith(name))!;
    const ratio = FULL_SCALE.ratings / scale.ratings;
    const pairs = (FULL_SCALE.users * FULL_SCALE.items) / (scale.users * scale.items);
    // Load and training grow with the ratings, scoring with users × movies.
    const estimate = (measure: (p: ScalePhase) => number) => {
      const load = measure(at('load')) * ratio;
      const train = measure(at('train')) * ratio;
      const score = measure(at('top-')) * pairs;
      return (
        `load ≈ ${int(load)} s, train ≈ ${int(train)} s, top-${scale.k} ≈ ${int(score)} s, ` +
        `total ≈ ${int(load + train + score)} s`
      );
    };
    lines.push(
      '',
      `This run is ${f1(100 / ratio)}% of the target size. Scaled to ml-32m's shape (load and ` +
        'training linear in the ratings, scoring linear in users × movies):',
      `- from the wall times: ${estimate((p) => p.seconds)};`,
      `- from the CPU times on ${scale.workers} otherwise idle cores: ` +
        `${estimate((p) => p.cpuSeconds / scale.workers)}.`,
      '',
      'Run `movierec bench --only scale` without `--scale-ratings` for the real figure.',
    );
  }
  lines.push(SCALE_SECTION_END);
  return lines.join('\n');
}

/** `markdown` with its scale section replaced by `section`, or `section` appended. */
export function mergeScaleBenchSection(markdown: string, section: string): string {
  const start = markdown.indexOf(SCALE_SECTION_START);
  const end = markdown.indexOf(SCALE_SECTION_END, start);
  if (start < 0 || end < 0) return `${markdown.trimEnd()}\n\n${section}\n`;
  return markdown.slice(0, start) + section + markdown.slice(end + SCALE_SECTION_END.length);
}
