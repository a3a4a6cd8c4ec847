// A message that can never be delivered is reported to the manager channel once, not retried forever.
import { describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../src/runtime/delivery/outbox-worker.js';
import { ChatDeliveryError, type Destination, type MessageRef, type SendOptions } from '../../src/app/ports/chat.port.js';
import type { CardSpec } from '../../src/ui/card.js';
import { runPromptStep } from '../../src/app/weekly-report/prompt.job.js';
import { reportPermanentFailure } from '../../src/app/team/delivery-failure.service.js';
import { createHarness, RecordingChatPort } from './support/app-harness.js';
import { blockText, blockWithText } from '../support/cards.js';

/** Slack says the rep's account is gone; everything else goes through. */
class DeactivatedUserPort extends RecordingChatPort {
  override async send(to: Destination, card: CardSpec, options: SendOptions): Promise<MessageRef> {
    if (to.kind === 'user' && to.userId === 'U-rep2') throw new ChatDeliveryError('permanent', 'account_inactive');
    return super.send(to, card, options);
  }
}

describe('permanent delivery failures', () => {
  it('reports an undeliverable prompt to the managers once', async () => {
    const h = createHarness();
    const port = new DeactivatedUserPort();
    const app = { ...h.app, platforms: [{ platform: 'slack' as const, chat: port, managerChannel: 'CMGR' }] };
    const worker = createOutboxWorker({
      outbox: app.ctx.repos.outbox, ports: { slack: port }, clock: app.ctx.clock,
      onPermanentFailure: (m) => reportPermanentFailure(app, m),
    });
    await runPromptStep(app, h.teamId, '2026-W48');
    await worker.drainOnce();
    await worker.drainOnce();
    await worker.drainOnce();
    const toManagers = port.sent.filter((s) => s.to.kind === 'channel' && s.to.channelId === 'CMGR');
    expect(toManagers).toHaveLength(1);
    const report = toManagers[0]!.card;
    expect(blockText(blockWithText(report, 'could not be sent to'))).toContain('rep2@example.com');
    expect(blockText(blockWithText(report, 'Reason:'))).toContain('account_inactive');
    expect(port.sent.filter((s) => s.to.kind === 'user' && s.to.userId === 'U-rep1')).toHaveLength(1);
    expect(app.ctx.repos.outbox.listFailed(h.teamId, '2000-01-01T00:00:00Z').map((m) => m.key)).toEqual(['prompt:2026-W48:' + h.members.rep2.id + ':slack']);
  });
});
