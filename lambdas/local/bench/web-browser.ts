import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (apt-get install chromium); Playwright's own downloads are never used. */
export const CHROMIUM = process.env.MOVIEREC_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Launch flags of docs/architecture.md §11: headless, no sandbox (containers), no GPU, nothing that
 * phones home, and every host but 127.0.0.1 resolving to nothing, so the page cannot reach the
 * network.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** The browser the web bench and the browser tests drive. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium) or set MOVIEREC_CHROMIUM.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
