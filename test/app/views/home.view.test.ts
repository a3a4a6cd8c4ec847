import { describe, expect, it } from 'vitest';
import { homeCard } from '../../../src/app/home/home.view.js';
import type { RepHomeModel } from '../../../src/app/home/home.view.js';
import { digestOf } from '../../core/digest/digest-fixture.js';
import { actionsOf, buttonsOf, cardText, json } from './helpers.js';

const rep: RepHomeModel = {
  kind: 'rep', week: '2026-W48', viewerName: 'Li Wei',
  report: { state: 'open', done: 2, total: 2 },
  flagged: [
    { customerId: 101, name: '华星科技', grade: 'A', index: 88, delta: 9, tags: ['overdue', 'silent'] },
    { customerId: 102, name: 'Acme Corp', grade: 'B', index: 64, delta: null, tags: ['low_fit'] },
  ],
  tasks: [{ id: 21, customerName: '华星科技', tag: 'overdue', dueDate: '2026-11-20', overdue: true }],
};

describe('homeCard', () => {
  it('rep view: report status, flagged customers, own tasks', () => {
    const card = homeCard(rep, 'en');
    const text = cardText(card);
    expect(text).toContain("This week's report 2026-W48");
    expect(text).toContain('2/2 customers done · in progress');
    expect(text).toContain('🔴 A 华星科技 · Index 88 ▲9 · Overdue payment, Gone quiet');
    expect(text).toContain('🟠 B Acme Corp · Index 64 · Low product fit');
    expect(text).toContain('华星科技 · Overdue payment · due 2026-11-20 overdue');
    expect(actionsOf(card).map((a) => a.kind)).toEqual(['report.add', 'report.submit', 'customer.details', 'customer.details', 'task.resolve', 'dashboard.open']);
    expect(cardText(homeCard(rep, 'zh'))).toContain('我的问题客户（2）');
  });

  it('manager view: submissions, flags by grade, open tasks, top risks', () => {
    const card = homeCard({ kind: 'manager', viewerName: 'Wang Fang', digest: digestOf() }, 'zh');
    const text = cardText(card);
    expect(text).toContain('团队概况 2026-W48');
    expect(text).toContain('周报提交\n1/3');
    expect(text).toContain('问题客户\nA 2 / B 1');
    expect(text).toContain('进行中任务\n5');
    expect(text).toContain('未交周报：Zhang Min');
    expect(actionsOf(card).filter((a) => a.kind === 'customer.details').map((a) => a.args.customerId)).toEqual(['101', '102', '103']);
    expect(card.tone).toBe('red');
    // Managers, directors and owners (the only ones with this home) open the settings from it.
    expect(buttonsOf(card).filter((b) => b.action.kind === 'settings.show').map((b) => b.label)).toEqual(['设置']);
  });

  it('golden', async () => {
    await expect(json(homeCard(rep, 'zh'))).toMatchFileSnapshot('./__golden__/home-rep.zh.json');
    await expect(json(homeCard({ kind: 'manager', viewerName: 'Wang Fang', digest: digestOf() }, 'en'))).toMatchFileSnapshot('./__golden__/home-manager.en.json');
  });
});
