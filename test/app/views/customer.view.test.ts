import { describe, expect, it } from 'vitest';
import { customerCard } from '../../../src/app/customer/customer.view.js';
import type { CustomerCardModel } from '../../../src/app/customer/customer.view.js';
import { sparkline } from '../../../src/app/shared/view-text.js';
import { EMPTY_ENTRY } from '../../../src/core/weekly-report/template.js';
import { CUSTOMERS, MEMBERS, score, task } from '../../core/follow-up/fixtures.js';
import { actionsOf, cardText, json } from './helpers.js';

const weeks = ['2026-W41', '2026-W42', '2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48'];
const model: CustomerCardModel = {
  customer: CUSTOMERS[0]!,
  week: '2026-W48',
  score: score(101, 88, 'A', ['overdue', 'silent'], { delta: 9, weeksInRed: 3 }),
  history: weeks.map((week, i) => ({ week, index: [12, 15, 20, 34, 52, 70, 79, 88][i]!, grade: i >= 5 ? 'A' as const : null })),
  lastEntry: { week: '2026-W48', values: { ...EMPTY_ENTRY, contacts: 0, revenue: 0, receivable: 50000, overdueDays: 45, stage: 'live', health: 'green', notes: '客户财务换人' } },
  openTasks: [
    { task: task(12, 101, 'overdue', { state: 'open', dueDate: '2026-11-29' }), assignee: MEMBERS[4]! },
    { task: task(11, 101, 'silent', { state: 'claimed', dueDate: '2026-11-13' }), assignee: MEMBERS[2]! },
  ],
  rep: MEMBERS[0]!,
};

describe('customerCard', () => {
  it('index, grade, delta, reasons, trend chart plus text sparkline, last entry, tasks, rep', () => {
    const card = customerCard(model, 'en');
    expect(card.title).toBe('Customer: 华星科技');
    expect(card.tone).toBe('red');
    const text = cardText(card);
    expect(text).toContain('🔴 A 华星科技 · Index 88 ▲9 key account');
    expect(text).toContain('• 45 days overdue on ¥50,000');
    expect(text).toContain('Rep\n@Li Wei');
    expect(text).toContain('Weeks in red\n3');
    expect(text).toContain('Receivable\n¥50,000');
    expect(text).toContain('Days overdue\n45 days');
    expect(text).toContain('Stage\nLive');
    expect(text).toContain('Revenue booked\n¥0');
    expect(text).toContain('客户财务换人');
    const chart = card.blocks.find((b) => b.type === 'chart');
    expect(chart && chart.type === 'chart' && chart.series[0]!.points).toHaveLength(8);
    expect(text).toContain(`${sparkline([12, 15, 20, 34, 52, 70, 79, 88])}  12 → 15 → 20 → 34 → 52 → 70 → 79 → 88`);
    expect(text).toContain('Overdue payment · Open · @Zhao Lei · due 2026-11-29');
    expect(actionsOf(card)).toEqual([{ kind: 'task.claim', args: { taskId: '12' } }]);
    expect(cardText(customerCard(model, 'zh'))).toContain('逾期天数\n45 天');
  });

  it('a customer without a score or entries still renders', () => {
    const bare = customerCard({ ...model, score: null, history: [], lastEntry: null, openTasks: [], rep: null }, 'zh');
    expect(bare.tone).toBe('blue');
    expect(cardText(bare)).toContain('本周暂无评分');
    expect(bare.blocks.some((b) => b.type === 'chart')).toBe(false);
  });

  it('sparkline maps 0..100 onto eight bars', () => {
    expect(sparkline([0, 50, 100, 150, -5])).toBe('▁▄██▁');
  });

  it('golden', async () => {
    await expect(json(customerCard(model, 'zh'))).toMatchFileSnapshot('./__golden__/customer.zh.json');
    await expect(json(customerCard(model, 'en'))).toMatchFileSnapshot('./__golden__/customer.en.json');
  });
});
