import { describe, expect, it } from 'vitest';
import { reportPromptCard } from '../../../src/app/weekly-report/report-prompt.view.js';
import type { ReportPromptCustomer, ReportPromptModel } from '../../../src/app/weekly-report/report-prompt.view.js';
import { actionsOf, cardText, json } from './helpers.js';

const customers: ReportPromptCustomer[] = [
  { customerId: 101, name: '华星科技', saved: true, lastStage: 'live', lastIndex: 88, lastGrade: 'A',
    lastReason: { zh: '逾期 48 天，应收 ¥50,000', en: '48 days overdue on ¥50,000' }, openTasks: ['overdue'] },
  { customerId: 102, name: 'Acme Corp', saved: false, lastStage: 'negotiation', lastIndex: 74, lastGrade: 'B', canCarry: true,
    lastReason: { zh: '预计签约日期已推迟 3 次，累计推迟 95 天', en: 'Expected close pushed 3 times, 95 days in all' }, openTasks: ['cycle_slip'] },
  { customerId: 103, name: '蓝海物流', saved: false, lastStage: 'live', lastIndex: 12, lastGrade: null, canCarry: true },
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

  it('one line per customer with report.open, "No change" where there is something to carry, then add, all others unchanged, submit', () => {
    const card = reportPromptCard(model, 'en');
    const actions = actionsOf(card);
    expect(actions.map((a) => a.kind)).toEqual(['report.open', 'report.open', 'report.same', 'report.open', 'report.same', 'report.open',
      'report.add', 'report.rest', 'report.submit']);
    expect(actions[1]).toEqual({ kind: 'report.open', args: { week: '2026-W48', customerId: '102' } });
    expect(actions[2]).toEqual({ kind: 'report.same', args: { week: '2026-W48', customerId: '102' } });
    expect(actions[7]).toEqual({ kind: 'report.rest', args: { week: '2026-W48' } });
    expect(actions[8]).toEqual({ kind: 'report.submit', args: { week: '2026-W48' } });
    const text = cardText(card);
    // A flag stays visible once filled: grade, reason in a few words, open follow-ups.
    expect(text).toContain('✅ 华星科技 · 🔴 A 88 · 48 days overdue on ¥50,000 · 📌 follow-up: Overdue payment');
    expect(text).toContain('Acme Corp · 🟠 B 74 · Expected close pushed 3 times, 95 d… · 📌 follow-up: Deal cycle slipping');
    expect(text).toContain('蓝海物流 · last week: Live');
    expect(text).toContain('北辰制造 · no entry last week');
    expect(cardText(reportPromptCard(model, 'zh'))).toContain('Acme Corp · 🟠 B 74 · 预计签约日期已推迟 3 次，累计推迟 95 天 · 📌 跟进中：成交周期拉长');
  });

  it('marks carried customers as unchanged and offers no "All others unchanged" when nothing is left to carry', () => {
    const all = customers.map((c) => ({ ...c, saved: true, carried: c.customerId !== 101 }));
    const card = reportPromptCard({ ...model, customers: all }, 'en');
    expect(cardText(card)).toContain('➖ 蓝海物流 · no change');
    expect(actionsOf(card).map((a) => a.kind)).not.toContain('report.rest');
  });

  it('asks once before an empty submission', () => {
    const none = customers.map((c) => ({ ...c, saved: false }));
    const card = reportPromptCard({ ...model, customers: none, confirmEmpty: true }, 'zh');
    expect(cardText(card)).toContain('还没有填写任何客户——仍然提交吗？');
    expect(actionsOf(card)).toContainEqual({ kind: 'report.submit', args: { week: '2026-W48', empty: '1' } });
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
