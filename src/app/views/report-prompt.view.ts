// The rep's weekly report DM: progress, one line per customer with a button, add and submit.
import type { Locale } from '../../core/i18n.js';
import type { Grade } from '../../core/customer-risk/types.js';
import type { Stage } from '../../core/weekly-report/template.js';
import { DEFAULT_TEMPLATE, fieldById } from '../../core/weekly-report/template.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Block, CardSpec, Inline } from '../../ui/card.js';
import { button, gradeBadge, L, t, tr } from './common.js';

export interface ReportPromptCustomer {
  customerId: number;
  name: string;
  /** An entry for this customer was saved this week. */
  saved: boolean;
  /** Last week's status, shown while this week's entry is missing. */
  lastStage: Stage | null;
  lastIndex: number | null;
  lastGrade: Grade | null;
}

export interface ReportPromptModel {
  week: WeekId;
  /** open: still filling; submitted: closed by the rep, editable until the digest; closed: digest sent. */
  state: 'open' | 'submitted' | 'closed';
  submittedAt?: string | null;
  customers: readonly ReportPromptCustomer[];
}

const stageLabel = (stage: Stage, locale: Locale): string => {
  const opt = fieldById(DEFAULT_TEMPLATE, 'stage')?.options?.find((o) => o.value === stage);
  return opt ? t(opt.label, locale) : stage;
};

function customerLine(c: ReportPromptCustomer, locale: Locale): Inline[] {
  if (c.saved) return ['✅ ', { bold: c.name }];
  const line: Inline[] = ['▫️ ', { bold: c.name }];
  if (c.lastStage === null && c.lastGrade === null) {
    line.push(tr(locale, ' · 上周无记录', ' · no entry last week'));
    return line;
  }
  line.push(tr(locale, ' · 上周：', ' · last week: '));
  line.push(c.lastStage ? stageLabel(c.lastStage, locale) : '—');
  if (c.lastGrade) line.push(' · ', gradeBadge(c.lastGrade), ` ${c.lastIndex ?? ''}`.trimEnd());
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
      '请逐个客户填写本周情况，表单已按上周预填（沟通次数和回款从空开始）。全部填完后点「提交周报」。',
      'Fill in this week for each customer: forms are pre-filled from last week (contacts and revenue start empty). Press "Submit report" when done.')] });
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
  // One compact text block per customer, with its button beside it (renderers split oversize cards).
  for (const c of model.customers) {
    const line = customerLine(c, locale);
    if (model.state === 'closed') blocks.push({ type: 'text', text: line });
    else {
      blocks.push({
        type: 'text', text: line,
        button: button(t(c.saved ? L.edit : L.fill, locale), 'report.open', { week, customerId: c.customerId }),
      });
    }
  }

  if (model.state !== 'closed') {
    blocks.push({ type: 'divider' });
    const buttons = [button(t(L.addCustomer, locale), 'report.add', { week })];
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
