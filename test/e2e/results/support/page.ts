// Opening the test host page in Debian Chromium, with page errors collected for assertions.
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../../../support/browser';
import { startViewerServer, type ViewerServer } from './server';

export interface ViewerPage {
  context: BrowserContext;
  page: Page;
  server: ViewerServer;
  errors: string[];
  close(): Promise<void>;
}

export async function openViewerPage(
  options: Parameters<typeof startViewerServer>[0],
): Promise<ViewerPage> {
  const server = await startViewerServer(options);
  const context = await launchBrowser();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(server.url);
  await page.evaluate(() => window.lochHarness.ready);
  return {
    context,
    page,
    server,
    errors,
    async close() {
      await context.close();
      await server.close();
    },
  };
}
