// Custom report fields on Feishu, full stack (issue 11 §4): the composed bot over the real node-sdk in
// HTTP mode, with a team config that adds a select and a date field, against the loopback fake Open API.
// The form card has a select_static and a date_picker named by the field ids; an impossible date comes
// back as red text under that picker naming the field; a valid submit stores entries.custom.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycleStep } from '../../src/runtime/run-step.js';
import { parseRadarSettings } from '../../src/config/radar-config.js';
import { startFeishuE2E, WEEK, type FeishuE2E } from './support/feishu-harness.js';
import { PEOPLE } from './support/feishu-seed.js';
import { buttonsOf, errorUnder, findButton, formFieldsOf } from './support/feishu-cards.js';
import { PAY_METHOD, CONTRACT_END, BUDGET } from '../fixtures/custom-fields.js';

const SETTINGS = parseRadarSettings({
  template: {
    fields: { collected: { hidden: true } },
    custom: [
      { ...PAY_METHOD, required: true },
      CONTRACT_END,
      BUDGET,
    ],
    order: ['contractEnd', 'payMethod'],
  },
});

let e: FeishuE2E;
let formCard: any;
let promptMessage: { message_id: string; chat_id: string };

beforeAll(async () => {
  e = await startFeishuE2E({ settings: SETTINGS });
});
afterAll(async () => {
  await e?.stop();
});

const submit = (formValue: Record<string, unknown>) => {
  const button = buttonsOf(formCard).find((b) => b.value.formId?.startsWith('report.save|') && !b.value.cancel)!;
  return e.callback({
    operator: PEOPLE.rep1.openId, value: { formId: button.value.formId! }, formValue, name: 'form_submit',
    messageId: promptMessage.message_id, chatId: promptMessage.chat_id,
  });
};
const base = { contacts: '1', revenue: '0', stage: 'live', receivable: '50000', overdueDays: '99' };

describe('custom report fields on Feishu, full stack', () => {
  it('the form card names the custom select and date picker by field id, in the configured order; hidden collected left out', async () => {
    await runCycleStep(e.bot.app, e.seeded.teamId, WEEK, 'prompt');
    await e.bot.worker.drainOnce();
    const prompt = e.fake.messages.find((m) => m.receive_id === PEOPLE.rep1.openId)!;
    promptMessage = { message_id: prompt.message_id, chat_id: prompt.chat_id };
    const open = findButton(prompt.card, 'report.open', { customerId: e.seeded.customerIds.huaxing })!;
    const res = await e.callback({ operator: PEOPLE.rep1.openId, value: open.value, messageId: prompt.message_id, chatId: prompt.chat_id });
    expect(res.status).toBe(200);
    formCard = res.json.card.data;
    const fields = formFieldsOf(formCard);
    const names = [...fields.keys()];
    expect(names.slice(0, 2)).toEqual(['contractEnd', 'payMethod']);
    expect(names.at(-1)).toBe('budget');
    expect(names).not.toContain('collected');
    expect(fields.get('contractEnd')?.tag).toBe('date_picker');
    expect(fields.get('payMethod')?.tag).toBe('select_static');
    expect(fields.get('budget')?.tag).toBe('input');
    const form = formCard.body.elements.find((x: any) => x.tag === 'form');
    const select = form.elements.find((x: any) => x.name === 'payMethod');
    expect(select.required).toBe(true);
    expect(select.options.map((o: any) => [o.value, o.text.content])).toEqual([['transfer', '转账'], ['cash', '现金']]);
  });

  it('an impossible date re-renders the form with red text under that picker naming the field; nothing is stored', async () => {
    const res = await submit({ ...base, payMethod: 'transfer', contractEnd: '2026-02-30 +0800', budget: '1,000' });
    expect(res.status).toBe(200);
    expect(res.json.toast.type).toBe('error');
    const card = res.json.card.data;
    expect(errorUnder(card, 'contractEnd')).toBe("<font color='red'>合同到期日须为日期，格式 YYYY-MM-DD</font>");
    // The only error text in the form is that one.
    const form = card.body.elements.find((x: any) => x.tag === 'form');
    const errors = form.elements.filter((x: any) => x.tag === 'markdown' && String(x.content).startsWith("<font color='red'>"));
    expect(errors).toHaveLength(1);
    expect(formFieldsOf(card).get('payMethod')?.initial).toBe('transfer');
    expect(formFieldsOf(card).get('budget')?.initial).toBe('1,000');
    expect(e.bot.app.ctx.repos.reports.entriesForWeek(e.seeded.teamId, WEEK)).toEqual([]);
  });

  it('a valid submit stores entries.custom (date picker value without its offset, money as a number)', async () => {
    const res = await submit({ ...base, payMethod: 'cash', contractEnd: '2027-06-30 +0800', budget: '¥120,000' });
    expect(res.status).toBe(200);
    expect(res.json.toast.type).toBe('success');
    const entries = e.bot.app.ctx.repos.reports.entriesForWeek(e.seeded.teamId, WEEK);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.custom).toEqual({ payMethod: 'cash', contractEnd: '2027-06-30', budget: 120000 });
  });
});
