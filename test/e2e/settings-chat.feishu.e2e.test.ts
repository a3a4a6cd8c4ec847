// Settings from chat on Feishu, full stack (real node-sdk in HTTP mode, real router and SQLite, the
// fake Open API): a manager sends "设置" in a private chat, opens the grading form card, submits A 97
// (plus the A hard trigger) → logged as them, `flags` grades differently; an invalid weight shows red
// under its field; a rep is refused; Undo restores; Cancel brings the settings card back.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsResolver } from '../../src/config/radar-config.js';
import { ensureScored, flaggedScores } from '../../src/app/scoring/scoring.service.js';
import { settingsHistory } from '../../src/app/settings/settings.service.js';
import { checkCard } from '../../adapters/feishu/render/check-card.js';
import { startFeishuE2E, type FeishuE2E } from './support/feishu-harness.js';
import { buttonsOf, cardText, errorUnder, findButton, formFieldsOf, titleOf } from './support/feishu-cards.js';
import { HISTORY_WEEKS, PEOPLE } from './support/feishu-seed.js';

let e: FeishuE2E;
const W = HISTORY_WEEKS.at(-1)!;
const P2P = 'oc_p2p_manager_0001';
const REP_P2P = 'oc_p2p_rep_0001';
let overview: any;
let gradingForm: any;
let confirm: any;

beforeAll(async () => {
  e = await startFeishuE2E();
  // As bin/radar serve does (main.ts): stored settings can be changed where a resolver is given.
  e.bot.app.ctx.settingsResolver = createSettingsResolver(null);
  for (const key of Object.keys(PEOPLE) as Array<keyof typeof PEOPLE>) {
    e.bot.app.ctx.repos.teams.setPlatformId(e.seeded.memberIds[key], 'feishu', PEOPLE[key].openId);
  }
});
afterAll(async () => {
  await e?.stop();
});
beforeEach(() => {
  e.advance(60_000);
});

const gradeOfHuaxing = () => flaggedScores(ensureScored(e.bot.app.ctx, e.seeded.teamId, W)).find((s) => s.customerId === e.seeded.customerIds.huaxing)?.grade ?? null;
const replyTo = (messageId: string) => e.fake.callsTo('reply').filter((c) => c.path === `/open-apis/im/v1/messages/${messageId}/reply`);

async function say(sender: string, chatId: string, text: string, messageId: string): Promise<any> {
  e.userPosted(messageId, chatId, text);
  expect((await e.message({ sender, text, chatId, messageId, eventId: `ev_${messageId}`, chatType: 'p2p' })).status).toBe(200);
  await e.settle();
  const replies = replyTo(messageId);
  expect(replies).toHaveLength(1);
  return JSON.parse(replies[0]!.body.content);
}

const submitGrading = (form: any, formValue: Record<string, unknown>) => {
  const submit = buttonsOf(form).find((b) => b.value.formId?.startsWith('settings.save|') && !b.value.cancel)!;
  return e.callback({ operator: PEOPLE.manager.openId, value: { formId: submit.value.formId! }, formValue, name: 'form_submit', messageId: 'om_settings_card', chatId: P2P });
};

describe('settings from chat on Feishu', () => {
  it('1. "设置" from a manager: the settings card, every section summarised, an edit button per section', async () => {
    overview = await say(PEOPLE.manager.openId, P2P, '设置', 'om_settings_card');
    expect(titleOf(overview)).toBe('设置');
    expect(buttonsOf(overview).filter((b) => b.action?.kind === 'settings.open').map((b) => b.action!.args.section)).toEqual(['grading', 'weights', 'routing', 'template', 'tags', 'ranking']);
    expect(cardText(overview)).toContain('A ≥ 94 · B ≥ 50');
    expect(checkCard(overview)).toEqual([]);
  });

  it('2. a rep sending "设置" or pressing an edit button is refused', async () => {
    const refusal = await say(PEOPLE.rep1.openId, REP_P2P, '设置', 'om_rep_settings');
    expect(cardText(refusal)).toContain('只有销售经理、总监和老板可以查看和修改设置。');
    expect(buttonsOf(refusal)).toEqual([]);
    const edit = findButton(overview, 'settings.open', { section: 'grading' })!;
    const res = await e.callback({ operator: PEOPLE.rep1.openId, value: edit.value, messageId: 'om_rep_settings', chatId: REP_P2P });
    expect(res.json.toast).toEqual({ type: 'warning', content: '只有销售经理、总监和老板可以查看和修改设置。' });
    expect(res.json.card).toBeUndefined();
  });

  it('3. the grading edit button answers with the form card, pre-filled', async () => {
    const edit = findButton(overview, 'settings.open', { section: 'grading' })!;
    const res = await e.callback({ operator: PEOPLE.manager.openId, value: edit.value, messageId: 'om_settings_card', chatId: P2P });
    gradingForm = res.json.card.data;
    expect(titleOf(gradingForm)).toBe('设置 · 分级标准');
    const fields = formFieldsOf(gradingForm);
    expect([...fields.keys()]).toEqual(['grades_A', 'grades_B', 'keyAccount_escalateFrom', 'escalateAfterWeeks', 'hardTriggers_overdueDaysA', 'hardTriggers_overdueDaysB', 'grades_hysteresis', 'grades_knee']);
    expect(fields.get('grades_A')).toMatchObject({ tag: 'input', initial: '94' });
    expect(fields.get('hardTriggers_overdueDaysA')?.initial).toBe('90');
    expect(checkCard(gradingForm)).toEqual([]);
  });

  it('4. submitting A 97 (above its index 96.3) and the A hard trigger at 120 days: logged per key as the manager, the flags re-graded, old → new with Undo', async () => {
    expect(gradeOfHuaxing()).toBe('A'); // index 96.3, and 92 days overdue: the A hard trigger
    const values = Object.fromEntries([...formFieldsOf(gradingForm).values()].map((f) => [f.name, f.initial ?? '']));
    const res = await submitGrading(gradingForm, { ...values, grades_A: '97', hardTriggers_overdueDaysA: '120' });
    expect(res.status).toBe(200);
    confirm = res.json.card.data;
    expect(titleOf(confirm)).toBe('设置已更新');
    expect(cardText(confirm)).toContain('**scoring.grades.A**: 94 → 97');
    expect(cardText(confirm)).toContain('**scoring.hardTriggers.overdueDaysA**: 90 → 120');
    expect(settingsHistory(e.bot.app.ctx, e.seeded.teamId).map((c) => [c.key, c.oldValue, c.newValue, c.actor])).toEqual([
      ['scoring.grades.A', null, 97, PEOPLE.manager.email],
      ['scoring.hardTriggers.overdueDaysA', null, 120, PEOPLE.manager.email],
    ]);
    expect(gradeOfHuaxing()).toBe('B');
    expect(findButton(confirm, 'settings.undo')?.text).toBe('撤销');
  });

  it('5. an invalid weight: the form again, red text under that field, nothing stored', async () => {
    const edit = findButton(overview, 'settings.open', { section: 'weights' })!;
    const form = (await e.callback({ operator: PEOPLE.manager.openId, value: edit.value, messageId: 'om_settings_card', chatId: P2P })).json.card.data;
    const values = Object.fromEntries([...formFieldsOf(form).values()].map((f) => [f.name, f.initial ?? '']));
    const submit = buttonsOf(form).find((b) => b.value.formId?.startsWith('settings.save|') && !b.value.cancel)!;
    const res = await e.callback({ operator: PEOPLE.manager.openId, value: { formId: submit.value.formId! }, formValue: { ...values, weights_payment: '5' }, name: 'form_submit', messageId: 'om_settings_card', chatId: P2P });
    expect(res.json.toast.type).toBe('error');
    const shown = res.json.card.data;
    expect(formFieldsOf(shown).get('weights_payment')?.initial).toBe('5');
    expect(errorUnder(shown, 'weights_payment')).toBe("<font color='red'>无效：Too big: expected number to be &lt;=2</font>");
    expect(cardText(shown).match(/expected number/g)).toHaveLength(1);
    expect(settingsHistory(e.bot.app.ctx, e.seeded.teamId)).toHaveLength(2);
    expect(e.bot.app.ctx.settings.scoring.weights.payment).toBe(1);

    // Cancel brings the settings card back in place of the form.
    const cancel = buttonsOf(shown).find((b) => b.value.cancel === '1')!;
    const back = await e.callback({ operator: PEOPLE.manager.openId, value: cancel.value, messageId: 'om_settings_card', chatId: P2P });
    expect(titleOf(back.json.card.data)).toBe('设置');
  });

  it('6. Undo on the confirmation restores both keys, logged as undos, and the card says so', async () => {
    const undo = findButton(confirm, 'settings.undo')!;
    const res = await e.callback({ operator: PEOPLE.manager.openId, value: undo.value, messageId: 'om_settings_card', chatId: P2P });
    expect(res.json.toast).toEqual({ type: 'success', content: '已撤销' });
    const card = res.json.card.data;
    expect(titleOf(card)).toBe('设置已撤销');
    expect(cardText(card)).toContain('**scoring.grades.A**: 97 → 94');
    const log = settingsHistory(e.bot.app.ctx, e.seeded.teamId);
    expect(log.slice(2).map((c) => [c.key, c.newValue, c.undoOf, c.actor])).toEqual([
      ['scoring.grades.A', null, log[0]!.id, PEOPLE.manager.email],
      ['scoring.hardTriggers.overdueDaysA', null, log[1]!.id, PEOPLE.manager.email],
    ]);
    expect(gradeOfHuaxing()).toBe('A');
  });
});
