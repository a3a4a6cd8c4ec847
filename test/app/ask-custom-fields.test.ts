// Ask about a customer: the answer shows the team's custom field values with their labels, choices by
// their option label, in the asker's language, like the customer card (issue 11 §4).
import { describe, expect, it } from 'vitest';
import { ask } from '../../src/app/ask/ask.service.js';
import { parseRadarSettings } from '../../src/config/radar-config.js';
import type { Block } from '../../src/ui/card.js';
import { createHarness } from './support/app-harness.js';
import { PAY_METHOD, CONTRACT_END, BUDGET } from '../fixtures/custom-fields.js';

const settings = parseRadarSettings({
  template: {
    custom: [
      PAY_METHOD,
      CONTRACT_END,
      BUDGET,
      { id: 'contractNo', kind: 'text', label: { zh: '合同号', en: 'Contract no.' } },
    ],
  },
});

/** The label → value pairs of the "latest entry" fields block. */
const latestFields = (blocks: readonly Block[]): Array<[string, string]> => {
  const at = blocks.findIndex((b) => b.type === 'heading' && /Latest entry|最近周报/.test(String(b.text)));
  const block = blocks[at + 1];
  expect(block?.type).toBe('fields');
  return block?.type === 'fields' ? block.fields.map((f) => [f.label, f.value.join('')]) : [];
};

describe('ask: a customer answer with custom fields', () => {
  it('lists the custom values by label, choices by option label, in the asker\'s language; blanks left out', () => {
    const h = createHarness();
    h.app.ctx.settings = settings;
    const { repos } = h.app.ctx;
    const last = repos.reports.entriesForWeek(h.teamId, '2026-W47').find((e) => e.customerId === h.customers.huaxing)!;
    repos.reports.upsertEntry({ ...last, custom: { payMethod: 'cash', contractEnd: '2027-03-31', budget: 50000 } }, '2026-11-20T00:00:00Z');

    const en = ask(h.app.ctx, h.teamId, h.members.owner, 'how is 华星科技 doing', 'en');
    expect(en.answer.kind).toBe('customer');
    const fieldsEn = latestFields(en.card.blocks);
    expect(fieldsEn.slice(-3)).toEqual([['Payment method', 'Cash'], ['Contract end', '2027-03-31'], ['Budget', '¥50,000']]);
    expect(fieldsEn.map(([label]) => label)).not.toContain('Contract no.');

    const zh = ask(h.app.ctx, h.teamId, h.members.owner, '华星科技怎么样', 'zh');
    expect(latestFields(zh.card.blocks).slice(-3)).toEqual([['付款方式', '现金'], ['合同到期日', '2027-03-31'], ['客户预算', '¥50,000']]);
  });
});
