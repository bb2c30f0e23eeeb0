import { markdownTable as table } from './markdown-table.ts';
import type { WebBudgets } from './web-budgets.ts';
import { WEB_BUDGETS } from './web-budgets.ts';

/** The section is fenced so `movierec bench --only web` can replace it alone in BENCHMARKS.md. */
export const WEB_SECTION_START = '<!-- web-budgets: start -->';
export const WEB_SECTION_END = '<!-- web-budgets: end -->';

const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;
const verdict = (within: boolean): string => (within ? 'within' : '**over**');

/** The "Web app budgets" section of BENCHMARKS.md, markers included, figures beside budgets. */
export function webBudgetsSection(web: WebBudgets, command: string): string {
  const { machine, bundle, recommendations } = web;
  const load = web.loadAverage.map((x) => x.toFixed(1)).join(' / ');
  const lines = [
    WEB_SECTION_START,
    '## Web app budgets',
    '',
    `Measured ${web.date} by \`${command}\` on ${machine.cores} cores (${machine.cpu}), Node ` +
      `${machine.node}, load average ${load} (1, 5, 15 min) at the start.`,
    '`movierec bench --only web` re-measures this section alone.',
    '',
    '- **Initial JavaScript**: the web app built from `frontend/` (`npm run build:web`), then every',
    '  script and module preload that `index.html` loads before the first render, each gzipped at',
    `  level 9, summed; KB of 1,000 bytes. Budget ≤ ${WEB_BUDGETS.initialJsKb} KB. The chart pages`,
    '  (movie, dashboard, model) and ECharts load on first visit and are listed for reference.',
    '',
    table(
      ['file', 'loaded', 'minified', 'gzip -9'],
      [
        ...bundle.initial.map((a) => [`\`${a.file}\``, 'eagerly', kb(a.bytes), kb(a.gzipBytes)]),
        ...bundle.css.map((a) => [`\`${a.file}\``, 'eagerly (CSS)', kb(a.bytes), kb(a.gzipBytes)]),
        ...bundle.lazy.map((a) => [`\`${a.file}\``, 'on demand', kb(a.bytes), kb(a.gzipBytes)]),
      ],
    ),
    '',
    table(
      ['initial JS gzipped', 'budget', 'verdict', 'on-demand JS gzipped'],
      [
        [
          kb(bundle.initialGzipBytes),
          `≤ ${WEB_BUDGETS.initialJsKb} KB`,
          verdict(bundle.initialGzipBytes / 1000 <= WEB_BUDGETS.initialJsKb),
          kb(bundle.lazyGzipBytes),
        ],
      ],
    ),
    '',
  ];
  if (recommendations === undefined) {
    lines.push(
      '- **First recommendations**: not measured in this run (no Chromium at /usr/bin/chromium).',
    );
  } else {
    lines.push(
      '- **First recommendations**: the embedded local stack (`npm start` on the built-in',
      '  ml-latest-small) in headless Debian Chromium (playwright-core); per run a fresh browser',
      '  context opens Discover, adds "matrx" and "toy stroy" with the keyboard, then times from',
      '  the Enter that adds "godfathr" to the frame after the recommendations for all three are',
      '  rendered (one `POST /api/recommendations` fold-in, the list and its reasons). One',
      `  warm-up visit, then ${recommendations.runs} counted. Budget: median ≤ ${WEB_BUDGETS.firstRecommendationsMs} ms.`,
      '',
      table(
        ['runs', 'median', 'p90', 'max', 'budget'],
        [
          [
            String(recommendations.runs),
            `${recommendations.p50Ms.toFixed(0)} ms`,
            `${recommendations.p90Ms.toFixed(0)} ms`,
            `${recommendations.maxMs.toFixed(0)} ms`,
            verdict(recommendations.p50Ms <= WEB_BUDGETS.firstRecommendationsMs),
          ],
        ],
      ),
    );
  }
  lines.push(WEB_SECTION_END);
  return lines.join('\n');
}

/** `markdown` with its web section replaced by `section` (appended when it has none). */
export function mergeWebBudgetsSection(markdown: string, section: string): string {
  const start = markdown.indexOf(WEB_SECTION_START);
  const end = markdown.indexOf(WEB_SECTION_END, start);
  if (start < 0 || end < 0) return `${markdown.trimEnd()}\n\n${section}\n`;
  return markdown.slice(0, start) + section + markdown.slice(end + WEB_SECTION_END.length);
}
