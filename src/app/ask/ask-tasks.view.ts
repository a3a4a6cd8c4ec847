// The card for a task question ("我的任务", "逾期任务", "张敏负责的任务"): a table of follow-up tasks with
// their customer, problem, state, assignee and due date, overdue ones marked, and Details buttons.
import type { Locale } from '../../core/i18n.js';
import type { Answer } from '../../core/ask/answer.types.js';
import type { Block, CardSpec } from '../../ui/card.js';
import { tasksTitle } from './ask-scope.view.js';
import { button, L, ROLE_LABEL, STATE_LABEL, tagLabel, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';
import { say } from '../../core/i18n.js';
import { askText } from './ask.messages.js';
import { commonText } from '../shared/common.messages.js';

const MAX_DETAIL_BUTTONS = 5;

export function tasksCard(a: Extract<Answer, { kind: 'tasks' }>, locale: Locale, tags: TagLabels = BUILT_IN_TAG_LABELS): CardSpec {
  const title = tasksTitle(a, locale, tags);
  const blocks: Block[] = [];
  const context = [a.week, say(locale, askText.today(a.today)), a.scope === 'own' ? say(locale, askText.yourCustomersAndTasksOnly) : '']
    .filter(Boolean).join(' · ');
  blocks.push({ type: 'note', text: [context] });
  if (a.rows.length === 0) {
    blocks.push({ type: 'text', text: [say(locale, askText.noTasksMatch)] });
    return { title, tone: 'blue', blocks, summary: title };
  }
  blocks.push({
    type: 'table',
    columns: [
      { key: 'id', label: '#', align: 'right' },
      { key: 'customer', label: say(locale, commonText.customer) },
      { key: 'tag', label: say(locale, askText.problem) },
      { key: 'grade', label: say(locale, commonText.grade) },
      { key: 'state', label: say(locale, askText.state) },
      { key: 'assignee', label: say(locale, askText.assignee) },
      { key: 'due', label: say(locale, askText.due) },
    ],
    rows: a.rows.map((r) => ({
      id: String(r.task.id),
      customer: r.customerName,
      tag: tagLabel(r.task.tag, locale, tags),
      grade: r.task.grade,
      state: say(locale, STATE_LABEL[r.task.state]),
      assignee: r.assignee?.name ?? say(locale, ROLE_LABEL[r.task.role]),
      due: r.overdue ? say(locale, askText.overdue2(r.task.dueDate)) : r.task.dueDate,
    })),
  });
  if (a.total > a.rows.length) {
    blocks.push({ type: 'note', text: [say(locale, askText.moreTasksNotShown(a.total - a.rows.length))] });
  }
  const seen = new Set<number>();
  const buttons = a.rows.filter((r) => !seen.has(r.task.customerId) && seen.add(r.task.customerId)).slice(0, MAX_DETAIL_BUTTONS)
    .map((r) => button(`${say(locale, L.details)}: ${r.customerName}`.slice(0, 60), 'customer.details', { customerId: r.task.customerId }));
  blocks.push({ type: 'actions', buttons });
  const overdue = a.rows.filter((r) => r.overdue).length;
  const tone = overdue > 0 ? 'orange' : 'blue';
  return { title, tone, blocks, summary: `${title}${overdue > 0 ? say(locale, askText.overdue3(overdue)) : ''}` };
}
