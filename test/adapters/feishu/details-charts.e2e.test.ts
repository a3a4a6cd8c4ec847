// A customer's Details on Feishu with its charts: the real app router builds the customer card (trend
// and radar), the real node-sdk talks to the loopback fake Open API, and a signed, encrypted card
// callback arrives over HTTP. The trend and radar go as Card 2.0 `chart` components (VChart specs, no
// upload); a chart Card 2.0 does not draw (the heat map) goes as a PNG uploaded through im/v1/images.
import { afterEach, describe, expect, it } from 'vitest';
import type { FeishuAdapter } from '../../../adapters/feishu/index.js';
import { checkCard, jsonBytes } from '../../../adapters/feishu/render/check-card.js';
import type { Card2, ChartElement, VChartRichSpec } from '../../../adapters/feishu/render/card-v2.types.js';
import { MAX_CARD_BYTES } from '../../../adapters/feishu/limits.js';
import type { InboundEvent } from '../../../src/app/inbound.js';
import { renderPng } from '../../../src/chart-render/index.js';
import { encodeAction } from '../../../src/ui/action.js';
import type { ChartSpec } from '../../../src/ui/chart.js';
import type { FakeFeishuApi } from '../../fakes/feishu-api.fake.js';
import { startFeishuHttp } from './e2e-support.js';
import { cardActionEvent, envelope, signRequest } from '../../fakes/feishu-signing.js';
import { createHarness, NOW, type Harness as AppHarness } from '../../app/support/app-harness.js';
import { heatmapZh, trendZh } from '../../chart-render/sample-specs.js';
import { answer, type Answer } from '../../../src/app/answer.js';

const ENCRYPT_KEY = 'enc-key-for-tests';
const TOKEN = 'verification-token-for-tests';
const MANAGERS = 'oc_managers';

interface Running {
  api: FakeFeishuApi;
  adapter: FeishuAdapter;
  drawn: ChartSpec[];
  click(operator: string, value: Record<string, string>, chatId: string): Promise<{ toast?: { type: string }; card?: { type: string; data: Card2 } }>;
  close(): Promise<void>;
}

let running: Running | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function start(router: (e: InboundEvent) => Promise<Answer>): Promise<Running> {
  const drawn: ChartSpec[] = [];
  const h = await startFeishuHttp({
    router, encryptKey: ENCRYPT_KEY, verificationToken: TOKEN, now: () => NOW, managerChatId: MANAGERS, firstSeen: () => true,
    renderChartPng: (c) => { drawn.push(c); return renderPng(c, { locale: c.locale }); },
    softDeadlineMs: 2500, maxBodyBytes: 64 * 1024,
  });
  const { api, adapter, url: base } = h;
  let n = 0;
  return {
    api, adapter, drawn,
    async click(operator, value, chatId) {
      n += 1;
      const event = envelope({ eventType: 'card.action.trigger', token: TOKEN, event: cardActionEvent({ operator, value, chatId, messageId: `om_card${n}` }), eventId: `ev_${n}`, createTime: NOW.getTime() });
      const { body, headers } = signRequest(event, { encryptKey: ENCRYPT_KEY, timestampSec: Math.floor(NOW.getTime() / 1000) });
      const res = await fetch(base, { method: 'POST', body, headers });
      expect(res.status).toBe(200);
      return (await res.json()) as { toast?: { type: string }; card?: { type: string; data: Card2 } };
    },
    close: () => h.close(),
  };
}

function appWithFeishuIds(): AppHarness {
  const app = createHarness();
  for (const m of app.app.ctx.repos.teams.listMembers(app.teamId)) app.app.ctx.repos.teams.setPlatformId(m.id, 'feishu', `ou_${m.email.split('@')[0]}`);
  return app;
}

const chartsOf = (card: Card2) => card.body.elements.filter((e): e is ChartElement => e.tag === 'chart');
const imgsOf = (card: Card2) => card.body.elements.filter((e) => e.tag === 'img') as Array<{ tag: 'img'; img_key: string }>;
const rich = (el: ChartElement) => el.chart_spec as VChartRichSpec;

describe('Feishu Details charts', () => {
  it('a Details click answers with the trend and radar as native chart components, nothing uploaded', async () => {
    const app = appWithFeishuIds();
    running = await start((e) => app.route(e));
    const details = encodeAction({ kind: 'customer.details', args: { customerId: String(app.customers.huaxing) } });
    const res = await running.click('ou_manager', { a: details }, 'oc_p2p_manager');
    const card = res.card!.data;
    expect(card.header!.title.content).toBe('Customer: 华星科技');
    expect(checkCard(card)).toEqual([]);
    expect(jsonBytes(card)).toBeLessThan(MAX_CARD_BYTES);

    const charts = chartsOf(card).filter((c) => c.chart_spec.type === 'common' || c.chart_spec.type === 'radar');
    expect(charts.map((c) => c.chart_spec.type)).toEqual(['common', 'radar']);
    const [trend, radar] = charts.map(rich);
    // The trend: the index line over the weeks with reports, bands at the grade thresholds, revenue bars.
    const index = trend!.data.find((d) => d.id === 'index')!.values;
    expect(index.map((v) => v.x)).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47']);
    const stored = app.app.ctx.repos.scores.scoreHistory(app.customers.huaxing, '2026-W44', '2026-W47').map((s) => Math.round(s.index));
    expect(index.map((v) => v.y)).toEqual(stored);
    const { A, B } = app.app.ctx.settings.scoring.grades;
    expect(trend!.markArea).toEqual([
      expect.objectContaining({ y: B, y1: A }),
      expect.objectContaining({ y: A, y1: 100 }),
    ]);
    expect(trend!.data.find((d) => d.id === 'bars')!.values.map((v) => v.y)).toEqual([10000, 10000, 10000, 10000]);
    // The radar: seven dimensions for the customer; no segment median with only two other customers.
    const scores = radar!.data[0]!.values;
    expect(new Set(scores.map((v) => v.series))).toEqual(new Set(['华星科技']));
    expect(scores).toHaveLength(7);
    expect(scores.map((v) => v.axis)).toEqual(['Payment', 'Activity', 'Complaints', 'Product fit', 'Req. churn', 'Revenue trend', 'Deal cycle']);
    const own = app.app.ctx.repos.scores.scoreHistory(app.customers.huaxing, '2026-W47', '2026-W47')[0]!;
    expect(scores.map((v) => v.value)).toEqual(Object.values(own.dimensions).map((d) => Math.round(d.score)));
    expect(scores[0]!.value).toBeGreaterThan(50); // 80+ days overdue

    expect(imgsOf(card)).toEqual([]);
    expect(running.api.callsTo('imageUpload')).toHaveLength(0);
    expect(running.drawn).toEqual([]);
  });

  it('in the managers\' group the card goes privately, charts included', async () => {
    const app = appWithFeishuIds();
    running = await start((e) => app.route(e));
    const details = encodeAction({ kind: 'customer.details', args: { customerId: String(app.customers.huaxing) } });
    const res = await running.click('ou_manager', { a: details }, MANAGERS);
    expect(res.toast!.type).toBe('success');
    expect(res.card).toBeUndefined();
    await running.adapter.idle();
    const sent = running.api.messages.at(-1)!;
    expect(sent.card.header.title.content).toBe('Customer: 华星科技');
    expect(chartsOf(sent.card as Card2).map((c) => c.chart_spec.type)).toEqual(expect.arrayContaining(['common', 'radar']));
    expect(checkCard(sent.card as Card2)).toEqual([]);
  });

  it('a chart Card 2.0 does not draw (the heat map) is uploaded as a PNG and shown by image_key, once', async () => {
    const result: Answer = answer.reply({ title: '客户：华星科技', tone: 'red', summary: 's', blocks: [{ type: 'text', text: ['指数 88'] }, { type: 'image', chart: trendZh }, { type: 'image', chart: heatmapZh }] });
    running = await start(async () => result);
    const click = { a: encodeAction({ kind: 'customer.details', args: { customerId: '1' } }) };
    const first = (await running.click('ou_manager', click, 'oc_p2p')).card!.data;
    expect(checkCard(first)).toEqual([]);
    expect(chartsOf(first).map((c) => c.chart_spec.type)).toEqual(['common']);
    const [img] = imgsOf(first);
    const stored = running.api.images.get(img!.img_key)!;
    expect(stored.image_type).toBe('message');
    expect(stored.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(running.drawn.map((c) => c.kind)).toEqual(['heatmap']);

    const again = (await running.click('ou_manager', click, 'oc_p2p')).card!.data;
    expect(imgsOf(again)[0]!.img_key).toBe(img!.img_key);
    expect(running.api.callsTo('imageUpload')).toHaveLength(1);
    expect(running.drawn).toHaveLength(1);
  });
});
