// App Home: a rep sees this week's report status and their flagged customers; a manager the team summary.
import { nameList } from '../../ui/text.js';
import type { Locale } from '../../core/i18n.js';
import type { Grade, TagId } from '../../core/customer-risk/types.js';
import type { DigestModel } from '../../core/digest/digest.types.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Block, CardSpec, Inline } from '../../ui/card.js';
import type { ChartSpec } from '../../ui/chart.js';
import { openDashboardButton } from '../dashboard/dashboard-link.view.js';
import { button, indexWithDelta, gradeBadge, L, t, tagLabel, tagLabels, tr, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';

export interface RepHomeModel {
  kind: 'rep';
  week: WeekId;
  viewerName: string;
  report: { state: 'open' | 'submitted' | 'closed'; done: number; total: number };
  /** The rep's flagged customers this week, highest index first. */
  flagged: ReadonlyArray<{ customerId: number; name: string; grade: Grade; index: number; delta: number | null; tags: readonly TagId[] }>;
  /** Active tasks assigned to the viewer. */
  tasks: ReadonlyArray<{ id: number; customerName: string; tag: TagId; dueDate: string; overdue: boolean }>;
  /** Charts of the rep's own customers (see home-charts.ts), shown as pictures. */
  charts?: readonly ChartSpec[];
}

export interface ManagerHomeModel {
  kind: 'manager';
  viewerName: string;
  digest: DigestModel;
  /** Active follow-ups the viewer owns (a director: the A-grade and escalated ones), most urgent first. */
  tasks?: RepHomeModel['tasks'];
  /** The team's latest charts (heat map, red flags by rep), shown as pictures. */
  charts?: readonly ChartSpec[];
}

export type HomeModel = RepHomeModel | ManagerHomeModel;

/** How many flagged customers / tasks the home lists (the digest has the rest). */
const HOME_LIST_MAX = 10;

function repHome(m: RepHomeModel, locale: Locale, tags: TagLabels): CardSpec {
  const blocks: Block[] = [];
  const { done, total, state } = m.report;
  const status = state === 'submitted' ? tr(locale, '已提交', 'submitted') : state === 'closed' ? tr(locale, '已截止', 'closed') : tr(locale, '填写中', 'in progress');
  blocks.push({ type: 'heading', text: tr(locale, `本周周报 ${m.week}`, `This week's report ${m.week}`) });
  blocks.push({
    type: 'text', text: [tr(locale, `${done}/${total} 个客户已填 · ${status}`, `${done}/${total} customers done · ${status}`)],
    ...(state === 'closed' ? {} : { button: button(tr(locale, '添加客户', 'Add customer'), 'report.add', { week: m.week }) }),
  });
  if (state === 'open' && total > 0 && done === total) {
    blocks.push({ type: 'actions', buttons: [button(t(L.submitReport, locale), 'report.submit', { week: m.week }, 'primary')] });
  }

  blocks.push({ type: 'heading', text: tr(locale, `我的问题客户（${m.flagged.length}）`, `My red-flag customers (${m.flagged.length})`) });
  if (m.flagged.length === 0) blocks.push({ type: 'text', text: [tr(locale, '本周没有问题客户 👍', 'No red flags this week 👍')] });
  for (const f of m.flagged.slice(0, HOME_LIST_MAX)) {
    blocks.push({
      type: 'text',
      text: [gradeBadge(f.grade), ' ', { bold: f.name }, ` · ${indexWithDelta(f.index, f.delta, locale)} · ${tagLabels(f.tags, locale, tags)}`],
      button: button(t(L.details, locale), 'customer.details', { customerId: f.customerId }),
    });
  }
  if (m.flagged.length > HOME_LIST_MAX) {
    blocks.push({ type: 'note', text: [tr(locale, `还有 ${m.flagged.length - HOME_LIST_MAX} 个未列出`, `${m.flagged.length - HOME_LIST_MAX} more not shown`)] });
  }

  if (m.tasks.length > 0) {
    blocks.push({ type: 'heading', text: tr(locale, `我的跟进任务（${m.tasks.length}）`, `My follow-ups (${m.tasks.length})`) });
    for (const task of m.tasks.slice(0, HOME_LIST_MAX)) {
      const line: Inline[] = [{ bold: task.customerName }, ` · ${tagLabel(task.tag, locale, tags)} · `, tr(locale, `截止 ${task.dueDate}`, `due ${task.dueDate}`)];
      if (task.overdue) line.push(' ', { colored: tr(locale, '已逾期', 'overdue'), tone: 'red' });
      blocks.push({ type: 'text', text: line, button: button(t(L.resolve, locale), 'task.resolve', { taskId: task.id }) });
    }
  }

  for (const chart of m.charts ?? []) blocks.push({ type: 'image', chart });
  blocks.push({ type: 'actions', buttons: [openDashboardButton(locale)] });
  const title = tr(locale, `周报雷达 · ${m.viewerName}`, `Sales radar · ${m.viewerName}`);
  return { title, tone: m.flagged.some((f) => f.grade === 'A') ? 'red' : 'blue', blocks, summary: `${title}: ${done}/${total}` };
}

function managerHome(m: ManagerHomeModel, locale: Locale, tags: TagLabels): CardSpec {
  const d = m.digest;
  const c = d.counts;
  const blocks: Block[] = [];
  blocks.push({ type: 'heading', text: tr(locale, `团队概况 ${d.week}`, `Team summary ${d.week}`) });
  blocks.push({
    type: 'fields', fields: [
      { label: tr(locale, '周报提交', 'Reports in'), value: [`${c.submitted}/${c.reps}`] },
      { label: tr(locale, '问题客户', 'Red flags'), value: [{ colored: `A ${c.gradeA}`, tone: 'red' }, ' / ', { colored: `B ${c.gradeB}`, tone: 'orange' }] },
      { label: tr(locale, '进行中任务', 'Open tasks'), value: [`${c.openTasks}`] },
      { label: tr(locale, '逾期任务', 'Overdue tasks'), value: c.overdueTasks > 0 ? [{ colored: String(c.overdueTasks), tone: 'red' }] : ['0'] },
    ],
  });
  if (d.missingReports.length > 0) {
    blocks.push({ type: 'note', text: [tr(locale, '未交周报：', 'Missing reports: '), nameList(d.missingReports.map((p) => p.name))] });
  }
  if (d.flags.length > 0) {
    blocks.push({ type: 'heading', text: tr(locale, '指数最高', 'Highest risk') });
    for (const f of d.flags.slice(0, HOME_LIST_MAX)) {
      blocks.push({
        type: 'text',
        text: [gradeBadge(f.grade), ' ', { bold: f.customerName }, ` · ${indexWithDelta(f.index, f.delta, locale)} · ${tagLabels(f.tags, locale, tags)}`],
        button: button(t(L.details, locale), 'customer.details', { customerId: f.customerId }),
      });
    }
  }
  if (m.tasks && m.tasks.length > 0) {
    blocks.push({ type: 'heading', text: tr(locale, `我负责的跟进（${m.tasks.length}）`, `Follow-ups I own (${m.tasks.length})`) });
    for (const task of m.tasks.slice(0, HOME_LIST_MAX)) {
      const line: Inline[] = [task.overdue ? '⏰ ' : '▫️ ', { bold: task.customerName }, ` · ${tagLabel(task.tag, locale, tags)} · ${tr(locale, '截止', 'due')} ${task.dueDate}`];
      blocks.push({ type: 'text', text: line, button: button(t(L.resolve, locale), 'task.resolve', { taskId: task.id }) });
    }
  }
  for (const chart of m.charts ?? []) blocks.push({ type: 'image', chart });
  blocks.push({ type: 'actions', buttons: [
    button(tr(locale, '刷新摘要', 'Refresh digest'), 'digest.refresh', { week: d.week }), openDashboardButton(locale),
    // Settings: only managers, directors and owners get this home (see handleHome).
    button(tr(locale, '设置', 'Settings'), 'settings.show', {}),
  ] });
  const title = tr(locale, `周报雷达 · ${m.viewerName}`, `Sales radar · ${m.viewerName}`);
  return { title, tone: c.gradeA > 0 ? 'red' : c.flagged > 0 ? 'orange' : 'green', blocks, summary: `${title}: ${c.flagged}` };
}

/** The App Home (Slack home tab; Feishu has no home: the same card can be sent on request). */
export function homeCard(model: HomeModel, locale: Locale, tags: TagLabels = BUILT_IN_TAG_LABELS): CardSpec {
  return model.kind === 'rep' ? repHome(model, locale, tags) : managerHome(model, locale, tags);
}
