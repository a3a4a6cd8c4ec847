// The manager digest as one CardSpec: header, red-flag customers with actions, missing reports,
// carried and resolved tasks, per-rep table, trend chart. Adapters split what exceeds their limits.
import { nameList, oneLine } from '../../ui/text.js';
import type { Locale } from '../../core/i18n.js';
import { openDashboardButton } from '../dashboard/dashboard-link.view.js';
import { text, say } from '../../core/i18n.js';
import { formatMoney } from '../../core/i18n.js';
import type { DigestFlag, DigestModel, DigestTask } from '../../core/digest/digest.types.js';
import type { Block, Button, CardSpec, Inline } from '../../ui/card.js';
import { button, indexWithDelta, gradeBadge, joinInline, L, mention, ROLE_LABEL, STATE_LABEL, tagLabel, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';
import { digestText } from './digest.messages.js';
import { commonText } from '../shared/common.messages.js';

/** Lines per text block in list sections: compact, and well under per-block text limits. */
const LINES_PER_BLOCK = 10;

/** Stack lines into text blocks of LINES_PER_BLOCK lines each. */
export function linesToBlocks(lines: readonly Inline[][]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_BLOCK) {
    const chunk = lines.slice(i, i + LINES_PER_BLOCK);
    blocks.push({ type: 'text', text: joinInline(chunk, '\n') });
  }
  return blocks;
}

/** "财务 @王芳" or "财务（待认领）" / "Finance (unclaimed)". */
function taskPeople(task: DigestTask, locale: Locale): Inline[] {
  const out: Inline[] = [];
  if (task.assignee) out.push(mention(task.assignee));
  else out.push(say(locale, ROLE_LABEL[task.role]) + say(locale, digestText.unclaimed));
  for (const c of task.collaborators) out.push(' ', mention(c));
  return out;
}

const PROGRESS_LABEL = {
  in_progress: text('进行中', 'in progress'),
  resolved: text('已解决', 'resolved'),
  blocked: text('受阻', 'blocked'),
} as const;

/** This week's progress beside the task ("进展（W48，受阻：财务）：客户答应月底付"), or the no-progress call-out. */
export function progressNote(task: DigestTask, locale: Locale): Inline[] {
  const p = task.progress;
  const out: Inline[] = [];
  if (p) {
    const status = say(locale, PROGRESS_LABEL[p.status]) + (p.status === 'blocked' && p.blocker ? say(locale, digestText.colonDetail(p.blocker)) : '');
    out.push(say(locale, digestText.progress(p.week, status)) + (p.note ? say(locale, digestText.colonDetail(p.note)) : ''));
  }
  if (task.noProgress) out.push(' ', { colored: say(locale, digestText.noProgressFor2Reports), tone: 'orange' });
  return out;
}

function taskStateNote(task: DigestTask, locale: Locale): string {
  if (task.state === 'snoozed' && task.snoozedUntil) return say(locale, digestText.snoozedUntil(task.snoozedUntil));
  if (task.state === 'claimed') return say(locale, digestText.claimed);
  return '';
}

// Task buttons carry the digest's week, so a click redraws that week's digest, not the week being filled.
function flagBlocks(flag: DigestFlag, week: string, locale: Locale, tags: TagLabels): Block[] {
  const head: Inline[] = [
    gradeBadge(flag.grade), ' ', { bold: flag.customerName },
    ` · ${indexWithDelta(flag.index, flag.delta, locale)}`,
  ];
  if (flag.weeksInRed > 1) head.push(say(locale, digestText.weeksInRed(flag.weeksInRed)));
  const lines: Inline[][] = [head];
  if (flag.reasons.length > 0) lines.push([flag.reasons.map((r) => say(locale, r)).join(say(locale, commonText.semicolon))]);
  lines.push([`${say(locale, L.rep)}${say(locale, digestText.colon)}`, ...(flag.rep ? [mention(flag.rep)] : [say(locale, L.none)])]);
  if (flag.tasks.length > 0) {
    const parts = flag.tasks.map((task) => [
      `${tagLabel(task.tag, locale, tags)} → `, ...taskPeople(task, locale), taskStateNote(task, locale), ...progressNote(task, locale),
    ].filter((p) => p !== ''));
    lines.push([say(locale, digestText.followUp), ...joinInline(parts, say(locale, commonText.semicolon))]);
  }
  const buttons: Button[] = [];
  if (flag.primaryTaskId !== null) {
    const taskId = flag.primaryTaskId;
    const primary = flag.tasks.find((x) => x.id === taskId);
    if (primary && primary.state !== 'claimed') buttons.push(button(say(locale, L.claim), 'task.claim', { taskId, week }, 'primary'));
    buttons.push(button(say(locale, L.resolve), 'task.resolve', { taskId, week }));
    if (primary && primary.state !== 'snoozed') buttons.push(button(say(locale, L.snooze), 'task.snooze', { taskId, week }));
  }
  buttons.push(button(say(locale, L.details), 'customer.details', { customerId: flag.customerId, week }));
  // One unit: renderers never put these buttons in another message/card than the text they act on.
  const unit = `flag:${flag.customerId}`;
  return [{ type: 'text', text: joinInline(lines, '\n'), unit }, { type: 'actions', buttons, unit }];
}

function taskLine(task: DigestTask, locale: Locale, closed: boolean, tags: TagLabels): Inline[] {
  const mark = closed ? (task.state === 'done' ? '✅' : '⚪') : task.overdue ? '⏰' : '▫️';
  const line: Inline[] = [`${mark} `, { bold: task.customerName }, ` · ${tagLabel(task.tag, locale, tags)} · `, ...taskPeople(task, locale)];
  if (closed) {
    line.push(` · ${say(locale, STATE_LABEL[task.state])}`);
    if (task.closeNote === 'recovered') line.push(say(locale, digestText.customerRecovered));
    else if (task.closeNote) line.push(`: ${task.closeNote}`);
  } else {
    line.push(say(locale, commonText.dueSuffix(task.dueDate)));
    if (task.overdue) line.push(' ', { colored: say(locale, commonText.overdue), tone: 'red' });
    line.push(taskStateNote(task, locale), ...progressNote(task, locale));
  }
  return line;
}

/** The digest title, e.g. "问题客户周报 2026-W48 — 8 个（A 3 / B 5）". */
export function digestTitle(model: DigestModel, locale: Locale): string {
  const c = model.counts;
  return say(locale, digestText.redFlagsCustomersAB(model.week, c.flagged, c.gradeA, c.gradeB));
}

/** `tags`: the team's tag names (teamTagLabels of its settings), so custom tags read as configured. */
export function digestCard(model: DigestModel, locale: Locale, tags: TagLabels = BUILT_IN_TAG_LABELS): CardSpec {
  const c = model.counts;
  const blocks: Block[] = [];
  blocks.push({
    type: 'fields', fields: [
      { label: say(locale, commonText.redFlags), value: [`${c.flagged}`, say(locale, digestText.new(c.newFlags))] },
      { label: say(locale, commonText.reportsIn), value: [`${c.submitted}/${c.reps}`, ...(c.submittedEmpty > 0 ? [say(locale, digestText.empty(c.submittedEmpty))] : [])] },
      { label: say(locale, commonText.openTasks), value: [`${c.openTasks}`, ...(c.overdueTasks > 0 ? [' · ', { colored: say(locale, digestText.overdue(c.overdueTasks)), tone: 'red' as const }] : [])] },
      { label: say(locale, digestText.resolvedThisWeek), value: [`${c.resolved}`] },
    ],
  });

  blocks.push({ type: 'heading', text: say(locale, digestText.redFlagCustomers) });
  if (model.flags.length === 0) blocks.push({ type: 'text', text: [say(locale, digestText.noRedFlagsThisWeek)] });
  for (const flag of model.flags) blocks.push(...flagBlocks(flag, model.week, locale, tags));

  if (model.missingReports.length > 0 || model.unreachable.length > 0 || model.away.length > 0) {
    blocks.push({ type: 'divider' }, { type: 'heading', text: say(locale, digestText.missingReports(c.missing)) });
    for (const rep of model.missingReports) {
      blocks.push({ type: 'text', text: [mention(rep)], button: button(say(locale, L.remind), 'rep.remind', { memberId: rep.id, week: model.week }) });
    }
    if (model.away.length > 0) {
      blocks.push({ type: 'note', text: [say(locale, digestText.away), nameList(model.away.map((p) => p.name))] });
    }
    if (model.unreachable.length > 0) {
      blocks.push({ type: 'note', text: [say(locale, digestText.unreachableNoChatAccountLinked), nameList(model.unreachable.map((p) => p.name))] });
    }
  }

  // Follow-ups nobody has moved for two reports, whatever customer they belong to: the loop is stuck there.
  const stuck = [...model.flags.flatMap((f) => f.tasks), ...model.carriedTasks].filter((task, i, all) => task.noProgress && all.findIndex((x) => x.id === task.id) === i);
  if (stuck.length > 0) {
    blocks.push({ type: 'divider' }, { type: 'heading', text: say(locale, digestText.noProgressForTwoReports(stuck.length)) });
    blocks.push(...linesToBlocks(stuck.map((task) => [`⚠️ `, { bold: task.customerName }, ` · ${tagLabel(task.tag, locale, tags)} · `, ...taskPeople(task, locale),
      say(locale, digestText.since(task.progress?.week ?? task.createdWeek))])));
  }

  if (model.carriedTasks.length > 0) {
    blocks.push({ type: 'divider' }, { type: 'heading', text: say(locale, digestText.openTasksFromEarlierWeeks(model.carriedTasks.length)) });
    blocks.push(...linesToBlocks(model.carriedTasks.map((task) => taskLine(task, locale, false, tags))));
  }
  if (model.resolved.length > 0) {
    blocks.push({ type: 'divider' }, { type: 'heading', text: say(locale, digestText.resolvedThisWeek2(model.resolved.length)) });
    blocks.push(...linesToBlocks(model.resolved.map((task) => taskLine(task, locale, true, tags))));
  }

  if (model.reps.length > 0) {
    blocks.push({ type: 'divider' }, { type: 'heading', text: say(locale, digestText.byRep) });
    blocks.push({
      type: 'table',
      columns: [
        { key: 'rep', label: say(locale, L.rep) },
        { key: 'report', label: say(locale, digestText.report) },
        { key: 'entries', label: say(locale, digestText.customers), align: 'right' },
        { key: 'revenue', label: say(locale, digestText.bookedRevenue), align: 'right' },
        { key: 'flags', label: say(locale, digestText.flags), align: 'right' },
      ],
      rows: model.reps.map((r) => ({
        rep: r.rep.name,
        report: r.submitted
          ? (r.empty ? say(locale, digestText.submittedEmpty) : r.late ? say(locale, digestText.late) : say(locale, digestText.in))
          : r.away ? say(locale, digestText.away2) : say(locale, digestText.missing),
        entries: `${r.entries}/${r.customers}${r.carried > 0 ? say(locale, digestText.unchanged(r.carried)) : ''}`,
        revenue: formatMoney(r.revenue),
        flags: String(r.flags),
      })),
    });
  }

  if (model.trend.length > 1) {
    blocks.push({
      type: 'chart', kind: 'line',
      title: say(locale, digestText.lastWeeks(model.trend.length)),
      series: [
        { name: say(locale, digestText.redFlags), points: model.trend.map((p) => ({ x: p.week, y: p.flagged })) },
        { name: say(locale, digestText.averageIndex), points: model.trend.map((p) => ({ x: p.week, y: Math.round(p.avgIndex * 10) / 10 })) },
      ],
    });
  }
  blocks.push({ type: 'actions', buttons: [button(say(locale, digestText.refresh), 'digest.refresh', { week: model.week }), openDashboardButton(locale)] });

  const title = digestTitle(model, locale);
  const top = model.flags.slice(0, 3).map((f) => `${f.grade} ${oneLine(f.customerName)} ${f.index}`).join(', ');
  return {
    title,
    tone: c.gradeA > 0 ? 'red' : c.flagged > 0 ? 'orange' : 'green',
    blocks,
    summary: top ? `${title}: ${top}` : title,
  };
}
