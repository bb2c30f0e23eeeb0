/**
 * The embedded local stack in a process of its own, for the load bench (so that the load
 * generator and the server do not share one event loop) and for the e2e tests (whose vitest
 * global setup cannot host it: vitest's module runner lacks `import.meta.resolve`). Prints one
 * JSON line `{"url": "...", "dataBucket": {"endpoint", "name"}}` on stdout once a model is live; closes the stack on SIGTERM/SIGINT
 * or when its stdin ends (the parent died without stopping it).
 * Usage: node --import tsx load-server.ts <stateDir> [--site]   (--site: serve the web app too)
 */
import { startLocalStack } from '../stack/local-stack.ts';

const [stateDir, ...flags] = process.argv.slice(2);
if (stateDir === undefined || flags.some((flag) => flag !== '--site')) {
  process.stderr.write('usage: load-server.ts <stateDir> [--site]\n');
  process.exit(2);
}

const stack = await startLocalStack({
  stateDir,
  port: 0,
  fresh: true,
  ...(!flags.includes('--site') && { siteDir: null }),
  log: (line) => process.stderr.write(`[local stack] ${line}\n`),
});
process.stdout.write(`${JSON.stringify({ url: stack.url, dataBucket: stack.dataBucket })}\n`);

const stop = async (): Promise<void> => {
  await stack.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.stdin.once('end', () => void stop()).resume();
