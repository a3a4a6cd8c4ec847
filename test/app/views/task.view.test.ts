import { describe, expect, it } from 'vitest';
import { taskCard, taskStateLine, whatToDo } from '../../../src/app/follow-up/task.view.js';
import type { TaskCardModel } from '../../../src/app/follow-up/task.view.js';
import { resolveTaskForm, snoozeTaskForm } from '../../../src/app/follow-up/task-forms.view.js';
import { decodeAction } from '../../../src/ui/action.js';
import { MEMBERS, score, task } from '../../core/follow-up/fixtures.js';
import { actionsOf, cardText, inlineText, json } from './helpers.js';

const finance = MEMBERS[4]!;
const rep = MEMBERS[0]!;
const s = score(101, 88, 'A', ['overdue', 'silent'], { delta: 9 });
const model: TaskCardModel = {
  task: task(12, 101, 'overdue', { role: 'finance', assigneeId: 5, grade: 'A', ownerRole: 'director', dueDate: '2026-11-29' }),
  customer: { id: 101, name: '华星科技' },
  score: s,
  assignee: finance,
  rep,
  collaborators: [rep],
};

describe('taskCard', () => {
  it('customer, grade, why, what to do by role, due date, buttons', () => {
    const card = taskCard(model, 'en');
    expect(card.title).toBe('Follow-up: 华星科技 · Overdue payment');
    expect(card.tone).toBe('red');
    const text = cardText(card);
    expect(text).toContain('🔴 A 华星科技 · Index 88 ▲9');
    expect(text).toContain('Why: 45 days overdue on ¥50,000; No meaningful contact for 3 weeks');
    expect(text).toContain(`What to do: ${whatToDo('overdue', 'finance').en}`);
    expect(text).toContain('Due\n2026-11-29');
    expect(text).toContain('Routed to\nFinance');
    expect(text).toContain('Owner\nDirector');
    expect(text).toContain('Status: open · assigned to @Zhao Lei');
    expect(actionsOf(card)).toEqual([
      { kind: 'task.claim', args: { taskId: '12' } },
      { kind: 'task.resolve', args: { taskId: '12' } },
      { kind: 'task.snooze', args: { taskId: '12' } },
      { kind: 'task.progress', args: { taskId: '12' } },
      { kind: 'customer.details', args: { customerId: '101' } },
    ]);
    expect(cardText(taskCard(model, 'zh'))).toContain('要做什么：核对账龄与发票');
  });

  it('role-specific playbook with a default', () => {
    expect(whatToDo('overdue', 'rep').en).toMatch(/payment plan/);
    expect(whatToDo('complaints', 'manager')).toEqual(whatToDo('complaints', 'customer_service'));
  });

  it('state lines and buttons follow the state', () => {
    const claimed = { ...model, task: { ...model.task, state: 'claimed' as const } };
    expect(inlineText(taskStateLine(claimed.task, finance, 'zh'))).toBe('状态：已由 @Zhao Lei 认领');
    expect(inlineText(taskStateLine(claimed.task, finance, 'en'))).toBe('Status: claimed by @Zhao Lei');
    expect(actionsOf(taskCard(claimed, 'en')).map((a) => a.kind)).toEqual(['task.resolve', 'task.snooze', 'task.progress', 'customer.details']);
    const snoozed = { ...model, task: { ...model.task, state: 'snoozed' as const, snoozedUntil: '2026-12-04' } };
    expect(inlineText(taskStateLine(snoozed.task, null, 'en'))).toBe('Status: snoozed until 2026-12-04');
    expect(actionsOf(taskCard(snoozed, 'en')).map((a) => a.kind)).toEqual(['task.claim', 'task.resolve', 'customer.details']);
    const done = { ...model, task: { ...model.task, state: 'done' as const, closeNote: 'recovered' } };
    expect(inlineText(taskStateLine(done.task, null, 'zh'))).toBe('状态：已完成 — 客户已恢复');
    expect(actionsOf(taskCard(done, 'en')).map((a) => a.kind)).toEqual(['customer.details']);
    expect(taskCard(done, 'en').tone).toBe('green');
  });

  it('golden', async () => {
    await expect(json(taskCard(model, 'zh'))).toMatchFileSnapshot('./__golden__/task.zh.json');
    await expect(json(taskCard(model, 'en'))).toMatchFileSnapshot('./__golden__/task.en.json');
  });
});

describe('task forms', () => {
  const m = { taskId: 12, customerName: '华星科技', tag: 'overdue' as const };

  it('resolve form: task.resolved, note required, outcome done|dismissed', () => {
    const form = resolveTaskForm(m, 'en');
    expect(decodeAction(form.formId)).toEqual({ kind: 'task.resolved', args: { taskId: '12' } });
    expect(form.fields.map((f) => [f.id, f.kind, f.required])).toEqual([['outcome', 'select', true], ['note', 'textarea', true], ['until', 'date', false]]);
    expect(form.fields[0]!.options?.map((o) => o.value)).toEqual(['done', 'dismissed']);
    expect(form.values).toEqual({ outcome: 'done' });
    expect(form.intro).toBe('华星科技 · Overdue payment');
    const again = resolveTaskForm(m, 'zh', { values: { outcome: ['dismissed'], note: '' }, errors: { note: '请填写说明' } });
    expect(again.values).toEqual({ outcome: 'dismissed' });
    expect(again.errors).toEqual({ note: '请填写说明' });
    expect(again.title).toBe('完成跟进');
  });

  it('snooze form: task.snoozed, until date required (defaults a week out), reason optional', () => {
    const form = snoozeTaskForm({ ...m, today: '2026-11-27' }, 'en');
    expect(decodeAction(form.formId)).toEqual({ kind: 'task.snoozed', args: { taskId: '12' } });
    expect(form.fields.map((f) => [f.id, f.kind, f.required])).toEqual([['until', 'date', true], ['reason', 'textarea', false]]);
    expect(form.values).toEqual({ until: '2026-12-04' });
    expect(snoozeTaskForm({ ...m, today: '2026-11-27' }, 'zh').fields[0]!.label).toBe('暂缓至');
  });

  it('golden', async () => {
    await expect(json([resolveTaskForm(m, 'zh'), snoozeTaskForm({ ...m, today: '2026-11-27' }, 'en')])).toMatchFileSnapshot('./__golden__/task-forms.json');
  });
});

describe('task history on the card', () => {
  const at = (d: string) => `2026-${d}:00.000Z`;
  const history = [
    { event: { taskId: 12, kind: 'created' as const, actorId: null, at: at('11-13T02:00'), note: 'grade B, week 2026-W46' }, actor: null },
    { event: { taskId: 12, kind: 'snoozed' as const, actorId: 5, at: at('11-14T03:05'), note: 'until 2026-11-20: 等客户回复' }, actor: 'Zhao Lei' },
    { event: { taskId: 12, kind: 'progress' as const, actorId: 5, at: at('11-21T09:30'), note: '客户答应月底付', status: 'blocked' as const, blocker: '法务', week: '2026-W47' }, actor: 'Zhao Lei' },
    { event: { taskId: 12, kind: 'dismissed' as const, actorId: 5, at: at('11-22T08:00'), note: '客户春节停工，正常' }, actor: 'Zhao Lei' },
    { event: { taskId: 12, kind: 'reopened' as const, actorId: null, at: at('11-30T01:00'), note: '重新打开：2026-11-22 忽略后指数 62 → 75（+13）' }, actor: null },
  ];

  it('lists each event in words, says in red why a reopened task is back', () => {
    const card = taskCard({ ...model, history }, 'zh');
    const reopened = card.blocks[1];
    expect(reopened).toEqual({ type: 'text', text: [{ colored: '11-30 01:00 · 重新打开 · 2026-11-22 忽略后指数 62 → 75（+13）', tone: 'red' }] });
    const block = card.blocks.find((b) => b.type === 'text' && inlineText(b.text).startsWith('记录'));
    expect(block?.type === 'text' ? inlineText(block.text).split('\n') : []).toEqual([
      '记录',
      '11-13 02:00 · 创建',
      '11-14 03:05 · 暂缓 · Zhao Lei · 至 2026-11-20：等客户回复',
      '11-21 09:30 · 进展 · Zhao Lei · 2026-W47 受阻 — 客户答应月底付 — 阻塞：法务',
      '11-22 08:00 · 忽略 · Zhao Lei · 客户春节停工，正常',
      '11-30 01:00 · 重新打开 · 2026-11-22 忽略后指数 62 → 75（+13）',
    ]);
  });

  it('keeps the last six and counts the rest; a task closed after reopening says nothing in red', () => {
    const many = [...history, ...history].map((h, i) => ({ ...h, event: { ...h.event, at: at(`12-${String(i + 1).padStart(2, '0')}T00:00`) } }));
    const lines = taskCard({ ...model, history: [...many, { event: { taskId: 12, kind: 'done' as const, actorId: 5, at: at('12-20T00:00'), note: null }, actor: 'Zhao Lei' }] }, 'en')
      .blocks.flatMap((b) => (b.type === 'text' ? [inlineText(b.text)] : []));
    const historyText = lines.find((l) => l.startsWith('History'))!.split('\n');
    expect(historyText).toHaveLength(8);
    expect(historyText[1]).toBe('… 5 earlier');
    expect(historyText.at(-1)).toBe('12-20 00:00 · done · Zhao Lei');
    expect(lines.some((l) => l.includes('reopened ·') && !l.startsWith('History'))).toBe(false);
  });
});
