// The dashboard in a real Chromium: sign in with a link, see the red flags, click into a customer,
// charts with their numbers, a rep's narrower view, refused links, zh and en. Screenshots of every page
// at desktop and phone width go to test-output/dashboard/ for a person to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { HOW_TO_INSTALL, launchBrowser } from './support/browser.js';
import { startWebFixture, SCRIPT_NAME, type WebFixture } from './support/web-fixture.js';

const OUT = join(process.cwd(), 'test-output', 'dashboard');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844, isMobile: true, deviceScaleFactor: 2, hasTouch: true };

let f: WebFixture;
let browser: Browser | null;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  f = await startWebFixture();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

/** A fresh browser context (no cookies), a page that records CSP violations and page errors. */
async function openPage(): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const context = await browser!.createBrowserContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.setViewport(DESKTOP);
  return { page, problems, close: () => context.close() };
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewport(DESKTOP);
  await page.screenshot({ path: join(OUT, `${name}.desktop.png`), fullPage: true });
  await page.setViewport(PHONE);
  await page.screenshot({ path: join(OUT, `${name}.phone.png`), fullPage: true });
  await page.setViewport(DESKTOP);
}

/** No Chromium outside CI: the test is reported as skipped (launchBrowser throws under CI=true). */
const skipWithoutBrowser = (ctx: TestContext): void => ctx.skip(!browser, HOW_TO_INSTALL);

const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').trim()));

describe.skipIf(false)('dashboard in Chromium', () => {
  it('a manager opens a link, sees the red flags marked red, highest index first, and clicks into a customer with its charts', async (ctx) => {
    skipWithoutBrowser(ctx);
    const { page, problems, close } = await openPage();
    try {
      await page.goto(f.link(f.h.members.manager), { waitUntil: 'load' });
      expect(new URL(page.url()).pathname).toBe('/dashboard/');
      // The team's language is English; this walk-through is in Chinese.
      await page.goto(`${f.base}/dashboard/?lang=zh`);
      const names = await texts(page, 'table.flags tbody tr td:first-child a');
      expect(names).toContain('华星科技');
      expect(names).toContain(SCRIPT_NAME); // shown as text, never run
      const indexes = (await texts(page, 'table.flags td[data-index]')).map(Number);
      expect(indexes).toEqual([...indexes].sort((a, b) => b - a));
      // Grade A rows carry a red marker.
      const colour = await page.$eval('tr.grade-A td:first-child', (td) => (globalThis as unknown as { getComputedStyle(e: unknown): { borderLeftColor: string } }).getComputedStyle(td).borderLeftColor);
      expect(colour).toBe('rgb(217, 48, 37)');
      expect(await page.$('figure[data-chart="heatmap"] svg')).not.toBeNull();
      expect(await page.$('figure[data-chart="portfolio"] svg')).not.toBeNull();
      await shoot(page, 'this-week.manager.zh');

      // Sorting by a header link, no JavaScript needed.
      await Promise.all([page.waitForNavigation(), page.click('a[data-sort="index"]')]);
      const asc = (await texts(page, 'table.flags td[data-index]')).map(Number);
      expect(asc).toEqual([...asc].sort((a, b) => a - b));

      await Promise.all([page.waitForNavigation(), page.click('a[data-customer="华星科技"]')]);
      expect(await page.$eval('[data-customer-name]', (e) => e.textContent)).toBe('华星科技');
      const score = f.h.app.ctx.repos.scores.scoresForWeek(f.h.teamId, '2026-W47').find((s) => s.customerId === f.h.customers.huaxing)!;
      expect(await page.$eval('[data-index]', (e) => Number(e.textContent))).toBe(score.index);
      const trendAlt = await page.$eval('figure[data-chart="trend"] figcaption', (e) => e.textContent ?? '');
      expect(trendAlt).toContain(`2026-W47 ${Math.round(score.index)}`); // charts show whole index points
      expect(await page.$('figure[data-chart="trend"] svg')).not.toBeNull();
      expect(await page.$('figure[data-chart="radar"] svg')).not.toBeNull();
      expect((await texts(page, '[data-reasons] li')).join(' ')).toMatch(/逾期 \d+ 天/);
      expect(await page.$$('[data-task]')).not.toHaveLength(0);
      await shoot(page, 'customer.manager.zh');

      await page.goto(`${f.base}/dashboard/team?lang=zh`);
      expect(await page.$$('tr[data-rep]')).toHaveLength(2);
      // The ranking (排行榜) and the monthly review (复盘), as the chat sends them.
      expect(await page.$eval('#ranking h2', (e) => e.textContent)).toBe('排行榜');
      const ranked = await page.$$eval('tr[data-rank-rep]', (rows) => rows.map((r) => r.getAttribute('data-rank-rep')));
      expect([...ranked].sort()).toEqual(['rep1@example.com', 'rep2@example.com']);
      expect(await texts(page, 'table.ranking tbody tr td:first-child')).toEqual(['1', '2']);
      expect(await page.$eval('#review h2', (e) => e.textContent)).toMatch(/^\d{4}-\d{2} 月度复盘$/);
      expect(Number(await page.$eval('#review [data-review="opened"]', (e) => e.textContent))).toBeGreaterThan(0);
      await shoot(page, 'team.manager.zh');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it('in English with ?lang=en, and the language switch keeps the page', async (ctx) => {
    skipWithoutBrowser(ctx);
    const { page, problems, close } = await openPage();
    try {
      await page.goto(f.link(f.h.members.director));
      await page.goto(`${f.base}/dashboard/?lang=en`);
      expect(await page.$eval('h1', (e) => e.textContent)).toBe('This week 2026-W47');
      expect(await page.$eval('html', (e) => e.lang)).toBe('en');
      expect(await page.$eval('#flags h2', (e) => e.textContent)).toContain('Red-flag customers');
      await shoot(page, 'this-week.director.en');
      await Promise.all([page.waitForNavigation(), page.click('a[lang="zh-CN"]')]);
      expect(await page.$eval('h1', (e) => e.textContent)).toBe('本周 2026-W47');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it("a rep's link shows only that rep's customers and no team sections", async (ctx) => {
    skipWithoutBrowser(ctx);
    const { page, close } = await openPage();
    try {
      await page.goto(f.link(f.h.members.rep2));
      await page.goto(`${f.base}/dashboard/?lang=zh`);
      const names = await texts(page, 'table.flags tbody tr td:first-child a');
      expect(names).toEqual([SCRIPT_NAME]);
      expect(await page.$('figure[data-chart="heatmap"]')).toBeNull();
      expect(await page.$('figure[data-chart="by-rep"]')).toBeNull();
      expect(await page.$('#missing')).toBeNull();
      // Their own charts instead: the heat map of their own red flag (region West…), their portfolio.
      expect(await page.$$eval('figure[data-chart]', (els) => els.map((e) => e.getAttribute('data-chart')))).toEqual(['own-heatmap', 'own-portfolio']);
      const [heat, portfolio] = await texts(page, 'figure[data-chart] figcaption');
      expect(heat).toContain('West"><b> × ');
      expect(heat).not.toContain('East');
      expect(portfolio).toMatch(/^rep2 的客户分级占比/);
      expect(await page.$eval('figure[data-chart="own-heatmap"] svg', (e) => e.getBoundingClientRect().width)).toBeGreaterThan(200);
      await shoot(page, 'this-week.rep.zh');
      // The team page: their own report row and ranking line, nobody else's, no review.
      await page.goto(`${f.base}/dashboard/team?lang=en`);
      expect(await page.$$eval('tr[data-rep]', (rows) => rows.map((r) => r.getAttribute('data-rep')))).toEqual(['rep2@example.com']);
      expect(await page.$eval('#ranking h2', (e) => e.textContent)).toBe('My ranking');
      expect(await page.$eval('[data-own-ranking]', (e) => e.textContent ?? '')).toMatch(/^#[12] of 2 · \d+ weeks? on time in a row/);
      expect(await page.$('tr[data-rank-rep]')).toBeNull();
      expect(await page.$('#review')).toBeNull();
      await shoot(page, 'team.rep.en');
      const res = await page.goto(`${f.base}/dashboard/customers/${f.h.customers.huaxing}`);
      expect(res?.status()).toBe(403);
      expect(await page.$eval('[data-notice]', (e) => e.getAttribute('data-notice'))).toBe('forbidden');
    } finally {
      await close();
    }
  }, 60_000);

  it('refuses tampered, expired and revoked links, and says how to get one', async (ctx) => {
    skipWithoutBrowser(ctx);
    const { page, close } = await openPage();
    try {
      const good = f.link(f.h.members.owner);
      const tampered = `${good.slice(0, -3)}${good.endsWith('AAA') ? 'BBB' : 'AAA'}`;
      let res = await page.goto(tampered);
      expect(res?.status()).toBe(401);
      expect(await page.$eval('[data-notice]', (e) => e.getAttribute('data-notice'))).toBe('bad_link');
      await shoot(page, 'refused.tampered');

      const short = `${f.base}${new URL(f.dashboard.auth.issue(f.h.members.owner, 30_000).url).pathname}`;
      const now = f.h.app.ctx.clock();
      f.h.setNow(new Date(now.getTime() + 60_000));
      try {
        res = await page.goto(short);
        expect(res?.status()).toBe(401);
        expect(await page.$eval('[data-notice]', (e) => e.getAttribute('data-notice'))).toBe('expired');
      } finally {
        f.h.setNow(now);
      }

      const fixture = await startWebFixture({ charts: false });
      try {
        const link = fixture.link(fixture.h.members.owner);
        fixture.dashboard.auth.revoke(fixture.h.members.owner);
        res = await page.goto(link);
        expect(res?.status()).toBe(401);
        expect(await page.$eval('[data-notice]', (e) => e.getAttribute('data-notice'))).toBe('revoked');
      } finally {
        await fixture.close();
      }

      res = await page.goto(`${f.base}/dashboard/`);
      expect(res?.status()).toBe(401);
      expect(await page.content()).toContain('radar -- link --member');
      await shoot(page, 'signin');
    } finally {
      await close();
    }
  }, 60_000);
});
