// A real headless Chromium for the dashboard tests: the one @sparticuz/chromium ships inside its npm
// package (so `npm ci` is enough), else Debian's /usr/bin/chromium. Missing under CI=true is a failure.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

export const LAUNCH_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const HOW_TO_INSTALL = 'No Chromium found: `npm ci` brings one (@sparticuz/chromium); otherwise install Debian\'s: `apt-get update && apt-get install -y chromium`.';

async function executable(): Promise<string | null> {
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    const path = await chromium.executablePath();
    // The packaged browser has Latin fonts only: give it the CJK font the charts already ship.
    const font = join(process.cwd(), 'node_modules', '@embedpdf', 'fonts-sc', 'fonts', 'NotoSansHans-Regular.otf');
    const fonts = join(tmpdir(), 'fonts');
    mkdirSync(fonts, { recursive: true });
    if (existsSync(font) && !existsSync(join(fonts, 'NotoSansHans-Regular.otf'))) copyFileSync(font, join(fonts, 'NotoSansHans-Regular.otf'));
    if (path && existsSync(path)) return path;
  } catch (err) {
    process.stderr.write(`@sparticuz/chromium unavailable: ${(err as Error).message}\n`);
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

/** Launch, or null (with instructions printed) when no browser exists outside CI. Throws under CI=true. */
export async function launchBrowser(): Promise<Browser | null> {
  const path = await executable();
  if (!path) {
    if (process.env.CI === 'true') throw new Error(HOW_TO_INSTALL);
    process.stderr.write(`${HOW_TO_INSTALL}\n`);
    return null;
  }
  return puppeteer.launch({ executablePath: path, headless: true, args: LAUNCH_FLAGS });
}
