// The pure validator for custom field values (issue 11 §4): forms send strings, imports send JSON types.
import { describe, expect, it } from 'vitest';
import { parseRadarSettings } from '../../../src/config/radar-config.js';
import { parseCustomValues } from '../../../src/core/weekly-report/entry.schema.js';

const template = parseRadarSettings({
  template: {
    custom: [
      { id: 'seats', kind: 'integer', label: { zh: '席位数', en: 'Seats' } },
      { id: 'ratio', kind: 'number', label: { zh: '比例', en: 'Ratio' } },
      { id: 'budget', kind: 'money', label: { zh: '预算', en: 'Budget' } },
      { id: 'renewOn', kind: 'date', label: { zh: '续约日', en: 'Renewal' } },
      { id: 'contractNo', kind: 'text', label: { zh: '合同号', en: 'Contract no.' }, maxLength: 5 },
      { id: 'area', kind: 'select', label: { zh: '区域', en: 'Region' }, required: true, options: [{ value: 'north', label: { zh: '华北', en: 'North' } }] },
    ],
  },
}).template;

describe('parseCustomValues', () => {
  it('reads values as people type them and as Feishu sends them', () => {
    const r = parseCustomValues(template, {
      seats: '1,200', ratio: '-0.5', budget: '¥50,000.456', renewOn: '2024-04-01 +0800', contractNo: ' A-12 ', area: ['north'], other: 'ignored',
    });
    expect(r).toEqual({ ok: true, value: { seats: 1200, ratio: -0.5, budget: 50000.46, renewOn: '2024-04-01', contractNo: 'A-12', area: 'north' } });
  });

  it('turns blanks into null and requires required fields, naming the label', () => {
    const r = parseCustomValues(template, { seats: '' });
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.issues).toEqual([{ field: 'area', message: { zh: '请填写区域', en: 'Region is required' } }]);
    expect(r.ok ? null : r.partial.seats).toBeNull();
  });

  it('explains each bad value with the field label', () => {
    const r = parseCustomValues(template, { seats: '1.5', ratio: 'abc', budget: '-3', renewOn: '2024-02-30', contractNo: 'TOOLONG', area: 'west' });
    const messages = r.ok ? [] : r.issues.map((i) => [i.field, i.message.en]);
    expect(messages).toEqual([
      ['seats', 'Seats must be a whole number'],
      ['ratio', 'Ratio must be a number'],
      ['budget', 'Budget must be an amount of 0 or more'],
      ['renewOn', 'Renewal must be a date as YYYY-MM-DD'],
      ['contractNo', 'Contract no. must be at most 5 characters'],
      ['area', 'Region must be one of: north'],
    ]);
  });

  it('returns an empty object when the team has no custom fields', () => {
    expect(parseCustomValues(parseRadarSettings({}).template, { seats: '3' })).toEqual({ ok: true, value: {} });
  });
});
