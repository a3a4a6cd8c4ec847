import { describe, expect, it } from 'vitest';
import { CUSTOMER_NAME_FIELD, entryForm, entryFormWithErrors, newCustomerForm, newCustomerFormWithErrors } from '../../../src/app/weekly-report/entry-form.view.js';
import { DEFAULT_TEMPLATE, EMPTY_ENTRY, FIELD_IDS } from '../../../src/core/weekly-report/template.js';
import type { EntryValues } from '../../../src/core/weekly-report/template.js';
import { parseEntry } from '../../../src/core/weekly-report/entry.schema.js';
import { decodeAction } from '../../../src/ui/action.js';
import { json } from './helpers.js';
import { expectNotOk } from '../../support/expect-kind.js';

const last: EntryValues = {
  ...EMPTY_ENTRY, contacts: 3, lastContact: '2026-11-18', revenue: 12000, receivable: 50000, overdueDays: 45, complaints: 1,
  complaintType: 'billing', usage: 'high', stage: 'live', expectedClose: '2026-12-31', health: 'green', notes: 'renewal talk',
};
const model = { week: '2026-W48', customer: { id: 101, name: '华星科技' }, lastEntry: last, lastEntryWeek: '2026-W47', thisWeek: null };

describe('entryForm', () => {
  it('field ids are the template ids, kinds mapped, required flags kept', () => {
    const form = entryForm(model, 'en');
    expect(form.fields.map((f) => f.id)).toEqual([...FIELD_IDS]);
    const kind = Object.fromEntries(form.fields.map((f) => [f.id, f.kind]));
    expect(kind).toMatchObject({ contacts: 'integer', revenue: 'decimal', receivable: 'decimal', lastContact: 'date', stage: 'select', notes: 'textarea', overdueDays: 'integer' });
    for (const f of DEFAULT_TEMPLATE.fields) expect(form.fields.find((x) => x.id === f.id)?.required).toBe(f.required);
    expect(form.fields.find((f) => f.id === 'overdueDays')).toMatchObject({ label: 'Days overdue (days)', min: 0, hint: expect.stringContaining('oldest unpaid') });
    expect(entryForm(model, 'zh').fields.find((f) => f.id === 'overdueDays')?.label).toBe('逾期天数（天）');
    expect(entryForm(model, 'zh').fields.find((f) => f.id === 'stage')?.options?.[4]).toEqual({ value: 'won', label: '已签约' });
  });

  it('formId decodes to report.save {week, customerId}', () => {
    expect(decodeAction(entryForm(model, 'zh').formId)).toEqual({ kind: 'report.save', args: { week: '2026-W48', customerId: '101' } });
  });

  it("pre-fills carry-over values with the debt aged since the last entry; this week's numbers start at 0", () => {
    const v = entryForm(model, 'en').values;
    const zeros = { contacts: '0', revenue: '0', complaints: '0', requirementChanges: '0', faults: '0' };
    // 45 days a week ago, still owed: 52 now (what the scorer estimates), not last week's 45.
    expect(v).toEqual({ ...zeros, lastContact: '2026-11-18', receivable: '50000', overdueDays: '52', usage: 'high', stage: 'live', expectedClose: '2026-12-31', health: 'green' });
    expect(entryForm({ ...model, lastEntryWeek: '2026-W45' }, 'en').values.overdueDays).toBe('66');
    // Nothing owed: the days do not age.
    expect(entryForm({ ...model, lastEntry: { ...last, receivable: 0 } }, 'en').values.overdueDays).toBe('45');
    expect(entryForm({ ...model, lastEntry: null }, 'en').values).toEqual(zeros);
  });

  it("shows this week's entry when it exists", () => {
    const thisWeek = { ...last, contacts: 5, revenue: 800, notes: null };
    const v = entryForm({ ...model, thisWeek }, 'en').values;
    expect(v).toMatchObject({ contacts: '5', revenue: '800', complaints: '1', complaintType: 'billing' });
    expect(v.notes).toBeUndefined();
  });

  it('errors variant keeps the raw strings typed and maps messages by field id', () => {
    const submitted = { contacts: 'three', revenue: '5,000', overdueDays: '-2', stage: ['live'], notes: '' };
    const parsed = expectNotOk(parseEntry(DEFAULT_TEMPLATE, submitted));
    const form = entryFormWithErrors(model, submitted, parsed.issues, 'zh');
    expect(form.values).toEqual({ contacts: 'three', revenue: '5,000', overdueDays: '-2', stage: 'live' });
    expect(Object.keys(form.errors ?? {}).sort()).toEqual(['contacts', 'overdueDays']);
    expect(form.errors?.contacts).toMatch(/有效沟通次数/);
    expect(form.formId).toBe(entryForm(model, 'zh').formId);
  });

  it('new-customer form: customerName first, then the template fields; report.new {week}', () => {
    const form = newCustomerForm({ week: '2026-W48' }, 'en');
    expect(form.fields.map((f) => f.id)).toEqual([CUSTOMER_NAME_FIELD, ...FIELD_IDS]);
    expect(form.fields[0]).toMatchObject({ id: 'customerName', required: true, kind: 'text' });
    expect(decodeAction(form.formId)).toEqual({ kind: 'report.new', args: { week: '2026-W48' } });
    const err = newCustomerFormWithErrors({ week: '2026-W48' }, { customerName: '' , contacts: '2' }, { customerName: { zh: '请填写客户名称', en: 'Customer name is required' } }, 'en');
    expect(err.errors).toEqual({ customerName: 'Customer name is required' });
    expect(err.values).toEqual({ contacts: '2' });
  });

  it('golden', async () => {
    await expect(json(entryForm(model, 'zh'))).toMatchFileSnapshot('./__golden__/entry-form.zh.json');
    await expect(json(entryForm(model, 'en'))).toMatchFileSnapshot('./__golden__/entry-form.en.json');
  });
});
