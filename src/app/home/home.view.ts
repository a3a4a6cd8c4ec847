// App Home: a rep sees this week's report status and their flagged customers; a manager the team summary.
import { nameList } from '../../ui/text.js';
import type { Locale } from '../../core/i18n.js';
import type { Grade, TagId } from '../../core/customer-risk/types.js';
import type { DigestModel } from '../../core/digest/digest.types.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Block, CardSpec, Inline } from '../../ui/card.js';
import type { ChartSpec } from '../../ui/chart.js';
import { openDashboardButton } from '../dashboard/dashboard-link.view.js';
import { button, indexWithDelta, gradeBadge, L, tagLabel, tagLabels, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';
import { say } from '../../core/i18n.js';
import { homeText } from './home.messages.js';
import { commonText } from '../shared/common.messages.js';

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
  const status = state === 'submitted' ? say(locale, homeText.submitted) : state === 'closed' ? say(locale, homeText.closed) : say(locale, homeText.inProgress);
  blocks.push({ type: 'heading', text: say(locale, homeText.thisWeeksReport(m.week)) });
  blocks.push({
    type: 'text', text: [say(locale, homeText.customersDone(done, total, status))],
    ...(state === 'closed' ? {} : { button: button(say(locale, L.addCustomer), 'report.add', { week: m.week }) }),
  });
  if (state === 'open' && total > 0 && done === total) {
    blocks.push({ type: 'actions', buttons: [button(say(locale, L.submitReport), 'report.submit', { week: m.week }, 'primary')] });
  }

  blocks.push({ type: 'heading', text: say(locale, homeText.myRedFlagCustomers(m.flagged.length)) });
  if (m.flagged.length === 0) blocks.push({ type: 'text', text: [say(locale, homeText.noRedFlagsThisWeek)] });
  for (const f of m.flagged.slice(0, HOME_LIST_MAX)) {
    blocks.push({
      type: 'text',
      text: [gradeBadge(f.grade), ' ', { bold: f.name }, ` · ${indexWithDelta(f.index, f.delta, locale)} · ${tagLabels(f.tags, locale, tags)}`],
      button: button(say(locale, L.details), 'customer.details', { customerId: f.customerId }),
    });
  }
  if (m.flagged.length > HOME_LIST_MAX) {
    blocks.push({ type: 'note', text: [say(locale, homeText.moreNotShown(m.flagged.length - HOME_LIST_MAX))] });
  }

  if (m.tasks.length > 0) {
    blocks.push({ type: 'heading', text: say(locale, homeText.myFollowUps(m.tasks.length)) });
    for (const task of m.tasks.slice(0, HOME_LIST_MAX)) {
      const line: Inline[] = [{ bold: task.customerName }, ` · ${tagLabel(task.tag, locale, tags)} · `, say(locale, commonText.due(task.dueDate))];
      if (task.overdue) line.push(' ', { colored: say(locale, commonText.overdue), tone: 'red' });
      blocks.push({ type: 'text', text: line, button: button(say(locale, L.resolve), 'task.resolve', { taskId: task.id }) });
    }
  }

  for (const chart of m.charts ?? []) blocks.push({ type: 'image', chart });
  blocks.push({ type: 'actions', buttons: [openDashboardButton(locale)] });
  const title = say(locale, homeText.salesRadar(m.viewerName));
  return { title, tone: m.flagged.some((f) => f.grade === 'A') ? 'red' : 'blue', blocks, summary: `${title}: ${done}/${total}` };
}

function managerHome(m: ManagerHomeModel, locale: Locale, tags: TagLabels): CardSpec {
  const d = m.digest;
  const c = d.counts;
  const blocks: Block[] = [];
  blocks.push({ type: 'heading', text: say(locale, homeText.teamSummary(d.week)) });
  blocks.push({
    type: 'fields', fields: [
      { label: say(locale, commonText.reportsIn), value: [`${c.submitted}/${c.reps}`] },
      { label: say(locale, commonText.redFlags), value: [{ colored: `A ${c.gradeA}`, tone: 'red' }, ' / ', { colored: `B ${c.gradeB}`, tone: 'orange' }] },
      { label: say(locale, commonText.openTasks), value: [`${c.openTasks}`] },
      { label: say(locale, commonText.overdueTasks), value: c.overdueTasks > 0 ? [{ colored: String(c.overdueTasks), tone: 'red' }] : ['0'] },
    ],
  });
  if (d.missingReports.length > 0) {
    blocks.push({ type: 'note', text: [say(locale, homeText.missingReports), nameList(d.missingReports.map((p) => p.name))] });
  }
  if (d.flags.length > 0) {
    blocks.push({ type: 'heading', text: say(locale, homeText.highestRisk) });
    for (const f of d.flags.slice(0, HOME_LIST_MAX)) {
      blocks.push({
        type: 'text',
        text: [gradeBadge(f.grade), ' ', { bold: f.customerName }, ` · ${indexWithDelta(f.index, f.delta, locale)} · ${tagLabels(f.tags, locale, tags)}`],
        button: button(say(locale, L.details), 'customer.details', { customerId: f.customerId }),
      });
    }
  }
  if (m.tasks && m.tasks.length > 0) {
    blocks.push({ type: 'heading', text: say(locale, homeText.followUpsIOwn(m.tasks.length)) });
    for (const task of m.tasks.slice(0, HOME_LIST_MAX)) {
      const line: Inline[] = [task.overdue ? '⏰ ' : '▫️ ', { bold: task.customerName }, ` · ${tagLabel(task.tag, locale, tags)} · ${say(locale, homeText.due2)} ${task.dueDate}`];
      blocks.push({ type: 'text', text: line, button: button(say(locale, L.resolve), 'task.resolve', { taskId: task.id }) });
    }
  }
  for (const chart of m.charts ?? []) blocks.push({ type: 'image', chart });
  blocks.push({ type: 'actions', buttons: [
    button(say(locale, homeText.refreshDigest), 'digest.refresh', { week: d.week }), openDashboardButton(locale),
    // Settings: only managers, directors and owners get this home (see handleHome).
    button(say(locale, commonText.settings), 'settings.show', {}),
  ] });
  const title = say(locale, homeText.salesRadar(m.viewerName));
  return { title, tone: c.gradeA > 0 ? 'red' : c.flagged > 0 ? 'orange' : 'green', blocks, summary: `${title}: ${c.flagged}` };
}

/** The App Home (Slack home tab; Feishu has no home: the same card can be sent on request). */
export function homeCard(model: HomeModel, locale: Locale, tags: TagLabels = BUILT_IN_TAG_LABELS): CardSpec {
  return model.kind === 'rep' ? repHome(model, locale, tags) : managerHome(model, locale, tags);
}
