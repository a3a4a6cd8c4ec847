// Full stack, end to end, on Feishu/Lark: the composed bot (startBot: real router and handlers, a
// real SQLite file, the Feishu adapter in HTTP mode over the real node-sdk, the real outbox worker)
// against the loopback fake Open API. Every inbound request is encrypted and signed like Feishu's.
// One weekly cycle, in order: prompt → form → invalid / valid submit → digest → claim → refusals →
// a question in the manager group → forged requests → no secret in any log line.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCycleStep } from '../../src/runtime/run-step.js';
import { FIELD_IDS } from '../../src/core/weekly-report/template.js';
import { checkCard } from '../../adapters/feishu/render/check-card.js';
import type { StoredMessage } from '../fakes/feishu-api.fake.js';
import { cardActionEvent, envelope, signRequest, textMessageEvent } from '../fakes/feishu-signing.js';
import { MANAGER_CHAT_ID, SECRETS, startFeishuE2E, WEEK, type FeishuE2E } from './support/feishu-harness.js';
import { buttonsOf, tablesOf, cardText, errorUnder, findButton, formFieldsOf, titleOf } from './support/feishu-cards.js';
import { entryRow, snapshot } from './support/feishu-db.js';
import { CUSTOMERS, PEOPLE, STRANGER_OPEN_ID } from './support/feishu-seed.js';

let e: FeishuE2E;
// Carried from step to step: the scenario is one week of one team.
let prompt: StoredMessage;
let formCard: any;
let digest: StoredMessage;

const createsTo = (receiveId: string) => e.fake.callsTo('create').filter((c) => c.body?.receive_id === receiveId);
const messageTo = (receiveId: string) => e.fake.messages.filter((m) => m.receive_id === receiveId);
const overdueTask = () => e.bot.app.ctx.repos.tasks.listTasks(e.seeded.teamId)
  .find((t) => t.customerId === e.seeded.customerIds.huaxing && t.tag === 'overdue');

beforeAll(async () => {
  e = await startFeishuE2E();
});
afterAll(async () => {
  await e?.stop();
});
// A minute passes between steps, as it would between people's clicks.
beforeEach(() => {
  e.advance(60_000);
});

describe('Feishu bot, end to end (HTTP mode, real SDK, real SQLite, fake Open API)', () => {
  it('1. the weekly prompt goes to each rep as a Card 2.0 with one callback button per customer, once', async () => {
    await runCycleStep(e.bot.app, e.seeded.teamId, WEEK, 'prompt');
    await e.bot.worker.drainOnce();

    // Members were matched by email through contact/v3/users/batch_get_id.
    expect(e.fake.callsTo('batchGetId').length).toBeGreaterThanOrEqual(2);
    expect(e.bot.app.ctx.repos.teams.getMember(e.seeded.memberIds.rep1)?.identities).toEqual([{ platform: 'feishu', userId: PEOPLE.rep1.openId }]);

    for (const [rep, customers] of [[PEOPLE.rep1, ['huaxing', 'lanhai']], [PEOPLE.rep2, ['tianyu', 'beichen']]] as const) {
      const calls = createsTo(rep.openId);
      expect(calls).toHaveLength(1);
      const call = calls[0]!;
      expect(call.query.receive_id_type).toBe('open_id');
      expect(call.body.msg_type).toBe('interactive');
      expect(call.body.uuid).toMatch(/^\S{8,50}$/);
      const card = JSON.parse(call.body.content);
      expect(card.schema).toBe('2.0');
      expect(titleOf(card)).toBe(`周报 ${WEEK} — 0/2 个客户已填`);
      const opens = buttonsOf(card).filter((b) => b.action?.kind === 'report.open');
      expect(opens.map((b) => b.action!.args.customerId).sort()).toEqual(customers.map((c) => String(e.seeded.customerIds[c])).sort());
      expect(opens.every((b) => b.action!.args.week === WEEK)).toBe(true);
    }
    // Nobody but the reps got a prompt.
    expect(e.fake.callsTo('create')).toHaveLength(2);
    prompt = messageTo(PEOPLE.rep1.openId)[0]!;

    // The step again (a scheduler catch-up, a second `radar cycle prompt`): nothing new is sent.
    const again = await runCycleStep(e.bot.app, e.seeded.teamId, WEEK, 'prompt') as { queued: number; alreadyQueued: number };
    expect(again).toMatchObject({ queued: 0, alreadyQueued: 2 });
    await e.bot.worker.drainOnce();
    expect(e.fake.callsTo('create')).toHaveLength(2);
    expect(e.fake.messages).toHaveLength(2);
  });

  it('2. clicking a customer answers the callback with its form card, field names = template ids, pre-filled from last week', async () => {
    const open = findButton(prompt.card, 'report.open', { customerId: e.seeded.customerIds.huaxing })!;
    const res = await e.callback({ operator: PEOPLE.rep1.openId, value: open.value, messageId: prompt.message_id, chatId: prompt.chat_id });
    expect(res.status).toBe(200);
    expect(res.json.card.type).toBe('raw');
    formCard = res.json.card.data;
    expect(formCard.schema).toBe('2.0');
    expect(cardText(formCard)).toContain(`${CUSTOMERS.huaxing} · ${WEEK}`);

    const fields = formFieldsOf(formCard);
    expect([...fields.keys()]).toEqual([...FIELD_IDS]);
    // Carry-over fields start from W47; this week's counts and revenue start empty.
    expect(fields.get('receivable')?.initial).toBe('50000');
    expect(fields.get('overdueDays')?.initial).toBe('99');
    expect(fields.get('lastContact')?.initial).toBe('2026-11-12');
    expect(fields.get('stage')?.initial).toBe('live');
    expect(fields.get('health')?.initial).toBe('red');
    expect(fields.get('contacts')?.initial).toBe('0');
    expect(fields.get('revenue')?.initial).toBe('0');
    expect(findButton(formCard, 'report.save')).toBeUndefined(); // the submit carries the formId, not an action
    expect(buttonsOf(formCard).some((b) => b.value.formId?.startsWith('report.save|'))).toBe(true);
  });

  const submit = (formValue: Record<string, unknown>) => {
    const submitButton = buttonsOf(formCard).find((b) => b.value.formId?.startsWith('report.save|') && !b.value.cancel)!;
    return e.callback({
      operator: PEOPLE.rep1.openId, value: { formId: submitButton.value.formId! }, formValue, name: 'form_submit',
      messageId: prompt.message_id, chatId: prompt.chat_id,
    });
  };
  const validValues = {
    contacts: '1', lastContact: '2026-11-25 +0800', revenue: '0', receivable: '50,000', overdueDays: '99', complaints: '0',
    complaintType: '', requirementChanges: '', faults: '', usage: 'low', stage: 'live', expectedClose: '', health: 'red',
    notes: '客户财务仍未回复催款',
  };

  it('3. an invalid submit re-renders the form with the values kept and a red message, plus an error toast; nothing is stored', async () => {
    const before = snapshot(e.bot);
    const res = await submit({ ...validValues, contacts: '-3' });
    expect(res.status).toBe(200);
    expect(res.json.toast.type).toBe('error');
    const card = res.json.card.data;
    expect(card.header.template).toBe('red');
    const fields = formFieldsOf(card);
    expect(fields.get('contacts')?.initial).toBe('-3');
    expect(fields.get('receivable')?.initial).toBe('50,000');
    expect(fields.get('lastContact')?.initial).toBe('2026-11-25');
    expect(fields.get('usage')?.initial).toBe('low');
    expect(fields.get('notes')?.initial).toBe('客户财务仍未回复催款');
    expect(errorUnder(card, 'contacts')).toMatch(/<font color='red'>.+<\/font>/);
    expect(errorUnder(card, 'receivable')).toBeNull();

    expect(entryRow(e.bot, WEEK, e.seeded.memberIds.rep1, e.seeded.customerIds.huaxing)).toBeUndefined();
    const after = snapshot(e.bot);
    expect({ ...after, inbound: before.inbound }).toEqual(before);
  });

  it('4. a valid submit is stored in SQLite; the answer is the progress card with ✅, and the DM card is patched too', async () => {
    const res = await submit(validValues);
    expect(res.status).toBe(200);
    expect(res.json.toast).toEqual({ type: 'success', content: `已保存：${CUSTOMERS.huaxing}` });
    const card = res.json.card.data;
    expect(titleOf(card)).toBe(`周报 ${WEEK} — 1/2 个客户已填`);
    expect(cardText(card)).toContain(`✅ **${CUSTOMERS.huaxing}**`);
    expect(cardText(card)).toContain(`▫️ **${CUSTOMERS.lanhai}**`);

    const row = entryRow(e.bot, WEEK, e.seeded.memberIds.rep1, e.seeded.customerIds.huaxing);
    expect(row).toMatchObject({
      contacts: 1, last_contact: '2026-11-25', revenue: 0, receivable: 50000, overdue_days: 99, complaints: 0,
      complaint_type: null, usage: 'low', stage: 'live', health: 'red', notes: '客户财务仍未回复催款', source: 'chat',
      requirement_changes: null, expected_close: null,
    });

    // The rep's prompt message itself is brought up to date through the outbox (message.patch).
    await e.settle();
    const patches = e.fake.callsTo('patch').filter((c) => c.path.endsWith(`/${prompt.message_id}`));
    expect(patches).toHaveLength(1);
    expect(titleOf(e.fake.messages.find((m) => m.message_id === prompt.message_id)!.card)).toBe(`周报 ${WEEK} — 1/2 个客户已填`);
  });

  it('4b. "Submit report" closes the rep\'s week: the card says so and SQLite records the submission', async () => {
    const current = e.fake.messages.find((m) => m.message_id === prompt.message_id)!.card;
    const submitReport = findButton(current, 'report.submit', { week: WEEK })!;
    const res = await e.callback({ operator: PEOPLE.rep1.openId, value: submitReport.value, messageId: prompt.message_id, chatId: prompt.chat_id });
    expect(res.json.toast).toEqual({ type: 'success', content: `已提交 ${WEEK} 周报，谢谢！` });
    expect(titleOf(res.json.card.data)).toBe(`周报 ${WEEK} — 1/2 个客户已填（已提交）`);
    expect(findButton(res.json.card.data, 'report.submit')).toBeUndefined();
    const report = e.bot.storage.sqlite!.sqlite.prepare('select submitted_at, late from reports where week = ? and rep_id = ?').get(WEEK, e.seeded.memberIds.rep1);
    expect(report).toEqual({ submitted_at: e.now().toISOString(), late: 0 });
    await e.settle();
    expect(titleOf(e.fake.messages.find((m) => m.message_id === prompt.message_id)!.card)).toContain('（已提交）');
  });

  it('5. the digest goes to the manager group with 华星科技 in red (A); follow-up tasks are created and routed to finance', async () => {
    await runCycleStep(e.bot.app, e.seeded.teamId, WEEK, 'digest');
    await e.bot.worker.drainOnce();

    const calls = createsTo(MANAGER_CHAT_ID);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.query.receive_id_type).toBe('chat_id');
    expect(calls[0]!.body.uuid).toMatch(/^\S{8,50}$/);
    digest = messageTo(MANAGER_CHAT_ID)[0]!;
    const card = digest.card;
    expect(card.schema).toBe('2.0');
    expect(card.config.update_multi).toBe(true);
    expect(card.header.template).toBe('red');
    expect(titleOf(card)).toBe(`问题客户周报 ${WEEK} — 1 个（A 1 / B 0）`);
    const text = cardText(card);
    expect(text).toContain(`<font color='red'>🔴 A</font> **${CUSTOMERS.huaxing}**`);
    expect(text).toContain('逾期 99 天');
    expect(text).toContain(`<at id=${PEOPLE.finance.openId}></at>`);
    expect(text).not.toContain(CUSTOMERS.lanhai);

    const task = overdueTask()!;
    expect(task).toMatchObject({ role: 'finance', state: 'open', grade: 'A', createdWeek: WEEK });
    expect(findButton(card, 'task.claim', { taskId: task.id })).toBeDefined();
    expect(findButton(card, 'customer.details', { customerId: e.seeded.customerIds.huaxing })).toBeDefined();
    // rep1 submitted; rep2 has not: listed with a Remind button.
    expect(text).toContain('**周报提交**: 1/2');
    expect(findButton(card, 'rep.remind', { memberId: e.seeded.memberIds.rep2 })).toBeDefined();
    expect(findButton(card, 'rep.remind', { memberId: e.seeded.memberIds.rep1 })).toBeUndefined();

    // The week's ranking ends the digest: one row per rep, in the team's language.
    const ranking = tablesOf(card).find((t) => t.titles.includes('连续按时'));
    expect(ranking?.titles.slice(0, 2)).toEqual(['#', '销售']);
    expect(ranking?.rows.map((r) => r['销售']).sort()).toEqual([PEOPLE.rep1.name, PEOPLE.rep2.name].sort());

    const toFinance = messageTo(PEOPLE.finance.openId);
    expect(toFinance).toHaveLength(1);
    expect(titleOf(toFinance[0]!.card)).toBe(`跟进任务：${CUSTOMERS.huaxing} · 拖款`);
    expect(findButton(toFinance[0]!.card, 'task.claim', { taskId: task.id })).toBeDefined();
  });

  it('6. the manager claims in the digest: the callback answers with the updated digest, and the group card is patched', async () => {
    const task = overdueTask()!;
    const claim = findButton(digest.card, 'task.claim', { taskId: task.id })!;
    const res = await e.callback({ operator: PEOPLE.manager.openId, value: claim.value, messageId: digest.message_id, chatId: MANAGER_CHAT_ID });
    expect(res.status).toBe(200);
    expect(res.json.toast).toEqual({ type: 'success', content: '已认领' });
    const card = res.json.card.data;
    expect(titleOf(card)).toBe(titleOf(digest.card));
    expect(findButton(card, 'task.claim', { taskId: task.id })).toBeUndefined();
    expect(cardText(card)).toContain(`拖款 → <at id=${PEOPLE.manager.openId}></at>`);
    expect(cardText(card)).toContain('已认领');

    expect(overdueTask()).toMatchObject({ id: task.id, state: 'claimed', assigneeId: e.seeded.memberIds.manager });
    const events = e.bot.storage.sqlite!.sqlite.prepare('select kind, actor_id from task_events where task_id = ? order by id').all(task.id);
    expect(events.at(-1)).toEqual({ kind: 'claimed', actor_id: e.seeded.memberIds.manager });

    // Everyone else in the group sees it too: the posted digest is patched through the outbox.
    await e.settle();
    const stored = e.fake.messages.find((m) => m.message_id === digest.message_id)!;
    expect(e.fake.callsTo('patch').some((c) => c.path.endsWith(`/${digest.message_id}`))).toBe(true);
    expect(findButton(stored.card, 'task.claim', { taskId: task.id })).toBeUndefined();
  });

  it('6b. Details and Resolve in the manager group go to the manager privately (a toast in the group); the private form cancels back to the task card', async () => {
    const current = () => e.fake.messages.find((m) => m.message_id === digest.message_id)!;
    const versions = current().history.length;
    const task = overdueTask()!;
    const before = createsTo(PEOPLE.manager.openId).length;

    const details = await e.callback({
      operator: PEOPLE.manager.openId, messageId: digest.message_id, chatId: MANAGER_CHAT_ID,
      value: findButton(current().card, 'customer.details', { customerId: e.seeded.customerIds.huaxing })!.value,
    });
    expect(details.json).toEqual({ toast: { type: 'success', content: '已私信发给你 / Sent to you privately' } });
    const resolve = await e.callback({
      operator: PEOPLE.manager.openId, messageId: digest.message_id, chatId: MANAGER_CHAT_ID,
      value: findButton(current().card, 'task.resolve', { taskId: task.id })!.value,
    });
    expect(resolve.json).toEqual({ toast: { type: 'success', content: '已私信发给你 / Sent to you privately' } });

    // The private messages follow the toasts.
    await e.settle();
    const sent = createsTo(PEOPLE.manager.openId).slice(before);
    expect(sent.map((c) => c.query.receive_id_type)).toEqual(['open_id', 'open_id']);
    expect(titleOf(JSON.parse(sent[0]!.body.content))).toBe(`客户：${CUSTOMERS.huaxing}`);
    const form = messageTo(PEOPLE.manager.openId).at(-1)!;
    expect(formFieldsOf(form.card).has('note')).toBe(true);

    // Cancelled in the private chat: that message shows the task card again, as in any DM.
    const cancel = buttonsOf(form.card).find((b) => b.value.cancel)!;
    const cancelled = await e.callback({ operator: PEOPLE.manager.openId, value: cancel.value, messageId: form.message_id, chatId: form.chat_id });
    expect(cancelled.json.toast.content).toBe('已取消，未保存');
    expect(titleOf(cancelled.json.card.data)).toBe(`跟进任务：${CUSTOMERS.huaxing} · 拖款`);

    // Nobody else in the group saw any of it: the digest was neither replaced nor patched.
    await e.settle();
    expect(current().history).toHaveLength(versions);
    expect(overdueTask()).toMatchObject({ state: 'claimed' });
  });

  it('7. a stranger, a rep without the right role and a late claimer are refused with a toast; nothing changes', async () => {
    const before = snapshot(e.bot);
    const calls = e.fake.calls.length;
    // The Claim button as first posted (a stale copy still on someone's screen).
    const claim = findButton(digest.history[0], 'task.claim', { taskId: overdueTask()!.id })!;

    const stranger = await e.callback({ operator: STRANGER_OPEN_ID, value: claim.value, messageId: digest.message_id, chatId: MANAGER_CHAT_ID });
    expect(stranger.status).toBe(200);
    expect(stranger.json.card).toBeUndefined();
    expect(stranger.json.toast.type).toBe('warning');
    expect(stranger.json.toast.content).toContain('你还不在周报雷达的成员名单里');

    const rep2 = await e.callback({ operator: PEOPLE.rep2.openId, value: claim.value, messageId: digest.message_id, chatId: MANAGER_CHAT_ID });
    expect(rep2.json.card).toBeUndefined();
    expect(rep2.json.toast).toEqual({ type: 'warning', content: '抱歉，你没有权限进行这个操作。' });

    // Finance, from the task card in their DM, a moment too late: told, not reassigned.
    const taskCard = messageTo(PEOPLE.finance.openId)[0]!;
    const late = await e.callback({
      operator: PEOPLE.finance.openId, value: findButton(taskCard.history[0], 'task.claim')!.value, messageId: taskCard.message_id, chatId: taskCard.chat_id,
    });
    expect(late.json.card).toBeUndefined();
    expect(late.json.toast).toEqual({ type: 'warning', content: '这个任务已经有人认领了' });

    await e.settle();
    const after = snapshot(e.bot);
    expect({ ...after, inbound: before.inbound }).toEqual(before);
    expect(overdueTask()).toMatchObject({ state: 'claimed', assigneeId: e.seeded.memberIds.manager });
    expect(e.fake.calls.length).toBe(calls);
  });

  it('8. "@bot 华星科技怎么样？" in the manager group gets one answer card, even when delivered twice', async () => {
    const messageId = 'om_owner_question_1';
    e.userPosted(messageId, MANAGER_CHAT_ID, '@_user_1 华星科技怎么样？');
    const ask = {
      sender: PEOPLE.owner.openId, text: '@_user_1 华星科技怎么样？', chatId: MANAGER_CHAT_ID, messageId, eventId: 'ev_owner_q_1',
      mentions: [{ key: '@_user_1', openId: e.fake.bot.open_id, name: 'Sales Radar' }],
    };
    expect((await e.message(ask)).status).toBe(200);
    expect((await e.message(ask)).status).toBe(200); // the same event again (a platform retry)
    expect((await e.message({ ...ask, eventId: 'ev_owner_q_1_redelivered' })).status).toBe(200);
    await e.settle();

    const replies = e.fake.callsTo('reply').filter((c) => c.path === `/open-apis/im/v1/messages/${messageId}/reply`);
    expect(replies).toHaveLength(1);
    const answer = JSON.parse(replies[0]!.body.content);
    expect(answer.schema).toBe('2.0');
    expect(titleOf(answer)).toBe(`客户：${CUSTOMERS.huaxing}`);
    expect(answer.header.template).toBe('red');
    const said = cardText(answer);
    expect(said).toContain(`<font color='red'>🔴 A</font> **${CUSTOMERS.huaxing}**`);
    expect(said).toContain('逾期 99 天，应收 ¥50,000');
    expect(said).toContain(`拖款 · 已认领 · <at id=${PEOPLE.manager.openId}></at>`);
    expect(e.fake.messages.filter((m) => m.parent_id === messageId)).toHaveLength(1);
  });

  it('8b. the same question in a general group is answered with an ephemeral card to the asker; the group sees one line', async () => {
    const GENERAL = 'oc_general_group_0001';
    const messageId = 'om_owner_question_general';
    e.userPosted(messageId, GENERAL, '@_user_1 华星科技怎么样？');
    const before = e.fake.ephemerals.length;
    await e.message({
      sender: PEOPLE.owner.openId, text: '@_user_1 华星科技怎么样？', chatId: GENERAL, messageId, eventId: 'ev_owner_q_general',
      mentions: [{ key: '@_user_1', openId: e.fake.bot.open_id, name: 'Sales Radar' }],
    });
    await e.settle();
    const eph = e.fake.ephemerals.slice(before);
    expect(eph).toHaveLength(1);
    expect(eph[0]).toMatchObject({ chat_id: GENERAL, open_id: PEOPLE.owner.openId });
    expect(cardText(eph[0]!.card)).toContain(CUSTOMERS.huaxing);
    const inGroup = e.fake.messages.filter((m) => m.parent_id === messageId);
    expect(inGroup).toHaveLength(1);
    const note = cardText(inGroup[0]!.card);
    expect(note).not.toContain(CUSTOMERS.huaxing);
    expect(note).toContain('私下');
  });

  it('9. a tampered signature, a stale timestamp and a wrong verification token are rejected with 401; nothing is processed', async () => {
    const before = snapshot(e.bot);
    const calls = e.fake.calls.length;
    const messageId = 'om_owner_question_2';
    e.userPosted(messageId, MANAGER_CHAT_ID, '@_user_1 华星科技怎么样？');
    const question = (token: string) => envelope({
      eventType: 'im.message.receive_v1', token, eventId: 'ev_owner_q_2', createTime: e.now().getTime(), appId: SECRETS.appId,
      event: textMessageEvent({
        sender: PEOPLE.owner.openId, text: '@_user_1 华星科技怎么样？', chatType: 'group', chatId: MANAGER_CHAT_ID, messageId,
        mentions: [{ key: '@_user_1', openId: e.fake.bot.open_id, name: 'Sales Radar' }],
      }),
    });
    const remind = (token: string) => envelope({
      eventType: 'card.action.trigger', token, createTime: e.now().getTime(), appId: SECRETS.appId,
      event: cardActionEvent({
        operator: PEOPLE.manager.openId, messageId: digest.message_id, chatId: MANAGER_CHAT_ID,
        value: findButton(digest.card, 'rep.remind', { memberId: e.seeded.memberIds.rep2 })!.value,
      }),
    });

    const sign = (payload: unknown, timestampSec = e.nowSec()) => signRequest(payload, { encryptKey: SECRETS.encryptKey, timestampSec });
    for (const build of [question, remind]) {
      const good = sign(build(SECRETS.verificationToken));
      const sig = good.headers['x-lark-signature']!;
      const tampered = { ...good.headers, 'x-lark-signature': (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1) };
      expect((await e.post(good.body, tampered)).status).toBe(401);
      // The body changed after signing (same headers): also a signature mismatch.
      const other = sign(build(SECRETS.verificationToken));
      expect((await e.post(other.body, good.headers)).status).toBe(401);
      const stale = sign(build(SECRETS.verificationToken), e.nowSec() - 6 * 60);
      expect((await e.post(stale.body, stale.headers)).status).toBe(401);
      const wrongToken = sign(build('not-the-verification-token'));
      expect((await e.post(wrongToken.body, wrongToken.headers)).status).toBe(401);
    }
    await e.settle();
    expect(snapshot(e.bot)).toEqual(before);
    expect(e.fake.calls.length).toBe(calls);

    // The genuine requests still work afterwards: the forgeries were not even remembered as seen.
    expect((await e.postSigned(question(SECRETS.verificationToken))).status).toBe(200);
    const reminded = await e.postSigned(remind(SECRETS.verificationToken));
    expect(reminded.json.toast).toEqual({ type: 'success', content: `已提醒 ${PEOPLE.rep2.name}` });
    await e.settle();
    expect(e.fake.callsTo('reply').filter((c) => c.path === `/open-apis/im/v1/messages/${messageId}/reply`)).toHaveLength(1);
    expect(createsTo(PEOPLE.rep2.openId)).toHaveLength(2); // the prompt, then the reminder
  });

  it('10. the log output of the whole run holds neither the app secret, the encrypt key, the verification token nor the tenant token', () => {
    const all = e.logs.join('\n');

    expect(all).toContain('prompts queued');
    expect(all).toContain('feishu request rejected');
    // Nothing went wrong on the way: no error lines, and the only warnings are the forged requests.
    const levels = e.logs.flatMap((l) => l.split('\n')).filter((l) => /"level":(4|5|6)0/.test(l));
    expect(levels.length).toBeGreaterThan(0);
    for (const line of levels) expect(JSON.parse(line)).toMatchObject({ level: 40, msg: 'feishu request rejected' });
    for (const secret of [SECRETS.appSecret, SECRETS.encryptKey, SECRETS.verificationToken, `t-fake-${SECRETS.appId}`]) {
      expect(all).not.toContain(secret);
    }
  });

  it('10b. at trace level the logs carry ids, types and sizes, never customer data: no customer, person or message text', () => {
    const all = e.logs.join('\n');
    expect(all).toMatch(/"level":10,.*lark-sdk/); // the SDK's trace lines were written
    expect(all).toMatch(/"eventType":"card.action.trigger".*"bytes":\d+.*"msg":"feishu event received"/);
    const customerData = [...Object.values(CUSTOMERS), ...Object.values(PEOPLE).map((p) => p.name), '怎么样', 'huaxing'];
    const leaks = customerData.filter((text) => all.includes(text));
    const lines = leaks.map((text) => e.logs.flatMap((l) => l.split('\n')).find((l) => l.includes(text))!.slice(0, 300));
    expect(lines).toEqual([]);
  });

  it('11. every card the bot sent, patched or answered with is valid Card JSON 2.0 within the limits', () => {
    const sent = e.fake.messages.filter((m) => m.msg_type === 'interactive').flatMap((m) => m.history);
    const cards = [...sent, ...e.answeredCards];
    expect(sent.length).toBeGreaterThanOrEqual(8);
    expect(e.answeredCards.length).toBe(6); // form, form with errors, progress, submitted, digest, task card after cancel
    for (const card of cards) expect(checkCard(card)).toEqual([]);
  });
});
