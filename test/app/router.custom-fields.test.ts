// A team's custom report fields in the weekly form, through the router (issue 11 §4): the form shows them
// in the template's order with hidden built-ins left out, pre-fills them by the carry-over rule, validates
// them inline by field id, stores them in entries.custom, and "No change" carries them.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/ui/action.js';
import { parseRadarSettings } from '../../src/config/radar-config.js';
import type { FormSpec } from '../../src/ui/form.js';
import { createHarness, type Harness } from './support/app-harness.js';
import { PAY_METHOD } from '../fixtures/custom-fields.js';
import { kindOf, opened, opened as openedForm, rejected } from '../support/answer.js';

const WEEK = '2026-W48';
const LAST = '2026-W47';

export const CUSTOM_SETTINGS = parseRadarSettings({
  template: {
    fields: { notes: { hidden: true }, paymentTermDays: { hidden: true } },
    custom: [
      { ...PAY_METHOD, required: true },
      { id: 'contractEnd', kind: 'date', label: { zh: '合同到期日', en: 'Contract end' }, help: { zh: '当前合同的到期日', en: 'When the current contract ends' } },
      { id: 'visits', kind: 'integer', label: { zh: '上门拜访', en: 'Site visits' } },
      { id: 'budget', kind: 'money', label: { zh: '客户预算', en: 'Budget' }, carry: true },
    ],
    order: ['payMethod', 'contacts', 'contractEnd'],
  },
});

let h: Harness;
beforeEach(() => {
  h = createHarness();
  h.app.ctx.settings = CUSTOM_SETTINGS;
});

const open = async (customerId: number): Promise<FormSpec> => {
  const r = await h.send({ type: 'action', actor: h.actor(h.members.rep1), action: { kind: 'report.open', args: { week: WEEK, customerId: String(customerId) } }, message: null });
  expect(kindOf(r)).toBe('openForm');
  return opened(r);
};
const save = (customerId: number, values: Record<string, string | string[]>) =>
  h.send({ type: 'formSubmitted', actor: h.actor(h.members.rep1), formId: encodeAction({ kind: 'report.save', args: { week: WEEK, customerId: String(customerId) } }), values, message: null });
const entryOf = (week: string, customerId: number) => h.app.ctx.repos.reports.entriesForWeek(h.teamId, week).find((e) => e.customerId === customerId);

describe('custom fields in the weekly form', () => {
  it('shows them in the template order, hidden built-ins left out, with kinds, options and help', async () => {
    const form = await open(h.customers.huaxing);
    const ids = form.fields.map((f) => f.id);
    expect(ids.slice(0, 3)).toEqual(['payMethod', 'contacts', 'contractEnd']);
    expect(ids).not.toContain('notes');
    expect(ids).not.toContain('paymentTermDays');
    expect(ids.slice(-2)).toEqual(['visits', 'budget']);
    expect(form.fields.find((f) => f.id === 'payMethod')).toEqual({
      id: 'payMethod', label: 'Payment method', kind: 'select', required: true,
      options: [{ value: 'transfer', label: 'Bank transfer' }, { value: 'cash', label: 'Cash' }],
    });
    expect(form.fields.find((f) => f.id === 'contractEnd')).toMatchObject({ kind: 'date', required: false, hint: 'When the current contract ends', placeholder: 'YYYY-MM-DD' });
    expect(form.fields.find((f) => f.id === 'visits')).toMatchObject({ kind: 'integer' });
    expect(form.fields.find((f) => f.id === 'budget')).toMatchObject({ kind: 'decimal', min: 0 });
  });

  it('an invalid custom value gets an inline error keyed by its id, naming it; nothing is stored', async () => {
    const r = await save(h.customers.huaxing, { contacts: '1', revenue: '0', stage: 'live', contractEnd: '2026-02-30', visits: '1.5' });
    expect(kindOf(r)).toBe('fieldErrors');
    const form = rejected(r);
    expect(Object.keys(form.errors ?? {}).sort()).toEqual(['contractEnd', 'payMethod', 'visits']);
    expect(form.errors?.contractEnd).toBe('Contract end must be a date as YYYY-MM-DD');
    expect(form.errors?.payMethod).toBe('Payment method is required');
    expect(form.values.contractEnd).toBe('2026-02-30');
    expect(entryOf(WEEK, h.customers.huaxing)).toBeUndefined();
  });

  it('a valid submit stores them in entries.custom and the form shows them again; hidden fields keep their values', async () => {
    h.app.ctx.repos.reports.upsertEntry({ ...entryOf(LAST, h.customers.huaxing)!, values: { ...entryOf(LAST, h.customers.huaxing)!.values, paymentTermDays: 60 } }, '2026-11-20T00:00:00Z');
    const r = await save(h.customers.huaxing, { contacts: '1', revenue: '0', stage: 'live', payMethod: ['cash'], contractEnd: '2027-03-31 +0800', visits: '2', budget: '¥80,000' });
    expect(kindOf(r)).toBe('formDone');
    const stored = entryOf(WEEK, h.customers.huaxing)!;
    expect(stored.custom).toEqual({ payMethod: 'cash', contractEnd: '2027-03-31', visits: 2, budget: 80000 });
    // paymentTermDays is hidden from the form: last week's value is carried, not wiped.
    expect(stored.values.paymentTermDays).toBe(60);
    const again = await open(h.customers.huaxing);
    expect(again.values).toMatchObject({ payMethod: 'cash', contractEnd: '2027-03-31', visits: '2', budget: '80000' });
  });

  it("next week's form pre-fills select, date and carry:true fields from last week; integers start empty", async () => {
    const prev = entryOf(LAST, h.customers.huaxing)!;
    h.app.ctx.repos.reports.upsertEntry({ ...prev, custom: { payMethod: 'transfer', contractEnd: '2026-12-31', visits: 4, budget: 5000 } }, '2026-11-20T00:00:00Z');
    const form = await open(h.customers.huaxing);
    expect(form.values.payMethod).toBe('transfer');
    expect(form.values.contractEnd).toBe('2026-12-31');
    expect(form.values.budget).toBe('5000');
    expect(form.values.visits).toBeUndefined();
  });

  it('"No change" carries the custom values by the same rule', async () => {
    const prev = entryOf(LAST, h.customers.acme)!;
    h.app.ctx.repos.reports.upsertEntry({ ...prev, custom: { payMethod: 'cash', contractEnd: '2027-01-15', visits: 3 } }, '2026-11-20T00:00:00Z');
    const r = await h.send({ type: 'action', actor: h.actor(h.members.rep1), action: { kind: 'report.same', args: { week: WEEK, customerId: String(h.customers.acme) } }, message: null });
    expect(kindOf(r)).toBe('update');
    const carried = entryOf(WEEK, h.customers.acme)!;
    expect(carried.carried).toBe(true);
    expect(carried.custom).toEqual({ payMethod: 'cash', contractEnd: '2027-01-15' });
  });

  it('the Add customer form shows the custom fields and stores them', async () => {
    const opened = await h.send({ type: 'action', actor: h.actor(h.members.rep1), action: { kind: 'report.add', args: { week: WEEK } }, message: null });
    expect(kindOf(opened)).toBe('openForm');
    const form = openedForm(opened);
    expect(form.fields.map((f) => f.id).slice(0, 4)).toEqual(['customerName', 'payMethod', 'contacts', 'contractEnd']);
    const formId = form.formId;
    const bad = await h.send({ type: 'formSubmitted', actor: h.actor(h.members.rep1), formId, values: { customerName: '新客户', contacts: '1', revenue: '0', stage: 'lead', payMethod: 'cheque' }, message: null });
    expect(kindOf(bad)).toBe('fieldErrors');
    expect(rejected(bad).errors).toEqual({ payMethod: 'Payment method must be one of: transfer | cash' });
    const ok = await h.send({ type: 'formSubmitted', actor: h.actor(h.members.rep1), formId, values: { customerName: '新客户', contacts: '1', revenue: '0', stage: 'lead', payMethod: 'transfer' }, message: null });
    expect(kindOf(ok)).toBe('formDone');
    const customer = h.app.ctx.repos.customers.customerByName(h.teamId, '新客户')!;
    expect(entryOf(WEEK, customer.id)?.custom).toEqual({ payMethod: 'transfer' });
  });
});
