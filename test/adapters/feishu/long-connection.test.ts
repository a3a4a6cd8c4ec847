// Long-connection mode (FEISHU_MODE=ws) end to end: the real adapter and the real node-sdk WSClient,
// pointed at a loopback gateway (endpoint discovery on the fake Open API, protobuf frames over a
// WebSocket), with a stub router standing in for the app.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFeishuAdapter, type FeishuAdapter, type FeishuConfig } from '../../../adapters/feishu/index.js';
import type { InboundEvent } from '../../../src/app/inbound.js';
import { startFakeFeishuApi, type FakeFeishuApi } from '../../fakes/feishu-api.fake.js';
import { headerMap, startFakeFeishuWs, type FakeFeishuWs } from '../../fakes/feishu-ws.fake.js';
import { cardActionEvent, envelope, textMessageEvent } from '../../fakes/feishu-signing.js';
import { promptCard, reportForm } from '../../fixtures/feishu/specs.js';
import { answer, type Answer } from '../../../src/app/answer.js';

const APP_ID = 'cli_a1b2c3d4e5f60718';
const APP_SECRET = 'ws-app-secret-for-tests';
const NOW = new Date('2026-11-30T04:00:00Z');

let api: FakeFeishuApi;
let gateway: FakeFeishuWs;
let adapter: FeishuAdapter;
let openRightAfterStart = -1;
const logs: string[] = [];
const events: InboundEvent[] = [];
const order: string[] = [];
const seen = new Set<string>();

function captureLogger() {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  return pino({ level: 'trace' }, sink);
}

async function router(event: InboundEvent): Promise<Answer> {
  events.push(event);
  if (event.type === 'message') {
    // Slower than the ack: the ack must not wait for the answer.
    await new Promise((r) => setTimeout(r, 150));
    order.push('router done');
    return answer.reply({ title: `答：${event.text}`, tone: 'blue', summary: 's', blocks: [{ type: 'text', text: ['良好'] }] });
  }
  if (event.type === 'action' && event.action.kind === 'report.open') return answer.openForm(reportForm());
  if (event.type === 'action' && event.action.kind === 'customer.details') {
    await new Promise((r) => setTimeout(r, 400));
    return answer.reply(promptCard(1));
  }
  return answer.toast('ok', 'info');
}

const config = (over: Partial<FeishuConfig> = {}): FeishuConfig => ({
  appId: APP_ID, appSecret: APP_SECRET, domain: api.url, managerChatId: 'oc_managers', mode: 'ws', apiTimeoutMs: 2000, ...over,
});

const deps = () => ({
  router, logger: captureLogger(), now: () => NOW,
  inbound: { firstSeen: (key: string) => (seen.has(key) ? false : (seen.add(key), true)) },
});

/** The user's own message, as Feishu would hold it (the fake only answers replies to known messages). */
function seedUserMessage(messageId: string, chatId: string) {
  api.messages.push({ message_id: messageId, chat_id: chatId, receive_id_type: null, receive_id: null, msg_type: 'text', card: { text: '华星科技' }, uuid: null, parent_id: null, history: [] });
}

beforeAll(async () => {
  api = await startFakeFeishuApi();
  // Reconnect at once after a drop (Feishu's default is a random wait of up to 30 s).
  gateway = await startFakeFeishuWs(api, { appId: APP_ID, appSecret: APP_SECRET, clientConfig: { ReconnectNonce: 0, ReconnectInterval: 1 } });
  adapter = createFeishuAdapter(config(), deps(), { softDeadlineMs: 200 });
  await adapter.start();
  openRightAfterStart = gateway.open;
});
afterAll(async () => {
  await adapter?.stop();
  await gateway?.close();
  await api?.close();
});
beforeEach(() => {
  events.length = 0;
  order.length = 0;
});

describe('Feishu long connection (ws mode)', () => {
  it('discovers the endpoint on the configured domain with the app credentials and is connected when start() resolves', async () => {
    expect(openRightAfterStart).toBe(1);
    expect(gateway.endpointCalls).toHaveLength(1);
    expect(gateway.endpointCalls[0]).toMatchObject({ AppID: APP_ID, AppSecret: APP_SECRET });
    expect(api.callsTo('wsEndpoint')[0]!.path).toBe('/callback/ws/endpoint');
    expect(gateway.accepted).toBe(1);
    expect(gateway.refusedUpgrades).toBe(0);
    // The client pings right away, addressed to the service id from the URL.
    await gateway.waitFor('a ping', () => gateway.pings.length > 0);
    expect(gateway.pings[0]).toMatchObject({ method: 0, service: gateway.serviceId });
    expect(headerMap(gateway.pings[0]!)).toEqual({ type: 'ping' });
  });

  it('a p2p text event reaches the router as a message, is acked first and answered with a reply', async () => {
    seedUserMessage('om_user_1', 'oc_p2p_ou_rep1');
    const ev = textMessageEvent({ sender: 'ou_rep1', text: '华星科技', chatType: 'p2p', chatId: 'oc_p2p_ou_rep1', messageId: 'om_user_1' });
    const ack = await gateway.push(envelope({ eventType: 'im.message.receive_v1', token: 'unused', event: ev, eventId: 'ev-ws-msg-1', appId: APP_ID }));
    order.push('acked');
    expect(ack).not.toBeNull();
    expect(ack!.code).toBe(200);
    expect(ack!.data).toBeUndefined();
    expect(ack!.headers).toMatchObject({ type: 'event', sum: '1', seq: '0' });
    expect(ack!.headers.biz_rt).toBeDefined();
    await adapter.idle();
    expect(order).toEqual(['acked', 'router done']);
    expect(events).toEqual([{ type: 'message', actor: { platform: 'feishu', userId: 'ou_rep1' }, text: '华星科技', channelId: 'oc_p2p_ou_rep1', isDirect: true }]);
    const replies = api.callsTo('reply');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.path).toBe('/open-apis/im/v1/messages/om_user_1/reply');
    expect(JSON.parse(replies[0]!.body.content).header.title.content).toBe('答：华星科技');
    expect(api.messages.find((m) => m.parent_id === 'om_user_1')).toBeDefined();
  });

  it('an event split into fragments (sum/seq) is reassembled', async () => {
    seedUserMessage('om_user_2', 'oc_p2p_ou_rep2');
    const ev = textMessageEvent({ sender: 'ou_rep2', text: '华星科技 本周情况', chatType: 'p2p', chatId: 'oc_p2p_ou_rep2', messageId: 'om_user_2' });
    const ack = await gateway.push(envelope({ eventType: 'im.message.receive_v1', token: 'unused', event: ev, eventId: 'ev-ws-frag' }), { fragments: 3 });
    expect(ack?.code).toBe(200);
    await adapter.idle();
    expect(events).toMatchObject([{ type: 'message', text: '华星科技 本周情况' }]);
  });

  it('a card.action.trigger callback reaches the router as an action and the ack carries the form card', async () => {
    const ev = cardActionEvent({ operator: 'ou_rep1', value: { a: 'report.open|customerId=1|week=2026-W48' }, messageId: 'om_prompt_1', chatId: 'oc_p2p_ou_rep1' });
    const ack = await gateway.push(envelope({ eventType: 'card.action.trigger', token: 'unused', event: ev, eventId: 'ev-ws-card-1' }));
    expect(ack?.code).toBe(200);
    expect(events).toEqual([{
      type: 'action', actor: { platform: 'feishu', userId: 'ou_rep1' },
      action: { kind: 'report.open', args: { customerId: '1', week: '2026-W48' } },
      message: { platform: 'feishu', channel: 'oc_p2p_ou_rep1', messageId: 'om_prompt_1' },
    }]);
    const data = ack!.data as { card: { type: string; data: { schema: string; body: { elements: Array<{ tag: string }> } } } };
    expect(data.card.type).toBe('raw');
    expect(data.card.data.schema).toBe('2.0');
    expect(data.card.data.body.elements.some((e) => e.tag === 'form')).toBe(true);
    expect(ack!.latencyMs).toBeLessThan(2500);
  });

  it('a toast result travels back in the ack', async () => {
    const ev = cardActionEvent({ operator: 'ou_mgr', value: { a: 'digest.refresh|week=2026-W48' } });
    const ack = await gateway.push(envelope({ eventType: 'card.action.trigger', token: 'unused', event: ev }));
    expect(ack?.data).toEqual({ toast: { type: 'info', content: 'ok' } });
  });

  it('a slow router gets a "working" toast in the ack and its card by message.patch afterwards', async () => {
    api.messages.push({ message_id: 'om_prompt_slow', chat_id: 'oc_p2p_ou_rep1', receive_id_type: 'open_id', receive_id: 'ou_rep1', msg_type: 'interactive', card: {}, uuid: null, parent_id: null, history: [] });
    const ev = cardActionEvent({ operator: 'ou_rep1', value: { a: 'customer.details|customerId=1' }, messageId: 'om_prompt_slow', chatId: 'oc_p2p_ou_rep1' });
    const ack = await gateway.push(envelope({ eventType: 'card.action.trigger', token: 'unused', event: ev }));
    // The router takes 400 ms; the soft deadline (200 ms) answers first.
    expect(ack?.data).toEqual({ toast: { type: 'info', content: '正在处理… / Working on it…' } });
    await adapter.idle();
    const patches = api.callsTo('patch').filter((c) => c.path.endsWith('/om_prompt_slow'));
    expect(patches).toHaveLength(1);
    expect(JSON.parse(patches[0]!.body.content).header.title.content).toContain('周报填写');
  });

  it('a slow Details in the manager group: the card goes to the clicker privately, the shared digest is not patched', async () => {
    api.messages.push({ message_id: 'om_digest_1', chat_id: 'oc_managers', receive_id_type: 'chat_id', receive_id: 'oc_managers', msg_type: 'interactive', card: {}, uuid: null, parent_id: null, history: [] });
    const creates = api.callsTo('create').length;
    const ev = cardActionEvent({ operator: 'ou_mgr', value: { a: 'customer.details|customerId=1' }, messageId: 'om_digest_1', chatId: 'oc_managers' });
    const ack = await gateway.push(envelope({ eventType: 'card.action.trigger', token: 'unused', event: ev }));
    expect(ack?.data).toEqual({ toast: { type: 'info', content: '正在处理… / Working on it…' } });
    await adapter.idle();
    expect(api.callsTo('patch').filter((c) => c.path.endsWith('/om_digest_1'))).toHaveLength(0);
    const sent = api.callsTo('create').slice(creates);
    expect(sent.map((c) => [c.query.receive_id_type, c.body.receive_id])).toEqual([['open_id', 'ou_mgr']]);
    expect(JSON.parse(sent[0]!.body.content).header.title.content).toContain('周报填写');
  });

  it('a form opened in the manager group travels privately: the ack carries a toast, not the form', async () => {
    const creates = api.callsTo('create').length;
    const ev = cardActionEvent({ operator: 'ou_mgr', value: { a: 'report.open|customerId=1|week=2026-W48' }, messageId: 'om_digest_1', chatId: 'oc_managers' });
    const ack = await gateway.push(envelope({ eventType: 'card.action.trigger', token: 'unused', event: ev }));
    expect(ack?.data).toEqual({ toast: { type: 'success', content: '已私信发给你 / Sent to you privately' } });
    // The private message follows the ack (no Web API call before it).
    await adapter.idle();
    const sent = api.callsTo('create').slice(creates);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.body.content).body.elements.some((e: { tag: string }) => e.tag === 'form')).toBe(true);
  });

  it('a duplicate event_id is processed once (message and callback), and every copy is acked', async () => {
    seedUserMessage('om_user_3', 'oc_p2p_ou_rep3');
    const msg = envelope({ eventType: 'im.message.receive_v1', token: 'unused', eventId: 'ev-ws-dup-msg',
      event: textMessageEvent({ sender: 'ou_rep3', text: '华星科技', chatType: 'p2p', chatId: 'oc_p2p_ou_rep3', messageId: 'om_user_3' }) });
    const acks = [await gateway.push(msg), await gateway.push(msg)];
    const card = envelope({ eventType: 'card.action.trigger', token: 'unused', eventId: 'ev-ws-dup-card',
      event: cardActionEvent({ operator: 'ou_mgr', value: { a: 'rep.remind|memberId=3|week=2026-W48' }, token: 'c-ws-dup' }) });
    acks.push(await gateway.push(card), await gateway.push(card));
    await adapter.idle();
    expect(acks.map((a) => a?.code)).toEqual([200, 200, 200, 200]);
    expect(events.map((e) => e.type)).toEqual(['message', 'action']);
    expect(acks[3]!.data).toEqual({});
    expect(api.callsTo('reply').filter((c) => c.path.includes('/om_user_3/'))).toHaveLength(1);
  });

  it('documents node-sdk 1.74: a frame typed "card" (not "event") is dropped without an ack', async () => {
    // Feishu delivers card.action.trigger in "event" frames; the SDK ignores "card" frames entirely
    // (handleEventData returns early), so such a click would time out on the user's side.
    const ev = cardActionEvent({ operator: 'ou_mgr', value: { a: 'digest.refresh|week=2026-W48' } });
    const ack = await gateway.push(envelope({ eventType: 'card.action.trigger', token: 'unused', event: ev }), { type: 'card', ackTimeoutMs: 300 });
    expect(ack).toBeNull();
    expect(events).toHaveLength(0);
  });

  it('reconnects after the gateway drops the connection, with a fresh endpoint ticket, and keeps delivering', async () => {
    const calls = gateway.endpointCalls.length;
    gateway.drop();
    await gateway.waitFor('a reconnect', () => gateway.open === 1 && gateway.accepted === 2);
    expect(gateway.endpointCalls).toHaveLength(calls + 1);
    const ack = await gateway.push(envelope({ eventType: 'card.action.trigger', token: 'unused', event: cardActionEvent({ operator: 'ou_mgr', value: { a: 'digest.refresh|week=2026-W48' } }) }));
    expect(ack?.data).toEqual({ toast: { type: 'info', content: 'ok' } });
  });

  it('never logs the app secret or the connection ticket', () => {
    const all = logs.join('\n');
    expect(all).not.toContain(APP_SECRET);
    expect(all).not.toMatch(/ticket=/);
  });

  it('at trace level the SDK\'s diagnostics arrive with ids, types and sizes, never the event\'s content', () => {
    const all = logs.join('\n');
    // The SDK logs every inbound frame with its raw payload at debug: we keep the line, not the data.
    const received = logs.filter((l) => l.includes('receive message, message_type: event'));
    expect(received.length).toBeGreaterThan(0);
    expect(received[0]).toMatch(/message_id: \S+; trace_id: \S*; data: \[\d+ bytes\]/);
    expect(all).toMatch(/"level":10,.*lark-sdk/); // the SDK's trace lines come through
    for (const text of ['华星科技', 'ou_rep1', 'digest.refresh', 'event_type']) expect(all).not.toContain(text);
  });

  it('stop() closes the connection and does not reconnect', async () => {
    const calls = gateway.endpointCalls.length;
    await adapter.stop();
    await gateway.waitFor('the connection to close', () => gateway.open === 0, 2000);
    await new Promise((r) => setTimeout(r, 300));
    expect(gateway.open).toBe(0);
    expect(gateway.endpointCalls).toHaveLength(calls);
    expect(gateway.accepted).toBe(2);
  });
});

describe('Feishu long connection: start-up failures', () => {
  it('wrong credentials: start() rejects with the gateway\'s answer, without the secret', async () => {
    const before = gateway.accepted;
    const bad = createFeishuAdapter(config({ appSecret: 'not-the-secret' }), deps(), { connectTimeoutMs: 3000 });
    const started = Date.now();
    const err = await bad.start().then(() => null, (e: Error) => e);
    await bad.stop();
    expect(err?.message).toMatch(/long connection.*code=514/s);
    expect(err?.message).not.toContain('not-the-secret');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(gateway.accepted).toBe(before);
  });

  it('an app id the long connection refuses is a config error naming appId', () => {
    expect(() => createFeishuAdapter(config({ appId: 'cli_short' }), deps())).toThrow(/appId: .*cli_.*16 hex/);
    // HTTP mode does not use the long-connection client and keeps accepting it.
    expect(() => createFeishuAdapter(config({ appId: 'cli_short', mode: 'http', verificationToken: 't', encryptKey: 'k' }), deps())).not.toThrow();
  });

  it('an unreachable gateway: start() stops waiting after connectTimeoutMs and says so', async () => {
    gateway.busy = true;
    logs.length = 0;
    const slow = createFeishuAdapter(config(), deps(), { connectTimeoutMs: 300 });
    const started = Date.now();
    try {
      await slow.start();
      expect(Date.now() - started).toBeLessThan(1500);
      expect(logs.join('\n')).toMatch(/not connected yet/);
    } finally {
      await slow.stop();
      gateway.busy = false;
    }
  });
});

describe('Feishu long connection: liveness', () => {
  it('a connection whose pings go unanswered is replaced', async () => {
    await gateway.close();
    const quick = await startFakeFeishuWs(api, { appId: APP_ID, appSecret: APP_SECRET, clientConfig: { PingInterval: 0.5, ReconnectNonce: 0, ReconnectInterval: 1 } });
    // The SDK re-arms its watchdog on every ping, so it only fires when shorter than the ping interval.
    const live = createFeishuAdapter(config(), deps(), { pingTimeoutSec: 0.2 });
    try {
      await live.start();
      await quick.waitFor('a pong-driven ping', () => quick.pings.length >= 2);
      const before = quick.accepted;
      quick.answerPings = false;
      await quick.waitFor('the client to give up on the silent connection and reconnect', () => quick.accepted > before && quick.open === 1, 3000);
      quick.answerPings = true;
      // Every connection used a fresh endpoint ticket.
      expect(quick.endpointCalls).toHaveLength(quick.accepted);
      const ack = await quick.push(envelope({ eventType: 'card.action.trigger', token: 'unused', event: cardActionEvent({ operator: 'ou_mgr', value: { a: 'digest.refresh|week=2026-W48' } }) }));
      expect(ack?.data).toEqual({ toast: { type: 'info', content: 'ok' } });
    } finally {
      await live.stop();
      await quick.close();
    }
  });
});
