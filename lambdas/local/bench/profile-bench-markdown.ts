import type { LoadRun } from './load-bench.ts';
import { LOAD_RUN_HEADER, loadRunCells } from './load-bench-markdown.ts';
import { markdownTable as table } from './markdown-table.ts';
import type { ProfileBench } from './profile-bench.ts';
import { PROFILE_TARGET } from './profile-bench.ts';

/** Fenced so `movierec bench --only profiles` can replace the section alone in BENCHMARKS.md. */
export const PROFILE_SECTION_START = '<!-- profile-bench: start -->';
export const PROFILE_SECTION_END = '<!-- profile-bench: end -->';

const count = (x: number): string => Math.round(x).toLocaleString('en-US');
const HEADER = ['route', ...LOAD_RUN_HEADER];
const row = (route: string, run: LoadRun): string[] => [`\`${route}\``, ...loadRunCells(run)];
const clean = (run: LoadRun): boolean => run.errors === 0 && run.non2xx === 0;

/** The "Profiles" section of BENCHMARKS.md, markers included: final runs beside the targets. */
export function profileBenchSection(bench: ProfileBench, command: string): string {
  const { machine, writes, recommendations } = bench;
  const load = bench.loadAverage.map((x) => x.toFixed(1)).join(' / ');
  const meets =
    clean(writes.final) &&
    clean(recommendations.final) &&
    writes.final.requestsPerSecond >= PROFILE_TARGET.writesPerSecond &&
    recommendations.final.p99Ms <= PROFILE_TARGET.recommendationsP99Ms;
  return [
    PROFILE_SECTION_START,
    '## Load: profile ratings and recommendations over HTTP',
    '',
    `Measured ${bench.date} by \`${command}\` on ${machine.cores} cores (${machine.cpu}), Node ` +
      `${machine.node}, load average ${load} (1, 5, 15 min) at the start.`,
    '`movierec bench --only profiles` re-measures this section alone.',
    '',
    `${count(bench.profiles)} profiles, each given ${bench.ratingsPerProfile} ratings first, on the`,
    'embedded local stack in a child process as in the load section (the per-address creation',
    'limit raised through the API environment; the per-profile limits as deployed). Rating writes',
    '(one conditional UpdateItem each, random profiles, movies and half-star ratings) and live',
    'profile recommendations (a consistent read of the profile, then the fold-in) for random',
    'profiles, each searched over 1, 2, 4, … 64 connections and held at the knee.',
    `Targets: ≥ ${PROFILE_TARGET.writesPerSecond} writes/s, recommendations p99 ≤ ` +
      `${PROFILE_TARGET.recommendationsP99Ms} ms, no errors: **${meets ? 'met' : 'not met'}**.`,
    '',
    table(HEADER, [
      row(writes.route, writes.final),
      row(recommendations.route, recommendations.final),
    ]),
    '',
    'The searches:',
    '',
    table(HEADER, [
      ...writes.search.map((run) => row(writes.route, run)),
      ...recommendations.search.map((run) => row(recommendations.route, run)),
    ]),
    PROFILE_SECTION_END,
  ].join('\n');
}

/** `markdown` with its profile section replaced by `section` (appended when it has none). */
export function mergeProfileBenchSection(markdown: string, section: string): string {
  const start = markdown.indexOf(PROFILE_SECTION_START);
  const end = markdown.indexOf(PROFILE_SECTION_END, start);
  if (start < 0 || end < 0) return `${markdown.trimEnd()}\n\n${section}\n`;
  return markdown.slice(0, start) + section + markdown.slice(end + PROFILE_SECTION_END.length);
}
