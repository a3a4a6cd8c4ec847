// The rep's weekly report DM: progress, one line per customer with a button, add and submit.
import type { Locale, LocalizedText } from '../../core/i18n.js';
import type { Grade, TagId } from '../../core/customer-risk/types.js';
import type { Stage } from '../../core/weekly-report/template.js';
import { DEFAULT_TEMPLATE, fieldById } from '../../core/weekly-report/template.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Block, CardSpec, Inline } from '../../ui/card.js';
import { button, gradeBadge, L, tagLabels, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';
import { say } from '../../core/i18n.js';
import { weeklyReportText } from './weekly-report.messages.js';

export interface ReportPromptCustomer {
  customerId: number;
  name: string;
  /** An entry for this customer was saved this week. */
  saved: boolean;
  /** This week's entry is a "no change" carry of the last one. */
  carried?: boolean;
  /** There is a recent entry to carry, so "No change" is offered. */
  canCarry?: boolean;
  /** Last week's status, shown while this week's entry is missing. */
  lastStage: Stage | null;
  lastIndex: number | null;
  lastGrade: Grade | null;
  /** The primary reason of last week's flag, when flagged. */
  lastReason?: LocalizedText | null;
  /** Tags of the customer's active follow-up tasks. */
  openTasks?: readonly TagId[];
}

export interface ReportPromptModel {
  week: WeekId;
  /** open: still filling; submitted: closed by the rep, editable until the digest; closed: digest sent. */
  state: 'open' | 'submitted' | 'closed';
  submittedAt?: string | null;
  /** Ordered by risk: last week's flags first (A, then B), then by index. */
  customers: readonly ReportPromptCustomer[];
  /** Submit was pressed with no customer filled: ask once before submitting an empty report. */
  confirmEmpty?: boolean;
  /** The team's tag names (teamTagLabels of its settings); built-in names only when absent. */
  tagLabels?: TagLabels;
}

// A reason in a few words: the card lists every customer, so one line each.
const REASON_MAX = 36;
const short = (s: string) => (s.length > REASON_MAX ? `${s.slice(0, REASON_MAX - 1)}…` : s);

const stageLabel = (stage: Stage, locale: Locale): string => {
  const opt = fieldById(DEFAULT_TEMPLATE, 'stage')?.options?.find((o) => o.value === stage);
  return opt ? say(locale, opt.label) : stage;
};

function customerLine(c: ReportPromptCustomer, locale: Locale, tags: TagLabels): Inline[] {
  const line: Inline[] = [c.saved ? (c.carried ? '➖ ' : '✅ ') : '▫️ ', { bold: c.name }];
  // A flag stays visible all week, filled or not: grade, the reason in a few words, open follow-ups.
  if (c.lastGrade) {
    line.push(' · ', gradeBadge(c.lastGrade), ` ${c.lastIndex ?? ''}`.trimEnd());
    if (c.lastReason) line.push(` · ${short(say(locale, c.lastReason))}`);
  }
  if (c.openTasks && c.openTasks.length > 0) {
    line.push(say(locale, weeklyReportText.followUp(tagLabels(c.openTasks, locale, tags))));
  }
  if (c.saved) {
    if (c.carried) line.push(say(locale, weeklyReportText.noChange));
    return line;
  }
  if (c.lastStage === null && c.lastGrade === null) {
    line.push(say(locale, weeklyReportText.noEntryLastWeek2));
    return line;
  }
  if (!c.lastGrade) line.push(say(locale, weeklyReportText.lastWeek), c.lastStage ? stageLabel(c.lastStage, locale) : '—');
  return line;
}

/** Title line, e.g. "周报 2026-W48 — 0/12 个客户已填" / "Weekly report 2026-W48 — 0/12 customers done". */
export function reportPromptTitle(model: ReportPromptModel, locale: Locale): string {
  const done = model.customers.filter((c) => c.saved).length;
  const total = model.customers.length;
  const base = say(locale, weeklyReportText.weeklyReportCustomersDone(model.week, done, total));
  if (model.state === 'submitted') return base + say(locale, weeklyReportText.submitted);
  if (model.state === 'closed') return base + say(locale, weeklyReportText.closed);
  return base;
}

/** The rep's weekly report prompt (also re-rendered after each save and on submit). */
export function reportPromptCard(model: ReportPromptModel, locale: Locale): CardSpec {
  const { week } = model;
  const done = model.customers.filter((c) => c.saved).length;
  const total = model.customers.length;
  const title = reportPromptTitle(model, locale);
  const blocks: Block[] = [];

  if (model.state === 'open') {
    blocks.push({ type: 'text', text: [say(locale, weeklyReportText.useFillInForCustomers)] });
  } else if (model.state === 'submitted') {
    const at = model.submittedAt ? model.submittedAt.slice(0, 16).replace('T', ' ') : '';
    blocks.push({ type: 'note', text: [say(locale, weeklyReportText.submittedYouCanStillEdit(at))] });
  } else {
    blocks.push({ type: 'note', text: [say(locale, weeklyReportText.thisWeekIsClosedThe)] });
  }

  if (total === 0) {
    blocks.push({ type: 'text', text: [say(locale, weeklyReportText.youHaveNoCustomersYet)] });
  }
  // One compact text block per customer, with its button beside it (renderers split oversize cards); a
  // customer still to fill that has something to carry gets "Fill in" and "No change" side by side.
  for (const c of model.customers) {
    const line = customerLine(c, locale, model.tagLabels ?? BUILT_IN_TAG_LABELS);
    const fill = button(say(locale, c.saved ? L.edit : L.fill), 'report.open', { week, customerId: c.customerId });
    if (model.state === 'closed') blocks.push({ type: 'text', text: line });
    else if (!c.saved && c.canCarry) {
      blocks.push({ type: 'text', text: line });
      blocks.push({ type: 'actions', buttons: [fill, button(say(locale, L.noChange), 'report.same', { week, customerId: c.customerId })] });
    } else blocks.push({ type: 'text', text: line, button: fill });
  }

  if (model.confirmEmpty && model.state === 'open') {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'text', text: [{ colored: say(locale, weeklyReportText.noCustomerFilledSubmitAnyway), tone: 'orange' }] });
    blocks.push({ type: 'actions', buttons: [button(say(locale, weeklyReportText.submitAnywayEmpty), 'report.submit', { week, empty: 1 }, 'danger')] });
  }

  if (model.state !== 'closed') {
    blocks.push({ type: 'divider' });
    const buttons = [button(say(locale, L.addCustomer), 'report.add', { week })];
    if (model.customers.some((c) => !c.saved && c.canCarry)) buttons.push(button(say(locale, L.restUnchanged), 'report.rest', { week }));
    if (model.state === 'open') buttons.push(button(say(locale, L.submitReport), 'report.submit', { week }, 'primary'));
    blocks.push({ type: 'actions', buttons });
  }

  const allDone = total > 0 && done === total;
  return {
    title,
    tone: model.state === 'closed' ? 'grey' : model.state === 'submitted' || allDone ? 'green' : 'blue',
    blocks,
    summary: title,
  };
}
