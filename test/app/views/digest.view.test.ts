import { describe, expect, it } from 'vitest';
import { digestCard } from '../../../src/app/digest/digest.view.js';
import type { Block } from '../../../src/ui/card.js';
import { digestOf } from '../../core/digest/digest-fixture.js';
import { score, task } from '../../core/follow-up/fixtures.js';
import { actionsOf, cardText, json } from './helpers.js';

const model = digestOf();

describe('digestCard', () => {
  it('header title with week and counts; tone red when any A', () => {
    expect(digestCard(model, 'zh').title).toBe('问题客户周报 2026-W48 — 3 个（A 2 / B 1）');
    expect(digestCard(model, 'en').title).toBe('Red flags 2026-W48 — 3 customers (A 2 / B 1)');
    expect(digestCard(model, 'en').tone).toBe('red');
    const onlyB = digestOf({ scores: [score(103, 61, 'B', ['complaints'])] });
    expect(digestCard(onlyB, 'en').tone).toBe('orange');
    const none = digestOf({ scores: [score(103, 10, null, [])] });
    expect(digestCard(none, 'en').tone).toBe('green');
    expect(cardText(digestCard(none, 'en'))).toContain('No red flags this week');
  });

  it('one block per red flag with badge, index, delta, reasons, rep and assignee mentions', () => {
    const card = digestCard(model, 'en');
    const first = card.blocks.find((b) => b.type === 'text' && JSON.stringify(b).includes('华星科技')) as Extract<Block, { type: 'text' }>;
    expect(first.text[0]).toEqual({ colored: '🔴 A', tone: 'red' });
    const s = JSON.stringify(first.text);
    expect(s).toContain('Index 88 ▲9');
    expect(s).toContain('3 weeks in red');
    expect(s).toContain('45 days overdue on ¥50,000');
    expect(first.text).toContainEqual({ mention: { name: 'Zhao Lei', ids: { slack: 'U5', feishu: 'ou_5' } } });
    expect(first.text).toContainEqual({ mention: { name: 'Li Wei', ids: { slack: 'U1', feishu: 'ou_1' } } });
    const third = JSON.stringify(card.blocks.find((b) => b.type === 'text' && JSON.stringify(b).includes('蓝海物流')));
    expect(third).toContain('🟠 B');
    expect(third).toContain('Customer service (unclaimed)');
    expect(cardText(digestCard(model, 'zh'))).toContain('客服（待认领）');
  });

  it('buttons decode to the right kinds and args (primary task per customer)', () => {
    const actions = actionsOf(digestCard(model, 'en'));
    const forCustomer = actions.slice(0, 4);
    expect(forCustomer).toEqual([
      { kind: 'task.claim', args: { taskId: '12', week: '2026-W48' } },
      { kind: 'task.resolve', args: { taskId: '12', week: '2026-W48' } },
      { kind: 'task.snooze', args: { taskId: '12', week: '2026-W48' } },
      { kind: 'customer.details', args: { customerId: '101', week: '2026-W48' } },
    ]);
    // Acme's only task is snoozed: no snooze button, claim allowed.
    expect(actions.slice(4, 7).map((a) => a.kind)).toEqual(['task.claim', 'task.resolve', 'customer.details']);
    expect(actions).toContainEqual({ kind: 'rep.remind', args: { memberId: '2', week: '2026-W48' } });
    expect(actions.slice(-2)).toEqual([{ kind: 'digest.refresh', args: { week: '2026-W48' } }, { kind: 'dashboard.open', args: {} }]);
  });

  it('missing reports, unreachable, carried and resolved tasks, per-rep table, chart', () => {
    const card = digestCard(model, 'en');
    const text = cardText(card);
    expect(text).toContain('Missing reports (1)');
    expect(text).toContain('Unreachable (no chat account linked): Wu Hao');
    expect(text).toContain('Away: Liu Yang');
    expect(text).toContain('Open tasks from earlier weeks (3)');
    expect(text).toMatch(/⏰ 北辰制造 · Deal cycle slipping · Manager \(unclaimed\) · due 2026-11-12 overdue/);
    expect(text).toContain('Resolved this week (2)');
    expect(text).toContain('✅ 北辰制造 · Declining revenue · @Wang Fang · Done (customer recovered)');
    const table = card.blocks.find((b) => b.type === 'table');
    expect(table && table.type === 'table' && table.rows).toEqual([
      { rep: 'Li Wei', report: '✅ in', entries: '2/2', revenue: '¥12,000.50', flags: '2' },
      { rep: 'Liu Yang', report: 'away', entries: '0/1', revenue: '¥0', flags: '0' },
      { rep: 'Zhang Min', report: '❌ missing', entries: '1/2', revenue: '¥8,000', flags: '1' },
    ]);
    const chart = card.blocks.find((b) => b.type === 'chart');
    expect(chart && chart.type === 'chart' && chart.series.map((s) => s.points.length)).toEqual([8, 8]);
  });

  it('zh and en differ and each stays in its language', () => {
    const zh = cardText(digestCard(model, 'zh'));
    const en = cardText(digestCard(model, 'en'));
    expect(zh).toContain('问题客户');
    expect(zh).not.toContain('Missing reports');
    expect(en).not.toMatch(/未交周报|往期未完成/);
  });

  it('80 red flags produce one spec with every customer and action', () => {
    const scores = Array.from({ length: 80 }, (_, i) => score(1000 + i, 99 - (i % 50), i % 3 === 0 ? 'A' : 'B', ['overdue', 'silent']));
    const customers = scores.map((s, i) => ({ id: s.customerId, teamId: 1, name: `客户${i}`, aliases: [], ownerRepId: 1, industry: null, region: null, tier: 'normal' as const, since: null }));
    const tasks = scores.map((s, i) => task(5000 + i, s.customerId, 'overdue'));
    const big = digestOf({ scores, customers, tasks });
    const card = digestCard(big, 'zh');
    expect(big.flags).toHaveLength(80);
    expect(card.title).toContain('80 个');
    expect(actionsOf(card).filter((a) => a.kind === 'customer.details')).toHaveLength(80);
    expect(actionsOf(card).filter((a) => a.kind === 'task.claim')).toHaveLength(80);
    const indexes = big.flags.map((f) => f.index);
    expect(indexes).toEqual([...indexes].sort((a, b) => b - a));
  });

  it('golden', async () => {
    await expect(json(digestCard(model, 'zh'))).toMatchFileSnapshot('./__golden__/digest.zh.json');
    await expect(json(digestCard(model, 'en'))).toMatchFileSnapshot('./__golden__/digest.en.json');
    await expect(json(model)).toMatchFileSnapshot('./__golden__/digest-model.json');
  });
});
