// An update that adds or retires continuation parts gives the message a new shape; the original send keeps
// it, so the next update edits the same parts instead of posting new ones.
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/storage/db.js';
import { createRepositories } from '../../../src/storage/repositories.js';
import { createOutboxWorker } from '../../../src/runtime/delivery/outbox-worker.js';
import type { ChatPort, Destination, MessageRef } from '../../../src/app/ports/chat.port.js';
import type { CardSpec } from '../../../src/ui/card.js';

const card = (title: string): CardSpec => ({ title, tone: 'blue', blocks: [], summary: title });

class PartsPort implements ChatPort {
  readonly platform = 'feishu' as const;
  readonly updates: MessageRef[] = [];
  async send(to: Destination): Promise<MessageRef> {
    return { platform: 'feishu', channel: to.kind === 'user' ? to.userId : to.channelId, messageId: 'om_head', parts: ['om_p1'] };
  }
  async update(ref: MessageRef): Promise<MessageRef> {
    this.updates.push(ref);
    return { ...ref, parts: [...(ref.parts ?? []), `om_p${(ref.parts?.length ?? 0) + 1}`] };
  }
  async lookupUserByEmail(): Promise<string | null> {
    return null;
  }
}

describe('updates that change a message shape', () => {
  it('store the new parts on the original send for the next update', async () => {
    const repos = createRepositories(openDb(':memory:'));
    const team = repos.teams.ensureTeam({ name: 'T', timezone: 'UTC', locale: 'en' });
    const port = new PartsPort();
    const worker = createOutboxWorker({ outbox: repos.outbox, ports: { feishu: port } });
    const at = new Date().toISOString();
    const base = { teamId: team.id, platform: 'feishu' as const, destination: { kind: 'channel' as const, channelId: 'oc_1' } };
    repos.outbox.enqueue({ ...base, key: 'digest', op: 'send', card: card('v1') }, at);
    await worker.drainOnce();
    repos.outbox.enqueue({ ...base, key: 'refresh-1', op: 'update', updateOf: 'digest', card: card('v2') }, at);
    await worker.drainOnce();
    repos.outbox.enqueue({ ...base, key: 'refresh-2', op: 'update', updateOf: 'digest', card: card('v3') }, at);
    await worker.drainOnce();
    expect(port.updates.map((r) => r.parts)).toEqual([['om_p1'], ['om_p1', 'om_p2']]);
    expect(repos.outbox.byKey('digest')?.messageRef?.parts).toEqual(['om_p1', 'om_p2', 'om_p3']);
  });
});

describe('updates of the same message', () => {
  it('never let an older state land after a newer one', async () => {
    const repos = createRepositories(openDb(':memory:'));
    const team = repos.teams.ensureTeam({ name: 'T', timezone: 'UTC', locale: 'en' });
    const port = new PartsPort();
    const worker = createOutboxWorker({ outbox: repos.outbox, ports: { feishu: port } });
    const at = new Date(Date.now() - 1000).toISOString();
    const base = { teamId: team.id, platform: 'feishu' as const, destination: { kind: 'channel' as const, channelId: 'oc_1' } };
    repos.outbox.enqueue({ ...base, key: 'digest', op: 'send', card: card('v1') }, at);
    await worker.drainOnce();
    // "claimed" is queued first but waits for a retry; "resolved" is queued after it.
    repos.outbox.enqueue({ ...base, key: 'refresh-claimed', op: 'update', updateOf: 'digest', card: card('claimed') }, new Date(Date.now() + 60_000).toISOString());
    repos.outbox.enqueue({ ...base, key: 'refresh-resolved', op: 'update', updateOf: 'digest', card: card('resolved') }, at);
    await worker.drainOnce();
    expect(port.updates).toHaveLength(1);
    const later = createOutboxWorker({ outbox: repos.outbox, ports: { feishu: port }, clock: () => new Date(Date.now() + 120_000) });
    await later.drainOnce();
    expect(port.updates).toHaveLength(1); // the older "claimed" was dropped, not sent after "resolved"
    expect(repos.outbox.byKey('refresh-claimed')?.state).toBe('sent');
  });
});
