import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeishuChatPort, sendUuid } from '../../../adapters/feishu/transport/chat-port.js';
import { createLarkClient } from '../../../adapters/feishu/transport/open-api.js';
import { ChatDeliveryError, type MessageRef } from '../../../src/app/ports/chat.port.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import { startFakeFeishuApi, type FakeFeishuApi } from '../../fakes/feishu-api.fake.js';
import { renderCard } from '../../../adapters/feishu/render/render-card.js';
import { digestCard, promptCard } from '../../fixtures/feishu/specs.js';
import { feishuElements, feishuText, feishuTexts } from '../../support/cards.js';

let api: FakeFeishuApi;
let port: FeishuChatPort;

beforeEach(async () => {
  api = await startFakeFeishuApi();
  const client = createLarkClient({ appId: 'cli_a1b2c3d4e5f60718', appSecret: 'secret-xyz', domain: api.url, timeoutMs: 400, logger: silentLogger() });
  port = new FeishuChatPort(client, silentLogger());
});
afterEach(async () => api.close());

async function deliveryError(p: Promise<unknown>): Promise<ChatDeliveryError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ChatDeliveryError);
  return e as ChatDeliveryError;
}

describe('FeishuChatPort.send', () => {
  it('sends an interactive card to a user by open_id with a uuid', async () => {
    const ref = await port.send({ kind: 'user', userId: 'ou_rep1' }, promptCard(2), { idempotencyKey: 'prompt:2026-W48:member:1:feishu' });
    const [create] = api.callsTo('create');
    expect(create!.query.receive_id_type).toBe('open_id');
    expect(create!.body.msg_type).toBe('interactive');
    expect(create!.body.uuid).toBe(sendUuid('prompt:2026-W48:member:1:feishu'));
    expect(create!.body.uuid.length).toBeLessThanOrEqual(50);
    expect(JSON.parse(create!.body.content).schema).toBe('2.0');
    expect(ref).toEqual({ platform: 'feishu', channel: 'oc_p2p_ou_rep1', messageId: api.messages[0]!.message_id, parts: [] });
  });

  it('a retry with the same key leaves one message at the platform', async () => {
    const opts = { idempotencyKey: 'digest:2026-W48:team:1' };
    const a = await port.send({ kind: 'channel', channelId: 'oc_managers' }, digestCard(2), opts);
    const b = await port.send({ kind: 'channel', channelId: 'oc_managers' }, digestCard(2), opts);
    expect(api.callsTo('create')).toHaveLength(2);
    expect(api.callsTo('create')[0]!.query.receive_id_type).toBe('chat_id');
    expect(api.messages).toHaveLength(1);
    expect(b).toEqual(a);
  });

  it('continuation cards reply to the first message, and the ref lists them as parts', async () => {
    const ref = await port.send({ kind: 'channel', channelId: 'oc_managers' }, digestCard(80), { idempotencyKey: 'digest:big' });
    expect(api.messages.length).toBeGreaterThan(1);
    expect(api.messages.slice(1).every((m) => m.parent_id === ref.messageId)).toBe(true);
    expect(ref.parts).toEqual(api.messages.slice(1).map((m) => m.message_id));
    // Re-sending after a crash posts nothing new: every part has its own stable uuid.
    const stored = api.messages.length;
    await port.send({ kind: 'channel', channelId: 'oc_managers' }, digestCard(80), { idempotencyKey: 'digest:big' });
    expect(api.messages.length).toBe(stored);
    expect(api.callsTo('reply').length).toBe(2 * (stored - 1));
  });

  it('threadOf sends a reply', async () => {
    const first = await port.send({ kind: 'channel', channelId: 'oc_x' }, promptCard(1), { idempotencyKey: 'k1' });
    await port.send({ kind: 'channel', channelId: 'oc_x' }, promptCard(1), { idempotencyKey: 'k2', threadOf: first });
    expect(api.messages[1]!.parent_id).toBe(first.messageId);
  });
});

describe('FeishuChatPort.update and lookup', () => {
  it('patches the message', async () => {
    const ref = await port.send({ kind: 'channel', channelId: 'oc_x' }, promptCard(1), { idempotencyKey: 'k' });
    await port.update(ref, digestCard(1));
    expect(api.callsTo('patch')).toHaveLength(1);
    expect(api.messages[0]!.card.header.title.content).toContain('问题客户雷达');
    expect(api.messages[0]!.card.config.update_multi).toBe(true);
  });

  it('sendPrivate sends to the open_id, continuations as replies, once per key', async () => {
    const cards = renderCard(digestCard(80));
    const id = await port.sendPrivate('ou_mgr', cards, 'cb:ev1:private');
    await port.sendPrivate('ou_mgr', cards, 'cb:ev1:private');
    expect(api.callsTo('create')[0]!.query.receive_id_type).toBe('open_id');
    expect(api.messages).toHaveLength(cards.length);
    expect(api.messages[0]).toMatchObject({ message_id: id, receive_id: 'ou_mgr' });
  });

  it('looks users up by email and caches the answer', async () => {
    api.users.set('rep@example.com', 'ou_rep9');
    expect(await port.lookupUserByEmail('Rep@Example.com')).toBe('ou_rep9');
    expect(await port.lookupUserByEmail('rep@example.com')).toBe('ou_rep9');
    expect(await port.lookupUserByEmail('nobody@example.com')).toBeNull();
    const calls = api.callsTo('batchGetId');
    expect(calls).toHaveLength(2);
    expect(calls[0]!.query.user_id_type).toBe('open_id');
    expect(calls[0]!.body.emails).toEqual(['rep@example.com']);
  });
});

describe('FeishuChatPort.update of a card continued in several messages', () => {
  const to = { kind: 'channel' as const, channelId: 'oc_managers' };
  const stored = (id: string) => api.messages.find((m) => m.message_id === id)!;
  const superseded = (id: string) => feishuText(stored(id).card).includes('Superseded');

  it('three updates of an 80-flag digest patch the same messages: the count stays constant', async () => {
    const ref = await port.send(to, digestCard(80), { idempotencyKey: 'digest:80' });
    const count = api.messages.length;
    expect(count).toBe(5);
    for (let round = 1; round <= 3; round += 1) {
      const card = { ...digestCard(80), title: `问题客户雷达 · 第 ${round} 次刷新` };
      expect(await port.update(ref, card)).toBeUndefined();
      expect(api.messages).toHaveLength(count);
      for (const id of [ref.messageId, ...ref.parts!]) expect(stored(id).card.header.title.content).toBe(`问题客户雷达 · 第 ${round} 次刷新`);
    }
    expect(api.callsTo('reply')).toHaveLength(count - 1); // only the send's
    expect(api.callsTo('patch')).toHaveLength(3 * count);
  });

  it('a card that grows gets its new parts as replies once, and the new ref lists them', async () => {
    const ref = await port.send(to, digestCard(2), { idempotencyKey: 'digest:grow' });
    expect(ref.parts).toEqual([]);
    const grown = await port.update(ref, digestCard(80));
    expect(grown).toEqual({ ...ref, parts: api.messages.slice(1).map((m) => m.message_id) });
    expect(api.messages).toHaveLength(5);
    expect(api.messages.slice(1).every((m) => m.parent_id === ref.messageId)).toBe(true);
    for (const c of api.callsTo('reply')) expect(c.body.uuid.length).toBeLessThanOrEqual(50);
    // A retry of the same update (its new ref not stored yet) finds the parts it posted.
    expect(await port.update(ref, digestCard(80))).toEqual(grown);
    expect(api.messages).toHaveLength(5);
    // And the next update with the stored ref only patches.
    expect(await port.update(grown as MessageRef, digestCard(80))).toBeUndefined();
    expect(api.messages).toHaveLength(5);
  });

  it('a card that shrinks turns the parts it no longer needs into a superseded notice without buttons', async () => {
    const ref = await port.send(to, digestCard(80), { idempotencyKey: 'digest:shrink' });
    const shrunk = await port.update(ref, digestCard(30)) as MessageRef;
    const cards = renderCard(digestCard(30)).length;
    expect(cards).toBeGreaterThan(1);
    expect(cards).toBeLessThan(5);
    expect(shrunk).toEqual({ ...ref, parts: ref.parts!.slice(0, cards - 1) });
    expect(api.messages).toHaveLength(5);
    for (const id of ref.parts!.slice(cards - 1)) {
      expect(superseded(id)).toBe(true);
      expect(feishuElements(stored(id).card, 'button')).toEqual([]);
    }
    for (const id of shrunk.parts!) expect(superseded(id)).toBe(false);
  });

  it('a part retired and needed again within the hour shows the new content (Feishu returns the old message for its uuid)', async () => {
    const ref = await port.send(to, digestCard(2), { idempotencyKey: 'digest:regrow' });
    const grown = await port.update(ref, digestCard(80)) as MessageRef;
    const shrunk = await port.update(grown, digestCard(2)) as MessageRef;
    expect(shrunk.parts).toEqual([]);
    expect(grown.parts!.every(superseded)).toBe(true);
    const again = await port.update(shrunk, digestCard(80)) as MessageRef;
    expect(again.parts).toEqual(grown.parts);
    expect(api.messages).toHaveLength(5);
    expect(again.parts!.some(superseded)).toBe(false);
    expect(feishuTexts(stored(again.parts!.at(-1)!).card)).toContainEqual(expect.stringContaining('**客户80**'));
  });

  it('a message sent before parts were tracked: the head is patched, no continuation is posted', async () => {
    const { parts: _parts, ...legacy } = await port.send(to, digestCard(2), { idempotencyKey: 'digest:legacy' });
    expect(await port.update(legacy, digestCard(80))).toBeUndefined();
    expect(api.messages).toHaveLength(1);
    expect(api.callsTo('reply')).toHaveLength(0);
    expect(api.messages[0]!.card.header.subtitle.content).toMatch(/^1\/\d/);
  });
});

describe('FeishuChatPort.update of a message past the 14-day update window', () => {
  const DAY = 24 * 60 * 60 * 1000;

  it('the fake refuses the patch like Feishu (400, code 230031); the update posts the new version in the old message\'s thread', async () => {
    let now = Date.parse('2026-11-02T04:00:00Z');
    api.setNow(() => now);
    const old = await port.send({ kind: 'channel', channelId: 'oc_managers' }, digestCard(80), { idempotencyKey: 'digest:old' });
    expect(old.parts!.length).toBeGreaterThan(0);
    now += 13 * DAY;
    expect(await port.update(old, digestCard(80))).toBeUndefined(); // still patchable
    now += 2 * DAY;
    const patchesBefore = api.callsTo('patch').length;
    const next = await port.update(old, digestCard(81));
    // One refused patch (the head), then a new message: a reply to the old head, its parts replying to it.
    const refused = api.callsTo('patch').slice(patchesBefore);
    expect(refused).toHaveLength(1);
    expect(next).toBeDefined();
    expect(next!.messageId).not.toBe(old.messageId);
    const head = api.messages.find((m) => m.message_id === next!.messageId)!;
    expect(head.parent_id).toBe(old.messageId);
    expect(feishuText(head.card)).toContain('红旗客户 (81)');
    expect(next!.parts!.every((id) => api.messages.find((m) => m.message_id === id)!.parent_id === next!.messageId)).toBe(true);
    expect(api.messages.find((m) => m.message_id === old.messageId)!.history).toHaveLength(2); // sent + the day-13 patch

    // A retry of the same update posts nothing new; the next update patches the new message.
    const count = api.messages.length;
    await port.update(old, digestCard(81));
    expect(api.messages.length).toBe(count);
    expect(await port.update(next!, digestCard(82))).toBeUndefined();
    expect(api.messages.find((m) => m.message_id === next!.messageId)!.history.length).toBe(2);
  });

  it('other patch failures still throw', async () => {
    const ref = await port.send({ kind: 'channel', channelId: 'oc_managers' }, digestCard(1), { idempotencyKey: 'digest:gone' });
    api.failNext('patch', { kind: 'code', code: 230011, msg: 'message recalled', status: 400 });
    expect((await deliveryError(port.update(ref, digestCard(2)))).code).toBe('permanent');
  });
});

describe('FeishuChatPort error mapping', () => {
  const send = () => port.send({ kind: 'user', userId: 'ou_1' }, promptCard(1), { idempotencyKey: 'e' });

  it('HTTP 429 → rate_limited with x-ogw-ratelimit-reset', async () => {
    api.failNext('create', { kind: 'http429', resetSeconds: 7 });
    const e = await deliveryError(send());
    expect(e.code).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(7000);
  });

  it('200 with code 99991400 → rate_limited', async () => {
    api.failNext('create', { kind: 'code', code: 99991400, resetSeconds: 2 });
    const e = await deliveryError(send());
    expect([e.code, e.retryAfterMs, e.limit]).toEqual(['rate_limited', 2000, 'app']);
  });

  it('code 230020 (per-user/chat limit) → rate_limited with a default wait', async () => {
    api.failNext('create', { kind: 'code', code: 230020, status: 400 });
    const e = await deliveryError(send());
    expect(e.code).toBe('rate_limited');
    expect(e.retryAfterMs).toBeGreaterThan(0);
    // Only that chat's budget ran out: delivery holds back that chat, not the whole app.
    expect(e.limit).toBe('conversation');
  });

  it('500, timeouts and dropped connections → transient', async () => {
    api.failNext('create', { kind: 'status', status: 500 });
    expect((await deliveryError(send())).code).toBe('transient');
    api.failNext('create', { kind: 'timeout' });
    expect((await deliveryError(send())).code).toBe('transient');
    api.failNext('create', { kind: 'drop' });
    expect((await deliveryError(send())).code).toBe('transient');
    // And then it works, once.
    await send();
    expect(api.messages).toHaveLength(1);
  });

  it.each([230002, 230013, 99992361, 230099])('code %i → permanent', async (code) => {
    api.failNext('create', { kind: 'code', code, status: 400 });
    expect((await deliveryError(send())).code).toBe('permanent');
  });

  it('token endpoint failure → transient', async () => {
    api.failNext('token', { kind: 'status', status: 503 });
    expect((await deliveryError(send())).code).toBe('transient');
  });
});

describe('secrets stay out of logs', () => {
  it('SDK error logging never prints the app secret or token', async () => {
    const { pino } = await import('pino');
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (s: string) => void lines.push(s) });
    const client = createLarkClient({ appId: 'cli_a1b2c3d4e5f60718', appSecret: 'super-secret-value', domain: api.url, timeoutMs: 400, logger });
    const p = new FeishuChatPort(client, logger);
    api.failNext('token', { kind: 'status', status: 500 });
    await p.send({ kind: 'user', userId: 'ou_1' }, promptCard(1), { idempotencyKey: 's' }).catch(() => undefined);
    api.failNext('create', { kind: 'code', code: 230002, status: 400 });
    await p.send({ kind: 'user', userId: 'ou_1' }, promptCard(1), { idempotencyKey: 's2' }).catch(() => undefined);
    expect(lines.length).toBeGreaterThan(0);
    const all = lines.join('\n');
    expect(all).not.toContain('super-secret-value');
    expect(all).not.toContain('t-fake-');
  });
});
