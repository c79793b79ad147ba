// Debian's Chromium driven by playwright-core, launched the way this machine allows (no
// sandbox as root, no background networking: the network is closed). Never a downloaded browser.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.LOCH_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh headless Chromium with its own profile; close the context to end it. */
export async function launchBrowser(extraArgs: string[] = []): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium)`,
    );
  }
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'loch-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    viewport: { width: 1400, height: 900 },
  });
}
