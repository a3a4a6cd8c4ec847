// Charts in Slack through the real WebClient against the fake Web API: the three-step external
// upload, then an image block showing the file by `slack_file`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackChatPort } from '../../../adapters/slack/transport/chat-port.js';
import { renderPng } from '../../../src/chart-render/index.js';
import { ChatDeliveryError } from '../../../src/app/ports/chat.port.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import type { CardSpec } from '../../../src/ui/card.js';
import type { ChartSpec } from '../../../src/ui/chart.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.fake.js';
import { byRepZh, heatmapZh } from '../../chart-render/sample-specs.js';
import { slackText } from '../../support/cards.js';

const card = (...charts: ChartSpec[]): CardSpec => ({
  title: '周报雷达 2026-W48', tone: 'red', summary: 'digest',
  blocks: [{ type: 'text', text: ['本周预警'] }, ...charts.map((chart) => ({ type: 'image' as const, chart }))],
});

let api: FakeSlackApi;
let rendered = 0;
const port = (withRenderer = true) => new SlackChatPort({
  botToken: 'xoxb-test', apiUrl: api.url, logger: silentLogger(), timeoutMs: 5000,
  ...(withRenderer ? { renderChartPng: (c: ChartSpec) => { rendered++; return renderPng(c, { locale: c.locale }); } } : {}),
});

beforeEach(async () => {
  api = await startFakeSlackApi();
  rendered = 0;
});
afterEach(async () => {
  await api.close();
});

const imageBlocks = (i = 0) => (api.messages[i]!.blocks as Array<{ type: string; slack_file?: { id: string }; alt_text?: string }>).filter((b) => b.type === 'image');

describe('Slack chart images', () => {
  it('uploads each chart (get URL → POST bytes → complete) and shows it by slack_file with the numbers as alt text', async () => {
    await port().send({ kind: 'channel', channelId: 'CMGR' }, card(heatmapZh, byRepZh), { idempotencyKey: 'digest:1' });
    expect(api.calls.map((c) => c.method)).toEqual([
      'files.getUploadURLExternal', 'upload_url', 'files.completeUploadExternal',
      'files.getUploadURLExternal', 'upload_url', 'files.completeUploadExternal',
      'chat.postMessage',
    ]);
    const ticket = api.callsTo('files.getUploadURLExternal')[0]!.args;
    expect(ticket.filename).toMatch(/^radar-heatmap-[0-9a-f]{12}\.png$/);
    const images = imageBlocks();
    expect(images).toHaveLength(2);
    for (const img of images) {
      const file = api.files.get(img.slack_file!.id)!;
      expect(file.completed).toBe(true);
      expect(file.bytes!.subarray(1, 4).toString()).toBe('PNG');
      expect(file.bytes!.length).toBe(file.length);
    }
    expect(images[0]!.alt_text).toBe(heatmapZh.alt);
    expect(api.files.get(images[1]!.slack_file!.id)!.title).toBe(byRepZh.title);
  });

  it('the same chart is uploaded once per process (a retried or repeated send reuses the file)', async () => {
    const p = port();
    await p.send({ kind: 'channel', channelId: 'CMGR' }, card(heatmapZh), { idempotencyKey: 'a' });
    await p.send({ kind: 'channel', channelId: 'CMGR' }, card(heatmapZh), { idempotencyKey: 'b' });
    expect(api.callsTo('files.completeUploadExternal')).toHaveLength(1);
    expect(imageBlocks(1)[0]!.slack_file!.id).toBe(imageBlocks(0)[0]!.slack_file!.id);
  });

  it('a failed byte upload fails the send (the outbox retries it) and posts nothing', async () => {
    api.fail('upload_url', { kind: 'status', status: 503 });
    const err = await port().send({ kind: 'channel', channelId: 'CMGR' }, card(heatmapZh), { idempotencyKey: 'x' }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ChatDeliveryError);
    expect((err as ChatDeliveryError).code).toBe('transient');
    expect(api.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('without files permission, or without a renderer, the chart is sent as its numbers', async () => {
    api.fail('files.getUploadURLExternal', { kind: 'error', error: 'missing_scope' });
    await port().send({ kind: 'channel', channelId: 'CMGR' }, card(heatmapZh), { idempotencyKey: 'y' });
    await port(false).send({ kind: 'channel', channelId: 'CMGR' }, card(byRepZh), { idempotencyKey: 'z' });
    expect(imageBlocks(0)).toHaveLength(0);
    expect(slackText(api.messages[0]!.blocks)).toContain('华东 × 拖款：3 家');
    expect(slackText(api.messages[1]!.blocks)).toContain('张敏：A 级 2');
    expect(rendered).toBe(1);
  });

  it('the fake refuses an image block whose file upload was never completed, as Slack does', async () => {
    const p = port(false);
    const bad: CardSpec = { ...card(), blocks: [{ type: 'image', chart: heatmapZh, uploaded: { slackFileId: 'F404' } }] };
    const err = await p.send({ kind: 'channel', channelId: 'CMGR' }, bad, { idempotencyKey: 'q' }).then(() => null, (e: unknown) => e);
    expect((err as ChatDeliveryError).message).toContain('invalid_blocks');
  });
});
