// Details on a customer brings its trend and radar charts with the card.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/app-harness.js';

describe('customer card charts', () => {
  it('a Details click answers with the card plus the trend and radar as image blocks', async () => {
    const h = createHarness();
    const result = await h.send({
      type: 'action', actor: h.actor(h.members.owner), message: null,
      action: { kind: 'customer.details', args: { customerId: String(h.customers.huaxing) } },
    });
    expect(result.type).toBe('card');
    if (result.type !== 'card') return;
    const images = result.card.blocks.filter((b) => b.type === 'image');
    expect(images.map((b) => b.type === 'image' && b.chart.kind)).toEqual(['trend', 'radar']);
    for (const b of images) if (b.type === 'image') expect(b.chart.alt).toContain('华星科技');
  });
});
