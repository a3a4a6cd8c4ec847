// App Home charts on Slack: the real router builds each viewer's home (a manager: the team's heat map
// and red flags by rep; a rep: their own customers' portfolio), the real Bolt app publishes it after
// app_home_opened, and each chart reaches views.publish as an image block showing a file the fake Web
// API holds, uploaded once: opening the tab again reuses the file and does not even redraw the chart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderPng } from '../../../src/chart-render/index.js';
import type { ChartSpec } from '../../../src/ui/chart.js';
import { signedJson } from '../../fakes/slack-signing.js';
import { eventCallback } from '../../fixtures/slack/payloads.js';
import { createHarness, type Harness as AppHarness } from '../../app/support/app-harness.js';
import { SECRET, startHarness, type Harness } from './e2e-support.js';

const OUT = 'test-output/slack-home';

let app: AppHarness;
let h: Harness;
let drawn: ChartSpec[];
beforeEach(async () => {
  app = createHarness();
  drawn = [];
  h = await startHarness({
    router: (e) => app.route(e),
    renderChartPng: (c) => { drawn.push(c); return renderPng(c, { locale: c.locale }); },
  });
});
afterEach(async () => {
  await h.close();
});

type ImageBlock = { type: 'image'; slack_file: { id: string }; alt_text: string; title?: { text: string } };

async function openHome(userId: string, publishes: number): Promise<ImageBlock[]> {
  await h.post(signedJson(SECRET, eventCallback({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' })));
  const pubs = await h.api.waitFor('views.publish', publishes);
  const pub = pubs[publishes - 1]!;
  expect(pub.args.user_id).toBe(userId);
  return (pub.args.view.blocks as Array<{ type: string }>).filter((b): b is ImageBlock => b.type === 'image');
}

/** The uploaded file behind an image block: completed, PNG bytes, titled like the chart. */
function fileOf(img: ImageBlock, name: string) {
  const file = h.api.files.get(img.slack_file.id);
  expect(file, img.slack_file.id).toBeDefined();
  expect(file!.completed).toBe(true);
  expect(file!.bytes!.subarray(1, 4).toString()).toBe('PNG');
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}/${name}.png`, file!.bytes!);
  return file!;
}

describe('Slack App Home charts', () => {
  it('a manager sees the team heat map and red flags by rep, uploaded once however often the tab opens', async () => {
    const images = await openHome('U-manager', 1);
    expect(images).toHaveLength(2);
    expect(drawn.map((c) => c.kind)).toEqual(['heatmap', 'stackedBar']);
    const [heat, byRep] = images;
    expect(fileOf(heat!, 'manager-heatmap').title).toBe(drawn[0]!.title);
    expect(fileOf(byRep!, 'manager-by-rep').title).toBe(drawn[1]!.title);
    expect(heat!.alt_text).toBe(drawn[0]!.alt);
    // The seeded team's red flags are rep1's 华星科技 and nobody else's: they are what the charts say.
    expect(heat!.alt_text).toMatch(/East × /);
    expect(byRep!.alt_text).toMatch(/rep1：|rep1: /);
    expect(byRep!.alt_text).not.toMatch(/rep2/);
    expect(h.api.callsTo('files.completeUploadExternal')).toHaveLength(2);

    const again = await openHome('U-manager', 2);
    expect(again.map((b) => b.slack_file.id)).toEqual(images.map((b) => b.slack_file.id));
    expect(h.api.callsTo('files.getUploadURLExternal')).toHaveLength(2);
    expect(h.api.callsTo('files.completeUploadExternal')).toHaveLength(2);
    expect(drawn).toHaveLength(2); // not drawn again either

    // Another manager sees the same charts: the same files.
    const director = await openHome('U-director', 3);
    expect(director.map((b) => b.slack_file.id)).toEqual(images.map((b) => b.slack_file.id));
    expect(h.api.callsTo('files.completeUploadExternal')).toHaveLength(2);
  });

  it('a rep sees their own customers\' portfolio only, never a team-wide chart', async () => {
    const images = await openHome('U-rep1', 1);
    expect(images).toHaveLength(1);
    expect(drawn.map((c) => c.kind)).toEqual(['portfolio']);
    const portfolio = drawn[0]!;
    if (portfolio.kind !== 'portfolio') throw new Error('portfolio expected');
    expect(portfolio.title).toBe("rep1's customers by grade");
    // Every week counts rep1's two customers (华星科技, Acme Corp), not the team's three.
    const weeks = portfolio.categories.length;
    expect(weeks).toBeGreaterThan(0);
    for (let w = 0; w < weeks; w += 1) expect(portfolio.counts!.reduce((n, s) => n + s[w]!, 0)).toBe(2);
    expect(portfolio.counts![0]!.at(-1)).toBe(1); // 华星科技 graded A in the latest week
    expect(images[0]!.alt_text).toBe(portfolio.alt);
    fileOf(images[0]!, 'rep1-portfolio');

    const rep2 = await openHome('U-rep2', 2);
    expect(rep2).toHaveLength(1);
    const own = drawn[1]!;
    if (own.kind !== 'portfolio') throw new Error('portfolio expected');
    expect(own.title).toBe("rep2's customers by grade");
    for (let w = 0; w < own.categories.length; w += 1) expect(own.counts!.reduce((n, s) => n + s[w]!, 0)).toBe(1);
    expect(rep2[0]!.slack_file.id).not.toBe(images[0]!.slack_file.id);
  });

  it('someone with no customers of their own (finance) gets a home without charts', async () => {
    const images = await openHome('U-finance', 1);
    expect(images).toEqual([]);
    expect(h.api.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });
});
