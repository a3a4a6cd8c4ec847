// The card for a task question ("我的任务", "逾期任务", "张敏负责的任务"): a table of follow-up tasks with
// their customer, problem, state, assignee and due date, overdue ones marked, and Details buttons.
import type { Locale } from '../../core/i18n.js';
import type { Answer } from '../../core/ask/answer.types.js';
import type { Block, CardSpec } from '../../ui/card.js';
import { tasksTitle } from './ask-scope.view.js';
import { button, L, ROLE_LABEL, STATE_LABEL, t, tagLabel, tr, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';

const MAX_DETAIL_BUTTONS = 5;

export function tasksCard(a: Extract<Answer, { kind: 'tasks' }>, locale: Locale, tags: TagLabels = BUILT_IN_TAG_LABELS): CardSpec {
  const title = tasksTitle(a, locale, tags);
  const blocks: Block[] = [];
  const context = [a.week, tr(locale, `今天 ${a.today}`, `today ${a.today}`), a.scope === 'own' ? tr(locale, '仅你的客户和分给你的任务', 'your customers and tasks only') : '']
    .filter(Boolean).join(' · ');
  blocks.push({ type: 'note', text: [context] });
  if (a.rows.length === 0) {
    blocks.push({ type: 'text', text: [tr(locale, '没有符合条件的任务。', 'No tasks match.')] });
    return { title, tone: 'blue', blocks, summary: title };
  }
  blocks.push({
    type: 'table',
    columns: [
      { key: 'id', label: '#', align: 'right' },
      { key: 'customer', label: tr(locale, '客户', 'Customer') },
      { key: 'tag', label: tr(locale, '问题', 'Problem') },
      { key: 'grade', label: tr(locale, '等级', 'Grade') },
      { key: 'state', label: tr(locale, '状态', 'State') },
      { key: 'assignee', label: tr(locale, '负责人', 'Assignee') },
      { key: 'due', label: tr(locale, '截止', 'Due') },
    ],
    rows: a.rows.map((r) => ({
      id: String(r.task.id),
      customer: r.customerName,
      tag: tagLabel(r.task.tag, locale, tags),
      grade: r.task.grade,
      state: t(STATE_LABEL[r.task.state], locale),
      assignee: r.assignee?.name ?? t(ROLE_LABEL[r.task.role], locale),
      due: r.overdue ? tr(locale, `⚠ ${r.task.dueDate} 已逾期`, `⚠ ${r.task.dueDate} overdue`) : r.task.dueDate,
    })),
  });
  if (a.total > a.rows.length) {
    blocks.push({ type: 'note', text: [tr(locale, `另有 ${a.total - a.rows.length} 个任务未显示。`, `${a.total - a.rows.length} more not shown.`)] });
  }
  const seen = new Set<number>();
  const buttons = a.rows.filter((r) => !seen.has(r.task.customerId) && seen.add(r.task.customerId)).slice(0, MAX_DETAIL_BUTTONS)
    .map((r) => button(`${t(L.details, locale)}: ${r.customerName}`.slice(0, 60), 'customer.details', { customerId: r.task.customerId }));
  blocks.push({ type: 'actions', buttons });
  const overdue = a.rows.filter((r) => r.overdue).length;
  const tone = overdue > 0 ? 'orange' : 'blue';
  return { title, tone, blocks, summary: `${title}${overdue > 0 ? tr(locale, ` · ${overdue} 个已逾期`, ` · ${overdue} overdue`) : ''}` };
}
