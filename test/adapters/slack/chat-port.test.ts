import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackChatPort } from '../../../adapters/slack/transport/chat-port.js';
import { ChatDeliveryError, type MessageRef } from '../../../src/app/ports/chat.port.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import type { CardSpec } from '../../../src/ui/card.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.fake.js';
import { buttonsIn } from '../../e2e/support/slack-user.js';

const card = (n = 1): CardSpec => ({
  title: 'Weekly report 2026-W48',
  tone: 'blue',
  summary: 'Weekly report 2026-W48 — 0/12 customers done',
  blocks: Array.from({ length: n }, (_, i) => ({ type: 'text' as const, text: [`Customer ${i + 1}`] })),
});

let api: FakeSlackApi;
let port: SlackChatPort;

beforeEach(async () => {
  api = await startFakeSlackApi({ users: [{ id: 'U0REP1', email: 'rep@example.com', name: 'Rep One' }] });
  port = new SlackChatPort({ botToken: 'xoxb-test', apiUrl: api.url, logger: silentLogger(), timeoutMs: 500 });
});
afterEach(async () => {
  await api.close();
});

async function deliveryError(p: Promise<unknown>): Promise<ChatDeliveryError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ChatDeliveryError);
  return err as ChatDeliveryError;
}

describe('SlackChatPort', () => {
  it('sends a DM to the user id (no conversations.open per recipient) with our key in metadata', async () => {
    const ref = await port.send({ kind: 'user', userId: 'U0REP1' }, card(), { idempotencyKey: 'prompt:W48:1' });
    expect(ref).toEqual({ platform: 'slack', channel: 'D0REP1', messageId: expect.any(String), parts: [] });
    const post = api.callsTo('chat.postMessage')[0]!;
    expect(post.args.channel).toBe('U0REP1');
    expect(post.args.metadata).toEqual({ event_type: 'radar_message', event_payload: { key: 'prompt:W48:1', part: 0 } });
    expect(post.args.blocks[0].type).toBe('header');
    // The D… id Slack answered with is kept: a second send goes to it, still without conversations.open.
    await port.send({ kind: 'user', userId: 'U0REP1' }, card(), { idempotencyKey: 'prompt:W48:2' });
    expect(api.callsTo('chat.postMessage')[1]!.args.channel).toBe('D0REP1');
    expect(api.callsTo('conversations.open')).toHaveLength(0);
    // Only a send whose earlier outcome is unknown needs the D… id first, for its history lookup.
    await port.send({ kind: 'user', userId: 'U0REP2' }, card(), { idempotencyKey: 'prompt:W48:3', maybeSentBefore: true });
    expect(api.callsTo('conversations.open').map((c) => c.args.users)).toEqual(['U0REP2']);
    expect(api.callsTo('conversations.history').map((c) => c.args.channel)).toEqual(['D0REP2']);
  });

  it('posts to a channel and updates in place', async () => {
    const ref = await port.send({ kind: 'channel', channelId: 'C0MGR' }, card(), { idempotencyKey: 'digest:W48' });
    await port.update(ref, { ...card(2), title: 'Updated' });
    const upd = api.callsTo('chat.update')[0]!;
    expect(upd.args).toMatchObject({ channel: 'C0MGR', ts: ref.messageId });
    expect(api.messages[0]!.blocks).toHaveLength(3);
  });

  it('continues an oversize card in the thread of the first message', async () => {
    const ref = await port.send({ kind: 'channel', channelId: 'C0MGR' }, card(130), { idempotencyKey: 'digest:big' });
    const posts = api.callsTo('chat.postMessage');
    expect(posts.length).toBe(3);
    expect(posts[0]!.args.thread_ts).toBeUndefined();
    expect(posts.slice(1).every((p) => p.args.thread_ts === ref.messageId)).toBe(true);
    const texts = api.messages.flatMap((m) => m.blocks as Array<{ text?: { text: string } }>).map((b) => b.text?.text ?? '');
    for (let i = 1; i <= 130; i++) expect(texts).toContain(`Customer ${i}`);
  });

  it('with maybeSentBefore finds the earlier message and does not post twice', async () => {
    const first = await port.send({ kind: 'user', userId: 'U0REP1' }, card(), { idempotencyKey: 'prompt:W48:9' });
    const again = await port.send({ kind: 'user', userId: 'U0REP1' }, card(), { idempotencyKey: 'prompt:W48:9', maybeSentBefore: true });
    expect(again).toEqual(first);
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
    expect(api.callsTo('conversations.history')[0]!.args).toMatchObject({ include_all_metadata: 'true' });
    // a different key is still sent
    await port.send({ kind: 'user', userId: 'U0REP1' }, card(), { idempotencyKey: 'prompt:W48:10', maybeSentBefore: true });
    expect(api.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('maybeSentBefore completes missing continuations only', async () => {
    api.fail('chat.postMessage', { kind: 'status', status: 500, times: 1 });
    // first attempt fails before anything lands
    await deliveryError(port.send({ kind: 'channel', channelId: 'C0MGR' }, card(130), { idempotencyKey: 'd:1' }));
    // second: the head lands, the 2nd continuation fails
    const fresh = new SlackChatPort({ botToken: 'xoxb-test', apiUrl: api.url, logger: silentLogger(), timeoutMs: 500 });
    const sendP = fresh.send({ kind: 'channel', channelId: 'C0MGR' }, card(130), { idempotencyKey: 'd:1' });
    await api.waitFor('chat.postMessage', 3);
    api.fail('chat.postMessage', { kind: 'drop' });
    await deliveryError(sendP).catch(() => undefined);
    // a new process retries with maybeSentBefore: nothing is posted twice
    const third = new SlackChatPort({ botToken: 'xoxb-test', apiUrl: api.url, logger: silentLogger(), timeoutMs: 500 });
    await third.send({ kind: 'channel', channelId: 'C0MGR' }, card(130), { idempotencyKey: 'd:1', maybeSentBefore: true });
    const parts = api.messages.map((m) => (m.metadata?.event_payload as { part: number }).part).sort();
    expect(parts).toEqual([0, 1, 2]);
  });

  it('maps 429 to rate_limited with Retry-After in ms', async () => {
    api.fail('chat.postMessage', { kind: 'status', status: 429, retryAfter: 7 });
    const err = await deliveryError(port.send({ kind: 'channel', channelId: 'C1' }, card(), { idempotencyKey: 'k' }));
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfterMs).toBe(7000);
  });

  it('maps 500, timeouts and dropped connections to transient', async () => {
    api.fail('chat.postMessage', { kind: 'status', status: 500 });
    expect((await deliveryError(port.send({ kind: 'channel', channelId: 'C1' }, card(), { idempotencyKey: 'a' }))).code).toBe('transient');
    api.fail('chat.postMessage', { kind: 'hang' });
    expect((await deliveryError(port.send({ kind: 'channel', channelId: 'C1' }, card(), { idempotencyKey: 'b' }))).code).toBe('transient');
    api.fail('chat.postMessage', { kind: 'drop' });
    expect((await deliveryError(port.send({ kind: 'channel', channelId: 'C1' }, card(), { idempotencyKey: 'c' }))).code).toBe('transient');
  });

  it.each(['channel_not_found', 'is_archived', 'account_inactive', 'not_in_channel', 'invalid_auth'])('maps %s to permanent', async (error) => {
    api.fail('chat.postMessage', { kind: 'error', error });
    const err = await deliveryError(port.send({ kind: 'channel', channelId: 'C1' }, card(), { idempotencyKey: 'k' }));
    expect(err.code).toBe('permanent');
    expect(err.message).toContain(error);
  });

  it('looks users up by email, null when unknown, cached', async () => {
    expect(await port.lookupUserByEmail('Rep@Example.com')).toBe('U0REP1');
    expect(await port.lookupUserByEmail('rep@example.com')).toBe('U0REP1');
    expect(await port.lookupUserByEmail('ghost@example.com')).toBeNull();
    expect(await port.lookupUserByEmail('ghost@example.com')).toBeNull();
    expect(api.callsTo('users.lookupByEmail')).toHaveLength(2);
  });

  it("reads a person's timezone and language from their profile", async () => {
    api.addUser({ id: 'U0BERLIN', email: 'berlin@example.com', name: 'Berlin', tz: 'Europe/Berlin', locale: 'en-US' });
    api.addUser({ id: 'U0SH', email: 'sh@example.com', name: 'Shanghai', tz: 'Asia/Shanghai', locale: 'zh-CN' });
    expect(await port.lookupUserByEmail('berlin@example.com')).toBe('U0BERLIN');
    // Like Slack, the email lookup has tz but no locale: the profile is read with include_locale, once.
    expect(api.callsTo('users.lookupByEmail')[0]).toBeDefined();
    expect(await port.userProfile('U0BERLIN')).toEqual({ timezone: 'Europe/Berlin', locale: 'en' });
    expect(await port.userProfile('U0BERLIN')).toEqual({ timezone: 'Europe/Berlin', locale: 'en' });
    expect(api.callsTo('users.info')).toHaveLength(1);
    expect(api.callsTo('users.info')[0]!.args).toMatchObject({ user: 'U0BERLIN', include_locale: 'true' });
    expect(await port.userProfile('U0SH')).toEqual({ timezone: 'Asia/Shanghai', locale: 'zh' });
    expect(api.callsTo('users.info')).toHaveLength(2);
    expect(await port.userProfile('U0NOBODY')).toBeNull();
  });

  it('a rate-limited profile read is a rate_limited delivery error', async () => {
    api.addUser({ id: 'U0RL', email: 'rl@example.com', name: 'RL', tz: 'Asia/Tokyo', locale: 'en-US' });
    api.fail('users.info', { kind: 'status', status: 429, retryAfter: 20 });
    expect((await deliveryError(port.userProfile('U0RL'))).code).toBe('rate_limited');
    expect(await port.userProfile('U0RL')).toEqual({ timezone: 'Asia/Tokyo', locale: 'en' });
  });

  it('a failed lookup is a delivery error, not a null', async () => {
    api.fail('users.lookupByEmail', { kind: 'status', status: 503 });
    expect((await deliveryError(port.lookupUserByEmail('x@example.com'))).code).toBe('transient');
  });

  it('an update of a card that fits one message makes no thread lookup and keeps its shape', async () => {
    const ref = await port.send({ kind: 'user', userId: 'U0REP1' }, card(3), { idempotencyKey: 'prompt:W48:s' });
    expect(await port.update(ref, card(4))).toBeUndefined();
    expect(api.callsTo('conversations.replies')).toHaveLength(0);
  });

  it('updates every continuation of a large card, found by metadata even with an old ref', async () => {
    const ref = await port.send({ kind: 'channel', channelId: 'C0MGR' }, card(130), { idempotencyKey: 'digest:up' });
    expect(ref.parts).toHaveLength(2);
    const { parts: _, ...oldRef } = ref; // a ref stored before refs carried their parts
    const reshaped = await port.update(oldRef, { ...card(130), title: 'Updated' });
    expect(reshaped).toEqual(ref); // the shape, learned from the thread
    expect(api.callsTo('chat.update').map((c) => c.args.ts)).toEqual([ref.messageId, ...ref.parts!]);
    expect(api.callsTo('chat.postMessage')).toHaveLength(3); // nothing posted again
    expect(await port.update(ref, { ...card(130), title: 'Again' })).toBeUndefined(); // same shape
  });

  it('a card that shrinks retires its leftover continuations, and grows back into them', async () => {
    const ref = await port.send({ kind: 'channel', channelId: 'C0MGR' }, card(130), { idempotencyKey: 'digest:shrink' });
    const [p1, p2] = ref.parts!;
    const small = await port.update(ref, card(5));
    expect(small).toEqual({ platform: 'slack', channel: 'C0MGR', messageId: ref.messageId, parts: [] });
    for (const ts of [p1, p2]) {
      const m = api.messages.find((x) => x.ts === ts)!;
      expect(m.text).toBe('已更新 / superseded');
      expect(m.blocks).toEqual([{ type: 'context', elements: [{ type: 'mrkdwn', text: '已更新 / superseded' }] }]);
      expect(buttonsIn(m.blocks)).toEqual([]);
    }
    expect(api.messages.find((x) => x.ts === ref.messageId)!.blocks).toHaveLength(6);
    // A later update of the small card does not touch them again.
    const updates = api.callsTo('chat.update').length;
    await port.update(small as MessageRef, card(6));
    expect(api.callsTo('chat.update')).toHaveLength(updates + 1);
    // Growing again reuses the retired messages instead of posting new ones.
    const big = await port.update(small as MessageRef, card(130));
    expect(big).toEqual(ref);
    expect(api.callsTo('chat.postMessage')).toHaveLength(3);
    expect(api.messages.find((x) => x.ts === p2)!.text).toContain('(3/3)');
  });

  it('update of a vanished message is permanent', async () => {
    const err = await deliveryError(port.update({ platform: 'slack', channel: 'C1', messageId: '1.2' }, card()));
    expect(err.code).toBe('permanent');
  });
});
