import { describe, expect, it } from 'vitest';
import { reportPromptCard } from '../../../src/app/views/report-prompt.view.js';
import type { ReportPromptCustomer, ReportPromptModel } from '../../../src/app/views/report-prompt.view.js';
import { actionsOf, cardText, json } from './helpers.js';

const customers: ReportPromptCustomer[] = [
  { customerId: 101, name: '华星科技', saved: true, lastStage: 'live', lastIndex: 88, lastGrade: 'A' },
  { customerId: 102, name: 'Acme Corp', saved: false, lastStage: 'negotiation', lastIndex: 74, lastGrade: 'B' },
  { customerId: 103, name: '蓝海物流', saved: false, lastStage: 'live', lastIndex: 12, lastGrade: null },
  { customerId: 104, name: '北辰制造', saved: false, lastStage: null, lastIndex: null, lastGrade: null },
];
const model: ReportPromptModel = { week: '2026-W48', state: 'open', customers };

describe('reportPromptCard', () => {
  it('titles with progress in zh and en', () => {
    const none = { ...model, customers: customers.map((c) => ({ ...c, saved: false })) };
    expect(reportPromptCard(none, 'zh').title).toBe('周报 2026-W48 — 0/4 个客户已填');
    expect(reportPromptCard(none, 'en').title).toBe('Weekly report 2026-W48 — 0/4 customers done');
    expect(reportPromptCard(model, 'en').summary).toBe('Weekly report 2026-W48 — 1/4 customers done');
  });

  it('one line per customer with report.open, then report.add and report.submit', () => {
    const card = reportPromptCard(model, 'en');
    const actions = actionsOf(card);
    expect(actions.map((a) => a.kind)).toEqual(['report.open', 'report.open', 'report.open', 'report.open', 'report.add', 'report.submit']);
    expect(actions[1]).toEqual({ kind: 'report.open', args: { week: '2026-W48', customerId: '102' } });
    expect(actions[4]).toEqual({ kind: 'report.add', args: { week: '2026-W48' } });
    expect(actions[5]).toEqual({ kind: 'report.submit', args: { week: '2026-W48' } });
    const text = cardText(card);
    expect(text).toContain('✅ 华星科技');
    expect(text).toContain('Acme Corp · last week: Negotiation · 🟠 B 74');
    expect(text).toContain('蓝海物流 · last week: Live');
    expect(text).toContain('北辰制造 · no entry last week');
    expect(cardText(reportPromptCard(model, 'zh'))).toContain('Acme Corp · 上周：谈判 · 🟠 B 74');
  });

  it('submitted and closed variants', () => {
    const submitted = reportPromptCard({ ...model, state: 'submitted', submittedAt: '2026-11-27T08:00:00.000Z' }, 'zh');
    expect(submitted.title).toBe('周报 2026-W48 — 1/4 个客户已填（已提交）');
    expect(submitted.tone).toBe('green');
    expect(actionsOf(submitted).map((a) => a.kind)).not.toContain('report.submit');
    expect(cardText(submitted)).toContain('已提交（2026-11-27 08:00）');
    const closed = reportPromptCard({ ...model, state: 'closed' }, 'en');
    expect(actionsOf(closed)).toEqual([]);
    expect(closed.tone).toBe('grey');
  });

  it('60 customers stay compact: one block per customer plus a few', () => {
    const many = Array.from({ length: 60 }, (_, i): ReportPromptCustomer => ({
      customerId: 1000 + i, name: `客户 ${i + 1}`, saved: i % 3 === 0, lastStage: 'live', lastIndex: 50 + (i % 40), lastGrade: i % 7 === 0 ? 'B' : null,
    }));
    const card = reportPromptCard({ week: '2026-W48', state: 'open', customers: many }, 'zh');
    expect(card.title).toBe('周报 2026-W48 — 20/60 个客户已填');
    expect(card.blocks.length).toBeLessThanOrEqual(60 + 3);
    expect(actionsOf(card).filter((a) => a.kind === 'report.open')).toHaveLength(60);
  });

  it('golden', async () => {
    await expect(json(reportPromptCard(model, 'zh'))).toMatchFileSnapshot('./__golden__/report-prompt.zh.json');
    await expect(json(reportPromptCard(model, 'en'))).toMatchFileSnapshot('./__golden__/report-prompt.en.json');
  });
});
