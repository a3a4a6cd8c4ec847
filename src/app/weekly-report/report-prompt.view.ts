// The rep's weekly report DM: progress, one line per customer with a button, add and submit.
import type { Locale, LocalizedText } from '../../core/i18n.js';
import type { Grade, TagId } from '../../core/customer-risk/types.js';
import type { Stage } from '../../core/weekly-report/template.js';
import { DEFAULT_TEMPLATE, fieldById } from '../../core/weekly-report/template.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Block, CardSpec, Inline } from '../../ui/card.js';
import { button, gradeBadge, L, t, tagLabels, tr, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';

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
  return opt ? t(opt.label, locale) : stage;
};

function customerLine(c: ReportPromptCustomer, locale: Locale, tags: TagLabels): Inline[] {
  const line: Inline[] = [c.saved ? (c.carried ? '➖ ' : '✅ ') : '▫️ ', { bold: c.name }];
  // A flag stays visible all week, filled or not: grade, the reason in a few words, open follow-ups.
  if (c.lastGrade) {
    line.push(' · ', gradeBadge(c.lastGrade), ` ${c.lastIndex ?? ''}`.trimEnd());
    if (c.lastReason) line.push(` · ${short(t(c.lastReason, locale))}`);
  }
  if (c.openTasks && c.openTasks.length > 0) {
    line.push(tr(locale, ` · 📌 跟进中：${tagLabels(c.openTasks, locale, tags)}`, ` · 📌 follow-up: ${tagLabels(c.openTasks, locale, tags)}`));
  }
  if (c.saved) {
    if (c.carried) line.push(tr(locale, ' · 本周无变化', ' · no change'));
    return line;
  }
  if (c.lastStage === null && c.lastGrade === null) {
    line.push(tr(locale, ' · 上周无记录', ' · no entry last week'));
    return line;
  }
  if (!c.lastGrade) line.push(tr(locale, ' · 上周：', ' · last week: '), c.lastStage ? stageLabel(c.lastStage, locale) : '—');
  return line;
}

/** Title line, e.g. "周报 2026-W48 — 0/12 个客户已填" / "Weekly report 2026-W48 — 0/12 customers done". */
export function reportPromptTitle(model: ReportPromptModel, locale: Locale): string {
  const done = model.customers.filter((c) => c.saved).length;
  const total = model.customers.length;
  const base = tr(locale, `周报 ${model.week} — ${done}/${total} 个客户已填`, `Weekly report ${model.week} — ${done}/${total} customers done`);
  if (model.state === 'submitted') return base + tr(locale, '（已提交）', ' (submitted)');
  if (model.state === 'closed') return base + tr(locale, '（已截止）', ' (closed)');
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
    blocks.push({ type: 'text', text: [tr(locale,
      '有变化的客户点「填写」（已按上周预填，本周数字从 0 开始，只改有变化的）；没变化的点「本周无变化」，或最后点「其余客户均无变化」。然后点「提交周报」。',
      'Use "Fill in" for customers where something changed (pre-filled from last week, this week\'s numbers start at 0: change only what changed); "No change" for the others, or "All others unchanged" at the end. Then "Submit report".')] });
  } else if (model.state === 'submitted') {
    const at = model.submittedAt ? model.submittedAt.slice(0, 16).replace('T', ' ') : '';
    blocks.push({ type: 'note', text: [tr(locale,
      `已提交${at ? `（${at}）` : ''}。摘要发出前仍可修改。`,
      `Submitted${at ? ` (${at})` : ''}. You can still edit until the digest goes out.`)] });
  } else {
    blocks.push({ type: 'note', text: [tr(locale, '本周周报已截止，摘要已发出。', 'This week is closed: the digest has gone out.')] });
  }

  if (total === 0) {
    blocks.push({ type: 'text', text: [tr(locale, '你名下还没有客户，可点「添加客户」。', 'You have no customers yet: use "Add customer".')] });
  }
  // One compact text block per customer, with its button beside it (renderers split oversize cards); a
  // customer still to fill that has something to carry gets "Fill in" and "No change" side by side.
  for (const c of model.customers) {
    const line = customerLine(c, locale, model.tagLabels ?? BUILT_IN_TAG_LABELS);
    const fill = button(t(c.saved ? L.edit : L.fill, locale), 'report.open', { week, customerId: c.customerId });
    if (model.state === 'closed') blocks.push({ type: 'text', text: line });
    else if (!c.saved && c.canCarry) {
      blocks.push({ type: 'text', text: line });
      blocks.push({ type: 'actions', buttons: [fill, button(t(L.noChange, locale), 'report.same', { week, customerId: c.customerId })] });
    } else blocks.push({ type: 'text', text: line, button: fill });
  }

  if (model.confirmEmpty && model.state === 'open') {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'text', text: [{ colored: tr(locale, '还没有填写任何客户——仍然提交吗？', 'No customer filled — submit anyway?'), tone: 'orange' }] });
    blocks.push({ type: 'actions', buttons: [button(tr(locale, '仍然提交（空）', 'Submit anyway (empty)'), 'report.submit', { week, empty: 1 }, 'danger')] });
  }

  if (model.state !== 'closed') {
    blocks.push({ type: 'divider' });
    const buttons = [button(t(L.addCustomer, locale), 'report.add', { week })];
    if (model.customers.some((c) => !c.saved && c.canCarry)) buttons.push(button(t(L.restUnchanged, locale), 'report.rest', { week }));
    if (model.state === 'open') buttons.push(button(t(L.submitReport, locale), 'report.submit', { week }, 'primary'));
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
