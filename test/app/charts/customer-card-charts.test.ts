// Details on a customer brings its trend and radar charts with the card.
import { describe, expect, it } from 'vitest';
import { runDigestStep } from '../../../src/app/digest/digest.job.js';
import { outboxKeys } from '../../../src/app/radar-app.js';
import type { CardSpec } from '../../../src/ui/card.js';
import { createHarness } from '../support/app-harness.js';
import { kindOf, replied } from '../../support/answer.js';

describe('customer card charts', () => {
  it('a Details click answers with the card plus the trend and radar as image blocks', async () => {
    const h = createHarness();
    const result = await h.send({
      type: 'action', actor: h.actor(h.members.owner), message: null,
      action: { kind: 'customer.details', args: { customerId: String(h.customers.huaxing) } },
    });
    expect(kindOf(result)).toBe('reply');
    const images = replied(result).blocks.filter((b) => b.type === 'image');
    expect(images.map((b) => b.type === 'image' && b.chart.kind)).toEqual(['trend', 'radar']);
    for (const b of images) if (b.type === 'image') expect(b.chart.alt).toContain('华星科技');
  });

  it('the digest\'s heat map and red flags by rep go in its thread as images, with their numbers', async () => {
    const h = createHarness();
    await runDigestStep(h.app, h.teamId, '2026-W47');
    const charts = h.app.ctx.repos.outbox.byKey(outboxKeys.digestCharts(h.teamId, '2026-W47', 'slack'))!;
    expect(charts.threadOf).toBe(outboxKeys.digest(h.teamId, '2026-W47', 'slack'));
    expect(charts.destination).toEqual({ kind: 'channel', channelId: 'CMGR' });
    const digest = h.app.ctx.repos.outbox.byKey(outboxKeys.digest(h.teamId, '2026-W47', 'slack'))!.card as CardSpec;
    expect(digest.blocks.some((b) => b.type === 'image')).toBe(false);
    const card = charts.card;
    const images = card.blocks.flatMap((b) => (b.type === 'image' ? [b.chart] : []));
    expect(images.map((c) => c.kind)).toEqual(['heatmap', 'stackedBar']);
    expect(images[0]!.alt).toContain('East × Overdue payment: 1 customers');
  });
});
