import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

/**
 * Debian's chromium (installed by scripts/ensure-chromium.sh, never downloaded) driven by
 * playwright-core, on a phone-sized viewport; screenshots go to test-artifacts/screenshots/.
 */
export const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'screenshots');

function chromiumPath(): string {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'chromium is not on PATH: run `bash scripts/ensure-chromium.sh` as root (apt-get install chromium); ' +
        'playwright-core drives the system browser and downloads none',
    );
  }
}

/** The browser of a test file: launched before its tests, closed after them. */
export function useBrowser(): { readonly browser: Browser } {
  const holder = {} as { browser: Browser };
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    holder.browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      // Root in a container has no user namespaces for the sandbox; /dev/shm is often tiny there.
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
  });
  afterAll(async () => {
    await holder.browser?.close();
  });
  return holder;
}

export async function phone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
  });
  return { context, page: await context.newPage() };
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
