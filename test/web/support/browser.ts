// A real headless Chromium for the dashboard tests: the one @sparticuz/chromium ships inside its npm
// package (so `npm ci` is enough), else Debian's /usr/bin/chromium. Missing under CI=true is a failure.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

export const LAUNCH_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const HOW_TO_INSTALL = 'No Chromium found: `npm ci` brings one (@sparticuz/chromium); otherwise install Debian\'s: `apt-get update && apt-get install -y chromium`.';

async function executable(): Promise<string | null> {
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    const path = await chromium.executablePath();
    if (path && existsSync(path)) return path;
  } catch (err) {
    process.stderr.write(`@sparticuz/chromium unavailable: ${(err as Error).message}\n`);
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

/**
 * A fontconfig of our own holding the CJK font the charts already ship (npm), so Chinese renders on a
 * fresh machine whose system has Latin fonts only.
 */
function fontEnv(): Record<string, string> {
  const dir = join(tmpdir(), 'radar-web-fonts');
  mkdirSync(dir, { recursive: true });
  const font = join(process.cwd(), 'node_modules', '@embedpdf', 'fonts-sc', 'fonts', 'NotoSansHans-Regular.otf');
  if (existsSync(font) && !existsSync(join(dir, 'NotoSansHans-Regular.otf'))) copyFileSync(font, join(dir, 'NotoSansHans-Regular.otf'));
  writeFileSync(join(dir, 'fonts.conf'), `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>/usr/share/fonts</dir>\n  <dir>${dir}</dir>\n  <cachedir>${join(dir, 'cache')}</cachedir>\n</fontconfig>\n`);
  return { FONTCONFIG_PATH: dir, FONTCONFIG_FILE: join(dir, 'fonts.conf') };
}

/** Launch, or null (with instructions printed) when no browser exists outside CI. Throws under CI=true. */
export async function launchBrowser(): Promise<Browser | null> {
  const path = await executable();
  if (!path) {
    if (process.env.CI === 'true') throw new Error(HOW_TO_INSTALL);
    process.stderr.write(`${HOW_TO_INSTALL}\n`);
    return null;
  }
  return puppeteer.launch({ executablePath: path, headless: true, args: LAUNCH_FLAGS, env: { ...process.env, ...fontEnv() } });
}
