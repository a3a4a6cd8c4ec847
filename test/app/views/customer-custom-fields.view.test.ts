// The customer card shows the team's custom field values with their labels (issue 11 §4).
import { describe, expect, it } from 'vitest';
import { customerCard, type CustomerCardModel } from '../../../src/app/customer/customer.view.js';
import { parseRadarSettings } from '../../../src/config/radar-config.js';
import { EMPTY_ENTRY } from '../../../src/core/weekly-report/template.js';
import { CUSTOMERS, MEMBERS } from '../../core/follow-up/fixtures.js';

const customFields = parseRadarSettings({
  template: {
    custom: [
      { id: 'seats', kind: 'integer', label: { zh: '席位数', en: 'Seats' } },
      { id: 'budget', kind: 'money', label: { zh: '预算', en: 'Budget' } },
      { id: 'salesArea', kind: 'select', label: { zh: '区域', en: 'Region' }, options: [{ value: 'north', label: { zh: '华北', en: 'North' } }] },
      { id: 'contractNo', kind: 'text', label: { zh: '合同号', en: 'Contract no.' } },
    ],
  },
}).template.custom!;

const model: CustomerCardModel = {
  customer: CUSTOMERS[0]!,
  week: '2026-W48',
  score: null,
  history: [],
  lastEntry: { week: '2026-W48', values: { ...EMPTY_ENTRY, revenue: 100 }, custom: { seats: 1200, budget: 50000, salesArea: 'north', contractNo: null } },
  openTasks: [],
  rep: MEMBERS[0]!,
  customFields,
};

const latestFields = (locale: 'zh' | 'en') => {
  const blocks = customerCard(model, locale).blocks;
  const at = blocks.findIndex((b) => b.type === 'heading' && /Latest entry|最近周报/.test(String(b.text)));
  const block = blocks[at + 1];
  return block?.type === 'fields' ? block.fields.map((f) => [f.label, f.value.join('')]) : [];
};

describe('customer card custom fields', () => {
  it('lists set custom values after the built-ins, labelled in the reader’s language; blanks are left out', () => {
    expect(latestFields('en')).toEqual([['Revenue booked', '¥100'], ['Seats', '1200'], ['Budget', '¥50,000'], ['Region', 'North']]);
    expect(latestFields('zh').slice(1)).toEqual([['席位数', '1200'], ['预算', '¥50,000'], ['区域', '华北']]);
  });
});
