// A refresh of a posted message is queued only when the card it would show differs from what the
// message shows (or is about to show): a click that changes nothing visible costs no platform call.
import { describe, expect, it } from 'vitest';
import { enqueueRefresh, enqueueSend } from '../../src/app/radar-app.js';
import type { CardSpec } from '../../src/ui/card.js';
import { createHarness } from './support/app-harness.js';

const card = (text: string): CardSpec => ({ title: 'Digest', tone: 'blue', summary: text, blocks: [{ type: 'text', text: [text] }] });

describe('enqueueRefresh', () => {
  it('skips a card equal to the latest one queued for the message, queues a changed one', () => {
    const h = createHarness();
    const { outbox } = h.app.ctx.repos;
    expect(enqueueSend(h.app, { teamId: h.teamId, key: 'digest:x', platform: 'slack', destination: { kind: 'channel', channelId: 'CMGR' }, card: card('v1') })).toBe(true);
    expect(enqueueRefresh(h.app, 'digest:x', card('v1'))).toBe(false);
    expect(outbox.newestUpdateId('digest:x')).toBeNull();
    expect(enqueueRefresh(h.app, 'digest:x', card('v2'))).toBe(true);
    const first = outbox.newestUpdateId('digest:x');
    expect(first).not.toBeNull();
    // Equal to the pending update: nothing new; back to v1 is a change again.
    expect(enqueueRefresh(h.app, 'digest:x', card('v2'))).toBe(false);
    expect(outbox.newestUpdateId('digest:x')).toBe(first);
    expect(enqueueRefresh(h.app, 'digest:x', card('v1'))).toBe(true);
    expect(outbox.latestCard('digest:x')).toEqual(card('v1'));
  });
});
