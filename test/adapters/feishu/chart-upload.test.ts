// Charts in Feishu cards through the real Lark SDK against the fake Open API: a chart Card 2.0 draws
// (trend, radar) as a native `chart` component, any other as its PNG uploaded by im/v1/images
// (image_type=message), shown by an `img` element, within the card size limit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeishuChatPort } from '../../../adapters/feishu/transport/chat-port.js';
import { createLarkClient } from '../../../adapters/feishu/transport/open-api.js';
import { checkCard } from '../../../adapters/feishu/render/check-card.js';
import { renderPng } from '../../../src/chart-render/index.js';
import { ChatDeliveryError } from '../../../src/app/ports/chat.port.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import type { CardSpec } from '../../../src/ui/card.js';
import type { ChartSpec } from '../../../src/ui/chart.js';
import { startFakeFeishuApi, type FakeFeishuApi } from '../../fakes/feishu-api.fake.js';
import { byRepZh, heatmapZh, radarEn, trendZh } from '../../chart-render/sample-specs.js';

let api: FakeFeishuApi;
const port = (render = true) => new FeishuChatPort(
  createLarkClient({ appId: 'cli_a1b2c3d4e5f60718', appSecret: 'secret-xyz', domain: api.url, timeoutMs: 5000, logger: silentLogger() }),
  silentLogger(), undefined, render ? (c: ChartSpec) => renderPng(c, { locale: c.locale }) : undefined,
);
const card = (...charts: ChartSpec[]): CardSpec => ({
  title: '客户：华星科技', tone: 'red', summary: '华星科技', blocks: [{ type: 'text', text: ['指数 88'] }, ...charts.map((chart) => ({ type: 'image' as const, chart }))],
});

beforeEach(async () => {
  api = await startFakeFeishuApi();
});
afterEach(async () => api.close());

const elements = (i = 0) => api.messages[i]!.card.body.elements as Array<{ tag: string; img_key?: string; alt?: { content: string } }>;

describe('Feishu chart images', () => {
  it('uploads each chart as a message image and shows it by image_key; the card passes the Card 2.0 check', async () => {
    await port().send({ kind: 'user', userId: 'ou_owner' }, card(heatmapZh, byRepZh), { idempotencyKey: 'digest:1' });
    expect(api.callsTo('imageUpload')).toHaveLength(2);
    const imgs = elements().filter((e) => e.tag === 'img');
    expect(imgs).toHaveLength(2);
    for (const img of imgs) {
      const stored = api.images.get(img.img_key!)!;
      expect(stored.image_type).toBe('message');
      expect(stored.bytes.subarray(1, 4).toString()).toBe('PNG');
    }
    expect(imgs[0]!.alt!.content).toContain('华东 × 拖款：3 家');
    expect(checkCard(api.messages[0]!.card)).toEqual([]);
    expect(JSON.stringify(api.messages[0]!.card).length).toBeLessThan(30 * 1024);
  });

  it('the same chart is uploaded once; a failed upload fails the send (retried by the outbox)', async () => {
    const p = port();
    await p.send({ kind: 'user', userId: 'ou_owner' }, card(heatmapZh), { idempotencyKey: 'a' });
    await p.send({ kind: 'user', userId: 'ou_owner' }, card(heatmapZh), { idempotencyKey: 'b' });
    expect(api.callsTo('imageUpload')).toHaveLength(1);
    api.failNext('imageUpload', { kind: 'status', status: 500 });
    const err = await port().send({ kind: 'user', userId: 'ou_owner' }, card(byRepZh), { idempotencyKey: 'c' }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ChatDeliveryError);
    expect(api.messages).toHaveLength(2);
  });

  it('without a renderer a chart Card 2.0 cannot draw goes as its numbers', async () => {
    await port(false).send({ kind: 'user', userId: 'ou_owner' }, card(byRepZh), { idempotencyKey: 'd' });
    expect(api.callsTo('imageUpload')).toHaveLength(0);
    const notes = elements().filter((e) => e.tag === 'markdown').map((e) => (e as { content?: string }).content);
    expect(notes).toContain(byRepZh.alt);
  });

  it('the trend and radar go as native chart components (VChart), never uploaded', async () => {
    await port().send({ kind: 'user', userId: 'ou_owner' }, card(trendZh, radarEn), { idempotencyKey: 'details:1' });
    expect(api.callsTo('imageUpload')).toHaveLength(0);
    const charts = elements().filter((e) => e.tag === 'chart') as Array<{ tag: 'chart'; chart_spec: { type: string; data: Array<{ values: Array<Record<string, unknown>> }> } }>;
    expect(charts.map((c) => c.chart_spec.type)).toEqual(['common', 'radar']);
    // The trend skips the unscored week (null) rather than drawing it as 0.
    expect(charts[0]!.chart_spec.data[0]!.values.map((v) => v.y)).toEqual(trendZh.line.values.filter((v) => v !== null));
    expect(charts[1]!.chart_spec.data[0]!.values.filter((v) => v.series === 'Acme Corp').map((v) => v.value)).toEqual([88, 40, 20, 10, 0, 60, 30]);
    expect(checkCard(api.messages[0]!.card)).toEqual([]);
  });
});
