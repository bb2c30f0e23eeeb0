import { LAMBDA_NODE_MAJOR } from '../../../lib/lambda-bundling.ts';
import type { ApiBudgets } from './api-budgets.ts';
import { API_BUDGETS } from './api-budgets.ts';
import { markdownTable as table } from './markdown-table.ts';

/** The section is fenced so `movierec bench --only api` can replace it alone in BENCHMARKS.md. */
export const API_SECTION_START = '<!-- api-budgets: start -->';
export const API_SECTION_END = '<!-- api-budgets: end -->';

const ms = (x: number): string => `${x.toFixed(0)} ms`;
const us = (x: number): string => `${Math.round(x * 1000).toLocaleString('en-US')} µs`;
const verdict = (within: boolean): string => (within ? 'within' : '**over**');

/** The "API budgets" section of BENCHMARKS.md, markers included, each figure beside its budget. */
export function apiBudgetsSection(api: ApiBudgets, command: string): string {
  const { machine, compute } = api;
  const load = api.loadAverage.map((x) => x.toFixed(1)).join(' / ');
  const rows = api.handlers.map((h) => {
    const kb = h.bytes / 1000;
    const sdk = h.init.externals;
    return [
      `\`${h.name}\``,
      `${kb.toFixed(1)} KB`,
      verdict(kb <= API_BUDGETS.bundleKb),
      ms(h.init.total.p50Ms),
      ms(h.init.total.p90Ms),
      sdk === undefined ? '–' : ms(sdk.p50Ms),
      verdict(h.init.total.p50Ms <= API_BUDGETS.initMs),
    ];
  });
  const lines = [
    API_SECTION_START,
    '## API budgets',
    '',
    `Measured ${api.date} by \`${command}\` on ${machine.cores} cores (${machine.cpu}), Node ` +
      `${machine.node} (Lambda runs Node ${LAMBDA_NODE_MAJOR}), load average ` +
      `${load} (1, 5, 15 min) at the start: on a busy machine the times are upper bounds.`,
    '`movierec bench --only api` re-measures this section alone.',
    '',
    '- **Bundle**: every Lambda handler bundled by esbuild with the settings `MovieRecFunction` gives',
    "  the CDK (`lib/lambda-bundling.ts`: ESM, minified, for the runtime's Node, the AWS SDK left",
    '  external as the runtime provides it); size of `index.mjs` without its source map, in KB of',
    `  1,000 bytes. Budget ≤ ${API_BUDGETS.bundleKb} KB.`,
    '- **Init**: the dynamic import of that bundle in a fresh `node` process with the environment',
    `  of the Lambda, ${api.initRuns} runs; "SDK alone" imports only the SDK modules the bundle`,
    `  loads at init, interleaved, so the bundle's own share shows ("–": none; the API signs its`,
    '  own DynamoDB and S3 requests with aws4 over node:http instead of loading the SDK).',
    `  Budget: median ≤ ${API_BUDGETS.initMs} ms.`,
    '',
    table(
      ['handler', 'bundle', 'size budget', 'init p50', 'init p90', 'SDK alone p50', 'init budget'],
      rows,
    ),
    '',
    `- **Compute**: \`GET ${compute.route}\` (default limit: ${compute.movies} movies with reasons,`,
    `  ~${(compute.bodyBytes / 1000).toFixed(1)} KB of JSON) through the API's router, route table`,
    '  and use-case, over an in-memory serving table that the pipeline use-cases (score-shard,',
    `  catalogue, publish) wrote for a small synthetic model; ${compute.users} users in turn, warm,`,
    `  ${compute.runs.toLocaleString('en-US')} requests. No DynamoDB round trips and no Powertools`,
    `  middleware. Budget: p99 ≤ ${API_BUDGETS.computeP99Ms} ms.`,
    '',
    table(
      ['p50', 'p90', 'p99', 'max', 'budget'],
      [
        [
          us(compute.p50Ms),
          us(compute.p90Ms),
          us(compute.p99Ms),
          us(compute.maxMs),
          verdict(compute.p99Ms <= API_BUDGETS.computeP99Ms),
        ],
      ],
    ),
    API_SECTION_END,
  ];
  return lines.join('\n');
}

/** `markdown` with its API section replaced by `section` (appended when it has none). */
export function mergeApiBudgetsSection(markdown: string, section: string): string {
  const start = markdown.indexOf(API_SECTION_START);
  const end = markdown.indexOf(API_SECTION_END, start);
  if (start < 0 || end < 0) return `${markdown.trimEnd()}\n\n${section}\n`;
  return markdown.slice(0, start) + section + markdown.slice(end + API_SECTION_END.length);
}
