// End to end in HTTP mode: a real node:http server mounting the adapter's route, the real node-sdk
// talking to the loopback fake Open API, encrypted + signed requests built like Feishu's, and a stub
// router standing in for the app.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFeishuAdapter, type FeishuAdapter } from '../../../adapters/feishu/index.js';
import type { InboundEvent } from '../../../src/app/inbound.js';
import { encodeAction } from '../../../src/ui/action.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import type { FakeFeishuApi } from '../../fakes/feishu-api.fake.js';
import { startFeishuHttp, type FeishuHttp } from './e2e-support.js';
import { cardActionEvent, envelope, messageEvent, signRequest, textMessageEvent, urlVerification } from '../../fakes/feishu-signing.js';
import { digestCard, promptCard, reportForm } from '../../fixtures/feishu/specs.js';
import { answer, type Answer } from '../../../src/app/answer.js';
import { feishuElements, feishuText } from '../../support/cards.js';
import { buttonsOf, errorUnder, formFieldsOf } from '../../e2e/support/feishu-cards.js';

const ENCRYPT_KEY = 'enc-key-for-tests';
const TOKEN = 'verification-token-for-tests';
const NOW = new Date('2026-11-30T04:00:00Z');
const nowSec = Math.floor(NOW.getTime() / 1000);

let api: FakeFeishuApi;
let adapter: FeishuAdapter;
let base: string;
const events: InboundEvent[] = [];
const seen = new Set<string>();

const SLOW_MS = 400;

/** Clicks with `held` wait here in the router until the test calls held.open(). */
const held = { gate: Promise.resolve(), open: () => undefined as void };
function holdClicks(): void {
  held.gate = new Promise<void>((r) => (held.open = r));
}
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i += 1) await pause(5);
  expect(ok()).toBe(true);
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The stub router: enough behaviour to drive every reply shape. An argument `slow` makes it miss the
// soft deadline.
async function router(event: InboundEvent): Promise<Answer> {
  events.push(event);
  if (event.type === 'action') {
    if (event.action.args.slow) await pause(SLOW_MS);
    if (event.action.args.held) await held.gate;
    if (event.action.args.fail) throw new Error('database is gone');
    if (event.action.kind === 'report.open' || event.action.kind === 'task.resolve') return answer.openForm(reportForm());
    if (event.action.kind === 'task.claim') return answer.update(digestCard(event.action.args.taskId === 'big' ? 80 : 1), '已认领 / Claimed');
    if (event.action.kind === 'customer.details') return answer.reply(promptCard(1));
    if (event.action.kind === 'report.submit') return answer.toast('已提交 / Submitted', 'success');
    return answer.toast('ok', 'info');
  }
  if (event.type === 'formSubmitted') {
    const contacts = String(event.values.contacts ?? '');
    if (!/^\d+$/.test(contacts)) {
      const values = Object.fromEntries(Object.entries(event.values).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
      return answer.fieldErrors(reportForm({ values, errors: { contacts: '请输入整数 / Enter a whole number' } }));
    }
    return answer.formDone('已保存 / Saved', promptCard(2));
  }
  if (event.type === 'message') return answer.reply({ title: `答：${event.text}`, tone: 'blue', summary: 's', blocks: [{ type: 'text', text: ['良好'] }] });
  return answer.nothing();
}

let h: FeishuHttp;
beforeAll(async () => {
  h = await startFeishuHttp({
    router, encryptKey: ENCRYPT_KEY, verificationToken: TOKEN, now: () => NOW,
    firstSeen: (key) => (seen.has(key) ? false : (seen.add(key), true)), softDeadlineMs: 150, maxBodyBytes: 64 * 1024,
  });
  ({ api, adapter, url: base } = h);
});
afterAll(() => h?.close());
beforeEach(() => {
  events.length = 0;
});

async function post(body: string, headers: Record<string, string>) {
  const res = await fetch(base, { method: 'POST', body, headers });
  const text = await res.text();
  return { status: res.status, text, json: (() => { try { return JSON.parse(text); } catch { return null; } })() };
}

const signed = (payload: unknown, over: { timestampSec?: number; key?: string } = {}) =>
  signRequest(payload, { encryptKey: over.key ?? ENCRYPT_KEY, timestampSec: over.timestampSec ?? nowSec });

const callback = (event: Record<string, unknown>, eventId?: string) =>
  envelope({ eventType: 'card.action.trigger', token: TOKEN, event, eventId, createTime: NOW.getTime() });

describe('Feishu HTTP mode', () => {
  it('answers url_verification by echoing the challenge', async () => {
    const { body, headers } = signRequest(urlVerification('chal-123', TOKEN), { encryptKey: ENCRYPT_KEY, timestampSec: nowSec });
    const r = await post(body, headers);
    expect(r).toMatchObject({ status: 200, json: { challenge: 'chal-123' } });
    const wrong = signRequest(urlVerification('chal-123', 'nope'), { encryptKey: ENCRYPT_KEY, timestampSec: nowSec });
    expect((await post(wrong.body, wrong.headers)).status).toBe(401);
  });

  it('prompt → report.open → form card → invalid submit → errors with values kept → valid submit', async () => {
    const prompt = await adapter.chat.send({ kind: 'user', userId: 'ou_rep1' }, promptCard(3), { idempotencyKey: 'prompt:1' });
    const open = encodeAction({ kind: 'report.open', args: { week: '2026-W48', customerId: '7' } });
    const r1 = signed(callback(cardActionEvent({ operator: 'ou_rep1', value: { a: open }, messageId: prompt.messageId })));
    const res1 = await post(r1.body, r1.headers);
    expect(res1.status).toBe(200);
    expect(events[0]).toMatchObject({ type: 'action', actor: { userId: 'ou_rep1' }, action: { kind: 'report.open', args: { customerId: '7' } } });
    const formCard = res1.json.card;
    expect(formCard.type).toBe('raw');
    expect([...formFieldsOf(formCard.data).keys()]).toEqual(expect.arrayContaining(['contacts', 'lastContact', 'revenue', 'complaintType', 'notes']));

    // Invalid: contacts is text. The submit carries form_value and the formId from the button value.
    const bad = { contacts: 'three', lastContact: '2026-11-27 +0800', revenue: '100', complaintType: 'service', notes: '客户很满意' };
    const r2 = signed(callback(cardActionEvent({ operator: 'ou_rep1', value: { formId: reportForm().formId }, formValue: bad, name: 'form_submit', messageId: prompt.messageId })));
    const res2 = await post(r2.body, r2.headers);
    expect(events[1]).toMatchObject({ type: 'formSubmitted', formId: reportForm().formId, values: bad });
    expect(res2.json.toast.type).toBe('error');
    const rerendered = formFieldsOf(res2.json.card.data);
    expect(rerendered.get('contacts')?.initial).toBe('three');
    expect(rerendered.get('lastContact')?.initial).toBe('2026-11-27');
    expect(rerendered.get('complaintType')?.initial).toBe('service');
    expect(errorUnder(res2.json.card.data, 'contacts')).toContain("<font color='red'>请输入整数 / Enter a whole number</font>");

    // Valid, and without a formId in the value: the adapter remembers which form this message shows.
    const good = { ...bad, contacts: '3' };
    const r3 = signed(callback(cardActionEvent({ operator: 'ou_rep1', formValue: good, name: 'form_submit', messageId: prompt.messageId })));
    const res3 = await post(r3.body, r3.headers);
    expect(events[2]).toMatchObject({ type: 'formSubmitted', formId: reportForm().formId, values: good });
    expect(res3.json.toast).toEqual({ type: 'success', content: '已保存 / Saved' });
    expect(res3.json.card.data.header.title.content).toContain('周报填写');
  });

  it('a form opened before a restart is submitted after it: the submit button\'s name carries the form', async () => {
    const prompt = await adapter.chat.send({ kind: 'user', userId: 'ou_rep9' }, promptCard(1), { idempotencyKey: 'prompt:restart' });
    const open = encodeAction({ kind: 'report.open', args: { week: '2026-W48', customerId: '7' } });
    const r1 = signed(callback(cardActionEvent({ operator: 'ou_rep9', value: { a: open }, messageId: prompt.messageId })));
    const formCard = (await post(r1.body, r1.headers)).json.card.data;
    const submit = String(feishuElements(formCard, 'button').find((b) => String(b.name).startsWith('form_submit'))!.name);

    // The bot restarts: a new adapter, nothing in memory. The submit arrives as Feishu sends it — the
    // clicked button's name and the form values, no callback value (form buttons have none).
    const restarted = createFeishuAdapter(
      { appId: 'cli_a1b2c3d4e5f60718', appSecret: 'app-secret-for-tests', domain: api.url, encryptKey: ENCRYPT_KEY, verificationToken: TOKEN, managerChatId: 'oc_managers', mode: 'http', apiTimeoutMs: 2000 },
      { router, inbound: { firstSeen: (key) => (seen.has(key) ? false : (seen.add(key), true)) }, logger: silentLogger(), now: () => NOW },
    );
    const srv = createServer((req, res) => restarted.http!.handle(req, res));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    try {
      const good = { contacts: '3', lastContact: '2026-11-27 +0800', revenue: '100', complaintType: 'service', notes: 'ok' };
      const s = signed(callback(cardActionEvent({ operator: 'ou_rep9', formValue: good, name: submit, messageId: prompt.messageId })));
      const res = await fetch(`http://127.0.0.1:${(srv.address() as AddressInfo).port}/feishu/events`, { method: 'POST', body: s.body, headers: s.headers });
      const body = (await res.json()) as { toast?: unknown };
      expect(body.toast).toEqual({ type: 'success', content: '已保存 / Saved' });
      expect(events.at(-1)).toMatchObject({ type: 'formSubmitted', formId: reportForm().formId, values: good });
    } finally {
      await restarted.stop();
      await new Promise((r) => srv.close(r));
    }
  });

  it('digest → Claim → replaceMessage card returned with a toast', async () => {
    const digest = await adapter.chat.send({ kind: 'channel', channelId: 'oc_managers' }, digestCard(2), { idempotencyKey: 'digest:1' });
    const r = signed(callback(cardActionEvent({ operator: 'ou_mgr', value: { a: encodeAction({ kind: 'task.claim', args: { taskId: '1' } }) }, messageId: digest.messageId, chatId: 'oc_managers' })));
    const res = await post(r.body, r.headers);
    expect(res.json.toast).toEqual({ type: 'success', content: '已认领 / Claimed' });
    expect(res.json.card.data.config.update_multi).toBe(true);
    expect(events[0]).toMatchObject({ type: 'action', message: { messageId: digest.messageId, channel: 'oc_managers' } });
  });

  it('a slow router gets a toast now and a message.patch afterwards', async () => {
    const msg = await adapter.chat.send({ kind: 'channel', channelId: 'oc_managers' }, digestCard(1), { idempotencyKey: 'digest:slow' });
    const patches = api.callsTo('patch').length;
    const r = signed(callback(cardActionEvent({ operator: 'ou_rep1', value: { a: encodeAction({ kind: 'customer.details', args: { customerId: '1', slow: '1' } }) }, messageId: msg.messageId, chatId: 'oc_p2p_ou_rep1' })));
    const res = await post(r.body, r.headers);
    expect(res.json).toEqual({ toast: { type: 'info', content: '正在处理… / Working on it…' } });
    await adapter.idle();
    expect(api.callsTo('patch')).toHaveLength(patches + 1);
    expect(api.messages.find((m) => m.message_id === msg.messageId)!.card.header.title.content).toContain('周报填写');
  });

  it('a slow result for a card older than 14 days is replied under it (the patch is refused)', async () => {
    api.setNow(() => NOW.getTime() - 20 * 24 * 60 * 60 * 1000);
    const msg = await adapter.chat.send({ kind: 'user', userId: 'ou_rep4' }, digestCard(1), { idempotencyKey: 'digest:old-slow' });
    api.setNow(() => NOW.getTime());
    const r = signed(callback(cardActionEvent({ operator: 'ou_rep4', value: { a: encodeAction({ kind: 'customer.details', args: { customerId: '1', slow: '1' } }) }, messageId: msg.messageId, chatId: msg.channel })));
    expect((await post(r.body, r.headers)).json).toEqual({ toast: { type: 'info', content: '正在处理… / Working on it…' } });
    await adapter.idle();
    api.setNow(() => Date.now());
    const old = api.messages.find((m) => m.message_id === msg.messageId)!;
    expect(old.history).toHaveLength(1);
    const replies = api.messages.filter((m) => m.parent_id === msg.messageId);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.card.header.title.content).toContain('周报填写');
  });

  it('a slow toast-only result is sent to the clicker\'s private chat (the callback was already answered)', async () => {
    const creates = api.callsTo('create').length;
    const r = signed(callback(cardActionEvent({ operator: 'ou_rep1', value: { a: encodeAction({ kind: 'report.submit', args: { week: '2026-W48', slow: '1' } }) }, chatId: 'oc_p2p_ou_rep1' })));
    expect((await post(r.body, r.headers)).json).toEqual({ toast: { type: 'info', content: '正在处理… / Working on it…' } });
    await adapter.idle();
    const sent = api.callsTo('create').slice(creates);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.query.receive_id_type).toBe('open_id');
    expect(sent[0]!.body.receive_id).toBe('ou_rep1');
    expect(JSON.parse(sent[0]!.body.content).body.elements[0].content).toContain('已提交 / Submitted');
  });

  it('a click in a continuation card is answered with a toast only; the claim reply carries no extra cards', async () => {
    const digest = await adapter.chat.send({ kind: 'channel', channelId: 'oc_managers' }, digestCard(80), { idempotencyKey: 'digest:parts' });
    expect(digest.parts!.length).toBeGreaterThan(1);
    const part = api.messages.find((m) => m.message_id === digest.parts![1])!;
    const claimIn = (card: unknown) => buttonsOf(card).find((b) => b.action?.kind === 'task.claim')!.value;
    const value = claimIn(part.card);
    expect(value.p).toBe('3');
    const replies = api.callsTo('reply').length;
    const patches = api.callsTo('patch').length;
    const big = { ...value, a: encodeAction({ kind: 'task.claim', args: { taskId: 'big' } }) };
    const r = signed(callback(cardActionEvent({ operator: 'ou_mgr', value: big, messageId: part.message_id, chatId: 'oc_managers' })));
    const res = await post(r.body, r.headers);
    expect(res.json).toEqual({ toast: { type: 'success', content: '已认领 / Claimed' } });
    expect(events[0]).toMatchObject({ type: 'action', action: { kind: 'task.claim' }, message: { messageId: part.message_id } });

    // The same claim from the first card: page 1 in the answer, and no continuation posted as replies
    // (the outbox refresh patches the existing parts).
    const head = claimIn(api.messages.find((m) => m.message_id === digest.messageId)!.card);
    expect(head.p).toBeUndefined();
    const r2 = signed(callback(cardActionEvent({ operator: 'ou_mgr', value: { a: big.a! }, messageId: digest.messageId, chatId: 'oc_managers' })));
    const res2 = await post(r2.body, r2.headers);
    expect(res2.json.card.data.header.subtitle.content).toMatch(/^1\//);
    await adapter.idle();
    expect(api.callsTo('reply')).toHaveLength(replies);
    expect(api.callsTo('patch')).toHaveLength(patches);
  });

  it('Details in a continuation card of a DM goes to the private chat as a new message instead of overwriting that part', async () => {
    const prompt = await adapter.chat.send({ kind: 'user', userId: 'ou_rep7' }, promptCard(200), { idempotencyKey: 'prompt:parts' });
    expect(prompt.parts!.length).toBeGreaterThan(0);
    const creates = api.callsTo('create').length;
    const value = { a: encodeAction({ kind: 'customer.details', args: { customerId: '1' } }), p: '2' };
    const r = signed(callback(cardActionEvent({ operator: 'ou_rep7', value, messageId: prompt.parts![0], chatId: prompt.channel })));
    expect((await post(r.body, r.headers)).json).toEqual({ toast: { type: 'success', content: '已私信发给你 / Sent to you privately' } });
    await adapter.idle();
    expect(api.callsTo('create').slice(creates).map((c) => c.body.receive_id)).toEqual(['ou_rep7']);
    expect(api.messages.find((m) => m.message_id === prompt.parts![0])!.history).toHaveLength(1);
  });

  it('Details in the manager group goes to the clicker privately and the callback answers with a toast', async () => {
    const digest = await adapter.chat.send({ kind: 'channel', channelId: 'oc_managers' }, digestCard(2), { idempotencyKey: 'digest:details' });
    const creates = api.callsTo('create').length;
    const r = signed(callback(cardActionEvent({ operator: 'ou_mgr', value: { a: encodeAction({ kind: 'customer.details', args: { customerId: '1' } }) }, messageId: digest.messageId, chatId: 'oc_managers' })));
    const res = await post(r.body, r.headers);
    expect(res.json).toEqual({ toast: { type: 'success', content: '已私信发给你 / Sent to you privately' } });
    // The private message follows the callback reply.
    await adapter.idle();
    const sent = api.callsTo('create').slice(creates);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.query.receive_id_type).toBe('open_id');
    expect(sent[0]!.body.receive_id).toBe('ou_mgr');
    expect(JSON.parse(sent[0]!.body.content).header.title.content).toContain('周报填写');
    // The group's digest is untouched.
    expect(api.messages.find((m) => m.message_id === digest.messageId)!.history).toHaveLength(1);
  });

  it('Resolve in the manager group sends the form privately; it is then submitted from the private chat as in p2p', async () => {
    const digest = await adapter.chat.send({ kind: 'channel', channelId: 'oc_managers' }, digestCard(2), { idempotencyKey: 'digest:resolve' });
    const r = signed(callback(cardActionEvent({ operator: 'ou_mgr2', value: { a: encodeAction({ kind: 'task.resolve', args: { taskId: '1' } }) }, messageId: digest.messageId, chatId: 'oc_managers' })));
    expect((await post(r.body, r.headers)).json).toEqual({ toast: { type: 'success', content: '已私信发给你 / Sent to you privately' } });
    await adapter.idle();
    const form = api.messages.find((m) => m.receive_id === 'ou_mgr2')!;
    expect(form.card.body.elements.some((e: { tag: string }) => e.tag === 'form')).toBe(true);
    expect(api.messages.find((m) => m.message_id === digest.messageId)!.history).toHaveLength(1);

    // Submitted from the private chat without a formId in the value: the adapter knows the form by its message.
    const good = { contacts: '3', lastContact: '2026-11-27 +0800', revenue: '100', complaintType: 'service', notes: 'ok' };
    const s = signed(callback(cardActionEvent({ operator: 'ou_mgr2', formValue: good, name: 'form_submit', messageId: form.message_id, chatId: form.chat_id })));
    const res = await post(s.body, s.headers);
    expect(events.at(-1)).toMatchObject({ type: 'formSubmitted', formId: reportForm().formId, message: { messageId: form.message_id } });
    expect(res.json.toast).toEqual({ type: 'success', content: '已保存 / Saved' });
    expect(res.json.card.type).toBe('raw');
  });

  it('a slow Details in the manager group: "working" toast now, the card privately afterwards, the digest untouched', async () => {
    const digest = await adapter.chat.send({ kind: 'channel', channelId: 'oc_managers' }, digestCard(2), { idempotencyKey: 'digest:slow-details' });
    const creates = api.callsTo('create').length;
    const r = signed(callback(cardActionEvent({ operator: 'ou_mgr3', value: { a: encodeAction({ kind: 'customer.details', args: { customerId: '1', slow: '1' } }) }, messageId: digest.messageId, chatId: 'oc_managers' })));
    expect((await post(r.body, r.headers)).json).toEqual({ toast: { type: 'info', content: '正在处理… / Working on it…' } });
    await adapter.idle();
    expect(api.callsTo('create').slice(creates).map((c) => c.body.receive_id)).toEqual(['ou_mgr3']);
    expect(api.messages.find((m) => m.message_id === digest.messageId)!.history).toHaveLength(1);
  });

  it('"@bot 华星科技" in a group reaches the router as "华星科技" and is answered in a reply', async () => {
    const ev = textMessageEvent({ sender: 'ou_boss', text: '@_user_1 华星科技', chatType: 'group', chatId: 'oc_sales', messageId: 'om_q1', mentions: [{ key: '@_user_1', openId: api.bot.open_id, name: 'Sales Radar' }] });
    const eventId = 'ev-msg-1';
    const req = signed(envelope({ eventType: 'im.message.receive_v1', token: TOKEN, event: ev, eventId }));
    expect((await post(req.body, req.headers)).status).toBe(200);
    // Platform retry of the same event, and a redelivery with a new event id: processed once.
    await post(req.body, req.headers);
    const again = signed(envelope({ eventType: 'im.message.receive_v1', token: TOKEN, event: ev, eventId: 'ev-msg-1-retry' }));
    await post(again.body, again.headers);
    await adapter.idle();
    expect(events).toEqual([{ type: 'message', actor: { platform: 'feishu', userId: 'ou_boss' }, text: '华星科技', channelId: 'oc_sales', isDirect: false }]);
    const replies = api.callsTo('reply').filter((c) => c.path.includes('/om_q1/'));
    expect(replies).toHaveLength(1);
    expect(JSON.parse(replies[0]!.body.content).header.title.content).toBe('答：华星科技');
  });

  it('answers a question after a per-chat rate limit (230020), once', async () => {
    api.failNext('reply', { kind: 'code', code: 230020, msg: 'chat rate limit', resetSeconds: 1 });
    // The user's message, as Feishu holds it (replies need a parent).
    api.messages.push({
      message_id: 'om_q_rl', chat_id: 'oc_p2p_boss', receive_id_type: null, receive_id: null, msg_type: 'text',
      card: { text: '华星科技' }, uuid: null, parent_id: null, history: [{ text: '华星科技' }],
    });
    const ev = textMessageEvent({ sender: 'ou_boss', text: '华星科技', chatType: 'p2p', chatId: 'oc_p2p_boss', messageId: 'om_q_rl' });
    const req = signed(envelope({ eventType: 'im.message.receive_v1', token: TOKEN, event: ev, eventId: 'ev-rl-1' }));
    expect((await post(req.body, req.headers)).status).toBe(200);
    await adapter.idle();
    const replies = api.callsTo('reply').filter((c) => c.path.includes('/om_q_rl/'));
    expect(replies).toHaveLength(2); // the limited attempt and the retry
    // The limited attempt stored nothing; the retry posted the one answer.
    expect(api.messages.filter((m) => m.parent_id === 'om_q_rl')).toHaveLength(1);
  });

  it('takes the text of rich-text (post) messages, mentions included; other types get a one-line hint', async () => {
    const mention = [{ key: '@_user_1', openId: api.bot.open_id, name: 'Sales Radar' }];
    // As Feishu delivers a post: {title, content: [[inline…]…]}; and the locale-keyed send shape.
    const received = { title: '', content: [[{ tag: 'at', user_id: '@_user_1', user_name: 'Sales Radar' }, { tag: 'text', text: ' 华星科技' }], [{ tag: 'text', text: '怎么样', style: ['bold'] }]] };
    const localeKeyed = { zh_cn: { title: '请问', content: [[{ tag: 'text', text: 'top 5 risks' }], [{ tag: 'img', image_key: 'img_1' }]] } };
    const posts: Array<[string, unknown, 'group' | 'p2p']> = [['om_post1', received, 'group'], ['om_post2', localeKeyed, 'p2p']];
    for (const [messageId, content, chatType] of posts) {
      api.messages.push({ message_id: messageId, chat_id: 'oc_sales', receive_id_type: null, receive_id: null, msg_type: 'post', card: content, uuid: null, parent_id: null, history: [content] });
      const ev = messageEvent({ sender: 'ou_boss', messageType: 'post', content, chatType, chatId: 'oc_sales', messageId, mentions: chatType === 'group' ? mention : undefined });
      const req = signed(envelope({ eventType: 'im.message.receive_v1', token: TOKEN, event: ev }));
      expect((await post(req.body, req.headers)).status).toBe(200);
    }
    await adapter.idle();
    expect(events.map((e) => (e.type === 'message' ? e.text : null))).toEqual(['华星科技 怎么样', '请问 top 5 risks']);

    // An image in a DM and a sticker: no router call, a short hint replied to the message.
    for (const [messageId, messageType, content] of [['om_img1', 'image', { image_key: 'img_x' }], ['om_stk1', 'sticker', { file_key: 'f' }]] as const) {
      api.messages.push({ message_id: messageId, chat_id: 'oc_p2p_boss', receive_id_type: null, receive_id: null, msg_type: messageType, card: content, uuid: null, parent_id: null, history: [content] });
      const ev = messageEvent({ sender: 'ou_boss', messageType, content, chatType: 'p2p', chatId: 'oc_p2p_boss', messageId });
      const req = signed(envelope({ eventType: 'im.message.receive_v1', token: TOKEN, event: ev }));
      await post(req.body, req.headers);
    }
    await adapter.idle();
    expect(events).toHaveLength(2);
    for (const id of ['om_img1', 'om_stk1']) {
      const hint = api.messages.filter((m) => m.parent_id === id);
      expect(hint).toHaveLength(1);
      expect(feishuText(hint[0]!.card)).toContain('I can only read text messages');
    }
  });

  it('ignores group messages that do not mention the bot', async () => {
    const ev = textMessageEvent({ sender: 'ou_x', text: '大家好', chatType: 'group' });
    const req = signed(envelope({ eventType: 'im.message.receive_v1', token: TOKEN, event: ev }));
    expect((await post(req.body, req.headers)).status).toBe(200);
    await adapter.idle();
    expect(events).toHaveLength(0);
  });

  it('a click while another waits on the lane is acked at once with a toast; its form follows by message.patch', async () => {
    holdClicks();
    const p1 = await adapter.chat.send({ kind: 'user', userId: 'ou_burst1' }, promptCard(1), { idempotencyKey: 'burst:1' });
    const p2 = await adapter.chat.send({ kind: 'user', userId: 'ou_burst2' }, promptCard(1), { idempotencyKey: 'burst:2' });
    const open = (who: string, messageId: string, chatId: string) =>
      signed(callback(cardActionEvent({ operator: who, value: { a: encodeAction({ kind: 'report.open', args: { customerId: '1', held: '1' } }) }, messageId, chatId })));
    const r1 = open('ou_burst1', p1.messageId, p1.channel);
    const first = post(r1.body, r1.headers);
    await until(() => events.some((e) => e.actor.userId === 'ou_burst1'));
    const r2 = open('ou_burst2', p2.messageId, p2.channel);
    const second = await post(r2.body, r2.headers);
    // Answered while both clicks are still in the router: the reply waits for no work.
    expect(second.json).toEqual({ toast: { type: 'info', content: '正在处理… / Working on it…' } });
    expect(api.callsTo('patch').filter((c) => c.path.endsWith(`/${p2.messageId}`))).toHaveLength(0);
    held.open();
    expect((await first).status).toBe(200);
    await adapter.idle();
    const patched = api.messages.find((m) => m.message_id === p2.messageId)!;
    expect(patched.history).toHaveLength(2);
    expect(formFieldsOf(patched.card).has('contacts')).toBe(true);
  });

  it('a click acked first whose work then fails: the clicker is told in their private chat', async () => {
    holdClicks();
    const p1 = await adapter.chat.send({ kind: 'user', userId: 'ou_burst3' }, promptCard(1), { idempotencyKey: 'burst:3' });
    const r1 = signed(callback(cardActionEvent({ operator: 'ou_burst3', value: { a: encodeAction({ kind: 'report.open', args: { customerId: '1', held: '1' } }) }, messageId: p1.messageId, chatId: p1.channel })));
    const first = post(r1.body, r1.headers);
    await until(() => events.some((e) => e.actor.userId === 'ou_burst3'));
    const creates = api.callsTo('create').length;
    const r2 = signed(callback(cardActionEvent({ operator: 'ou_burst4', value: { a: encodeAction({ kind: 'report.open', args: { customerId: '1', fail: '1' } }) }, messageId: p1.messageId, chatId: p1.channel })));
    expect((await post(r2.body, r2.headers)).json).toEqual({ toast: { type: 'info', content: '正在处理… / Working on it…' } });
    held.open();
    await first;
    await adapter.idle();
    const told = api.callsTo('create').slice(creates).filter((c) => c.body.receive_id === 'ou_burst4');
    expect(told).toHaveLength(1);
    expect(feishuText(JSON.parse(told[0]!.body.content))).toContain('出错了，请稍后再试。 / Something went wrong; please try again.');
  });

  it('a private answer that cannot be sent after the toast: the clicker gets a card only they see in the group', async () => {
    const digest = await adapter.chat.send({ kind: 'channel', channelId: 'oc_managers' }, digestCard(2), { idempotencyKey: 'digest:private-fails' });
    api.failNext('create', { kind: 'code', code: 230013, msg: 'Bot has NO availability to this user.' });
    const r = signed(callback(cardActionEvent({ operator: 'ou_mgr9', value: { a: encodeAction({ kind: 'customer.details', args: { customerId: '1' } }) }, messageId: digest.messageId, chatId: 'oc_managers' })));
    expect((await post(r.body, r.headers)).json).toEqual({ toast: { type: 'success', content: '已私信发给你 / Sent to you privately' } });
    await adapter.idle();
    const notice = api.ephemerals.filter((e) => e.open_id === 'ou_mgr9');
    expect(notice.map((e) => e.chat_id)).toEqual(['oc_managers']);
    expect(feishuText(notice[0]!.card)).toContain('无法私信发给你，请先和机器人开始单聊 / Could not send it to you privately; please open a chat with the bot first');
    expect(api.messages.find((m) => m.message_id === digest.messageId)!.history).toHaveLength(1);
  });

  it('a duplicate callback event_id is processed once', async () => {
    const value = { a: encodeAction({ kind: 'rep.remind', args: { memberId: '3', week: '2026-W48' } }) };
    const r = signed(callback(cardActionEvent({ operator: 'ou_mgr', value, token: 'c-dup' }), 'ev-dup'));
    await post(r.body, r.headers);
    await post(r.body, r.headers);
    expect(events).toHaveLength(1);
  });

  it('rejects tampered, stale, future and wrong-token requests with 401', async () => {
    const payload = callback(cardActionEvent({ operator: 'ou_x', value: { a: 'digest.refresh|week=2026-W48' } }));
    const ok = signed(payload);
    const tampered = { ...ok.headers, 'x-lark-signature': ok.headers['x-lark-signature']!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) };
    expect((await post(ok.body, tampered)).status).toBe(401);
    const stale = signed(payload, { timestampSec: nowSec - 6 * 60 });
    expect((await post(stale.body, stale.headers)).status).toBe(401);
    const future = signed(payload, { timestampSec: nowSec + 6 * 60 });
    expect((await post(future.body, future.headers)).status).toBe(401);
    const wrongToken = signed(envelope({ eventType: 'card.action.trigger', token: 'not-the-token', event: cardActionEvent({ operator: 'ou_x', value: { a: 'digest.refresh|week=2026-W48' } }) }));
    expect((await post(wrongToken.body, wrongToken.headers)).status).toBe(401);
    const unsigned = signed(payload);
    expect((await post(unsigned.body, { 'content-type': 'application/json' })).status).toBe(401);
    expect(events).toHaveLength(0);
  });

  it('answers unsigned garbage with the one rejection and oversize bodies with 413, and keeps serving', async () => {
    for (const body of ['not json', 'null', '[1,2]', '{"encrypt":"!!!"}', '{"encrypt":"bm9wZQ=="}', '']) {
      const r = await post(body, { 'content-type': 'application/json' });
      expect(r.status).toBe(401);
      expect(r.text).toBe('{"error":"request rejected"}');
    }
    const big = await post(JSON.stringify({ pad: 'x'.repeat(100 * 1024) }), { 'content-type': 'application/json' });
    expect(big.status).toBe(413);
    const { body, headers } = signRequest(urlVerification('still-up', TOKEN), { encryptKey: ENCRYPT_KEY, timestampSec: nowSec });
    expect((await post(body, headers)).json).toEqual({ challenge: 'still-up' });
  });
});
