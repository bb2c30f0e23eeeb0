import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { FRONTEND_DIR, SITE_DIR } from '../stack/web-app.ts';
import type { MachineInfo } from './machine.ts';
import { describeMachine } from './machine.ts';
import { summariseLatency, type LatencySummary } from './percentiles.ts';
import { CHROMIUM, launchChromium } from './web-browser.ts';

/** The web app's budgets (issue 5). */
export const WEB_BUDGETS = {
  /** JavaScript index.html loads eagerly, gzip level 9, in KB of 1,000 bytes. */
  initialJsKb: 250,
  /** Third movie added → its recommendations on screen, median. */
  firstRecommendationsMs: 1500,
} as const;

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface WebBundle {
  /** Scripts and module preloads of index.html: what loads before the first render. */
  initial: AssetSize[];
  initialGzipBytes: number;
  css: AssetSize[];
  /** Chunks loaded on demand (the chart pages and ECharts). */
  lazy: AssetSize[];
  lazyGzipBytes: number;
}

export interface WebBudgets {
  date: string;
  machine: MachineInfo;
  loadAverage: number[];
  bundle: WebBundle;
  /** Undefined when the browser part was skipped. */
  recommendations?: LatencySummary & { timesMs: number[] };
}

const gzip9 = (data: Buffer): number =>
  gzipSync(data, { level: constants.Z_BEST_COMPRESSION }).length;

/** The files an index.html loads eagerly: module scripts and modulepreload / stylesheet links. */
export function eagerAssets(html: string): { scripts: string[]; styles: string[] } {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) =>
      new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
    if (/^<script/i.test(tag)) {
      const src = attr('src');
      if (src) scripts.add(src);
      continue;
    }
    const rel = attr('rel')?.toLowerCase();
    const href = attr('href');
    if (!href) continue;
    if (rel === 'modulepreload') scripts.add(href);
    if (rel === 'stylesheet') styles.add(href);
  }
  return { scripts: [...scripts], styles: [...styles] };
}

async function sizeOf(dist: string, url: string): Promise<AssetSize> {
  const file = url.replace(/^\//, '');
  const data = await readFile(join(dist, file));
  return { file, bytes: data.length, gzipBytes: gzip9(data) };
}

/** Sizes of a built web app: the eager JavaScript, the CSS, and every lazily loaded chunk. */
export async function measureWebBundle(dist = SITE_DIR): Promise<WebBundle> {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const { scripts, styles } = eagerAssets(html);
  const initial = await Promise.all(scripts.map((s) => sizeOf(dist, s)));
  const css = await Promise.all(styles.map((s) => sizeOf(dist, s)));
  const eager = new Set(initial.map((a) => a.file));
  const lazy = await Promise.all(
    (await readdir(join(dist, 'assets')))
      .filter((name) => name.endsWith('.js') && !eager.has(`assets/${name}`))
      .map((name) => sizeOf(dist, `/assets/${name}`)),
  );
  lazy.sort((a, b) => b.gzipBytes - a.gzipBytes);
  const sum = (assets: AssetSize[]) => assets.reduce((total, a) => total + a.gzipBytes, 0);
  return { initial, initialGzipBytes: sum(initial), css, lazy, lazyGzipBytes: sum(lazy) };
}

/** Builds the web app from its sources into frontend/dist (as `npm run build:web`). */
export async function buildWebApp(): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: join(FRONTEND_DIR, 'vite.config.ts'),
    root: FRONTEND_DIR,
    logLevel: 'warn',
  });
}

const PICKS = [
  ['matrx', 'Matrix'],
  ['toy stroy', 'Toy Story'],
  ['godfathr', 'Godfather'],
] as const;

/**
 * In the page, from the Enter that adds a movie to the next frame after the recommendations
 * for `picks` movies are rendered (the list says which request it shows in `data-picks`).
 */
const ARM_TIMER = (picks: number) => `window.__firstRecommendations = new Promise((resolve) => {
  const target = document.getElementById('recommendations');
  let start = null;
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && start === null) start = performance.now();
  }, { capture: true });
  const done = () => target.dataset.picks === '${picks}' &&
    target.getAttribute('aria-busy') === 'false' && target.querySelector('.card') !== null;
  const observer = new MutationObserver(() => {
    if (start !== null && done()) {
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - start));
    }
  });
  observer.observe(target, { attributes: true, childList: true, subtree: true });
}); 'armed'`;

async function addMovie(page: Page, typed: string, expected: string): Promise<void> {
  const search = page.getByRole('combobox', { name: 'Search movies' });
  await search.fill(typed);
  await page.getByRole('option').first().filter({ hasText: expected }).waitFor();
}

/** One run in a fresh browser context: two movies added, then the third one timed. */
async function timeThirdPick(page: Page, siteUrl: string): Promise<number> {
  await page.goto(siteUrl);
  await page.locator('#recommendations[data-kind="popular"] .card').first().waitFor();
  const search = page.getByRole('combobox', { name: 'Search movies' });
  for (const [i, [typed, expected]] of PICKS.slice(0, 2).entries()) {
    await addMovie(page, typed, expected);
    await search.press('Enter');
    await page.locator(`#recommendations[data-picks="${i + 1}"][aria-busy="false"]`).waitFor();
  }
  const [typed, expected] = PICKS[2];
  await addMovie(page, typed, expected);
  await page.evaluate(ARM_TIMER(3));
  await search.press('Enter');
  return page.evaluate<number>('window.__firstRecommendations');
}

/**
 * "First recommendations visible after the third movie is added", on the local stack in
 * Chromium: the median of `runs` fresh visits (plus one warm-up visit not counted).
 */
export async function measureFirstRecommendations(
  siteUrl: string,
  runs: number,
  log: (line: string) => void,
): Promise<number[]> {
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let run = -1; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const ms = await timeThirdPick(await context.newPage(), siteUrl);
        if (run >= 0) {
          times.push(ms);
          log(`  run ${run + 1}: ${ms.toFixed(0)} ms`);
        }
      } finally {
        await context.close();
      }
    }
    return times;
  } finally {
    await browser.close();
  }
}

/**
 * The web budgets: the web app built from its sources and its eager JavaScript gzipped; then
 * (unless `browser` is false or Chromium is missing) the local stack started in a temporary folder on a free port and
 * the Discover flow timed in Chromium. `siteUrl` uses a running stack instead.
 */
export async function measureWebBudgets(options: {
  quick: boolean;
  log: (line: string) => void;
  siteUrl?: string;
  browser?: boolean;
}): Promise<WebBudgets> {
  const { log } = options;
  const loadAverage = loadavg();
  const date = new Date().toISOString();
  log('  building the web app');
  await buildWebApp();
  const bundle = await measureWebBundle();
  log(`  initial JS ${(bundle.initialGzipBytes / 1000).toFixed(1)} KB gzipped`);
  const result: WebBudgets = { date, machine: describeMachine(), loadAverage, bundle };
  if (options.browser === false) return result;
  if (!existsSync(CHROMIUM)) {
    log(`  skipping the browser timing: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
    return result;
  }
  const runs = options.quick ? 5 : 9;
  let siteUrl = options.siteUrl;
  let close = async () => {};
  if (siteUrl === undefined) {
    const stateDir = await mkdtemp(join(tmpdir(), 'movierec-web-bench-'));
    log('  starting the local stack (trains the built-in dataset first)');
    // Imported here: the emulators are needed for the browser timing only.
    const { startLocalStack } = await import('../stack/local-stack.ts');
    const stack = await startLocalStack({ stateDir, port: 0, fresh: true, siteDir: SITE_DIR });
    siteUrl = stack.url;
    close = async () => {
      await stack.close();
      await rm(stateDir, { recursive: true, force: true });
    };
  }
  try {
    log(`  first recommendations after the third movie: ${runs} runs on ${siteUrl}`);
    const timesMs = await measureFirstRecommendations(siteUrl, runs, log);
    result.recommendations = { timesMs, ...summariseLatency(timesMs) };
  } finally {
    await close();
  }
  return result;
}
