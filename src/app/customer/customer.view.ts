// The customer card: index, grade, reasons, 8-week trend, last entry, open tasks, owning rep.
// Used by the Details button and by answers to "how is 华星科技 doing?".
import type { Locale } from '../../core/i18n.js';
import { formatMoney, say } from '../../core/i18n.js';
import type { Member } from '../../core/team.js';
import type { CustomerScore, Grade, Tier } from '../../core/customer-risk/types.js';
import type { FollowUpTask } from '../../core/follow-up/task.js';
import type { CustomField, CustomValues, EntryValues, FieldId } from '../../core/weekly-report/template.js';
import { DEFAULT_TEMPLATE, fieldById } from '../../core/weekly-report/template.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Block, CardSpec, Inline } from '../../ui/card.js';
import type { ChartSpec } from '../../ui/chart.js';
import { button, indexWithDelta, GRADE_TONE, gradeBadge, L, mention, sparkline, STATE_LABEL, tagLabel, tagLabels, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';
import { customerText } from './customer.messages.js';
import { commonText } from '../shared/common.messages.js';

type Person = Pick<Member, 'id' | 'name' | 'identities'>;

/** Everything the customer card shows; built by the app from repositories. */
export interface CustomerCardModel {
  customer: { id: number; name: string; tier: Tier; industry: string | null; region: string | null };
  /** The week the card describes. */
  week: WeekId;
  score: Pick<CustomerScore, 'index' | 'grade' | 'delta' | 'tags' | 'reasons' | 'weeksInRed'> | null;
  /** Up to 8 weeks ending at `week`, ascending. */
  history: ReadonlyArray<{ week: WeekId; index: number; grade: Grade | null }>;
  lastEntry: { week: WeekId; values: EntryValues; custom?: CustomValues } | null;
  /** The team's custom report fields (config template.custom): their values show under the last entry. */
  customFields?: readonly CustomField[];
  openTasks: ReadonlyArray<{ task: Pick<FollowUpTask, 'id' | 'tag' | 'state' | 'dueDate' | 'snoozedUntil'>; assignee: Person | null }>;
  rep: Person | null;
  /** Charts shown as pictures under the card (trend, radar); platforms without uploads show their numbers. */
  charts?: readonly ChartSpec[];
}

/** Fields of the last entry worth a glance, in this order. */
const KEY_FIELDS: readonly FieldId[] = ['stage', 'revenue', 'receivable', 'overdueDays', 'contacts', 'lastContact', 'complaints', 'health'];

function fieldValue(id: FieldId, values: EntryValues, locale: Locale): string | null {
  const v = values[id];
  if (v === null || v === undefined || v === '') return null;
  const field = fieldById(DEFAULT_TEMPLATE, id);
  if (!field) return String(v);
  if (field.kind === 'money') return formatMoney(Number(v));
  if (field.kind === 'choice') {
    const opt = field.options?.find((o) => o.value === v);
    return opt ? say(locale, opt.label) : String(v);
  }
  if (field.unit) return `${v} ${say(locale, field.unit)}`;
  return String(v);
}

function customValue(field: CustomField, v: string | number | null | undefined, locale: Locale): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (field.kind === 'money') return formatMoney(Number(v));
  if (field.kind === 'select') {
    const opt = field.options?.find((o) => o.value === v);
    return opt ? say(locale, opt.label) : String(v);
  }
  return String(v);
}

/** `tags`: the team's tag names (teamTagLabels of its settings). */
export function customerCard(model: CustomerCardModel, locale: Locale, tags: TagLabels = BUILT_IN_TAG_LABELS): CardSpec {
  const { customer, score } = model;
  const blocks: Block[] = [];
  const head: Inline[] = [];
  if (score?.grade) head.push(gradeBadge(score.grade), ' ');
  head.push({ bold: customer.name });
  if (score) head.push(` · ${indexWithDelta(score.index, score.delta, locale)}`);
  else head.push(say(locale, customerText.notScoredThisWeek));
  if (customer.tier === 'key') head.push(' ', { colored: say(locale, customerText.keyAccount), tone: 'blue' });
  blocks.push({ type: 'text', text: head });

  const meta = [customer.industry, customer.region].filter((x): x is string => !!x).join(' · ');
  blocks.push({
    type: 'fields', fields: [
      { label: say(locale, L.rep), value: model.rep ? [mention(model.rep)] : [say(locale, L.none)] },
      { label: say(locale, commonText.week), value: [model.week] },
      ...(meta ? [{ label: say(locale, customerText.industryRegion), value: [meta] }] : []),
      ...(score && score.tags.length > 0 ? [{ label: say(locale, customerText.problems), value: [tagLabels(score.tags, locale, tags)] }] : []),
      ...(score && score.weeksInRed > 1 ? [{ label: say(locale, customerText.weeksInRed), value: [String(score.weeksInRed)] }] : []),
    ],
  });

  if (score && score.reasons.length > 0) {
    blocks.push({ type: 'heading', text: say(locale, commonText.why) });
    blocks.push({ type: 'text', text: [score.reasons.map((r) => `• ${say(locale, r)}`).join('\n')] });
  }

  const history = model.history.slice(-8);
  if (history.length > 0) {
    blocks.push({
      type: 'chart', kind: 'line', title: say(locale, customerText.indexLastWeeks(history.length)),
      series: [{ name: say(locale, L.index), points: history.map((h) => ({ x: h.week, y: h.index })) }],
    });
    // A text sparkline for platforms that render charts as text (and for notifications).
    blocks.push({ type: 'note', text: [`${sparkline(history.map((h) => h.index))}  ${history.map((h) => h.index).join(' → ')}`] });
  }

  if (model.lastEntry) {
    const values = model.lastEntry.values;
    const fields = KEY_FIELDS.flatMap((id) => {
      const v = fieldValue(id, values, locale);
      const f = fieldById(DEFAULT_TEMPLATE, id);
      return v === null || !f ? [] : [{ label: say(locale, f.label), value: [v] as Inline[] }];
    });
    for (const cf of model.customFields ?? []) {
      const v = customValue(cf, model.lastEntry.custom?.[cf.id], locale);
      if (v !== null) fields.push({ label: say(locale, cf.label), value: [v] });
    }
    blocks.push({ type: 'heading', text: say(locale, customerText.latestEntry(model.lastEntry.week)) });
    if (fields.length > 0) blocks.push({ type: 'fields', fields });
    if (values.notes) blocks.push({ type: 'note', text: [values.notes] });
  }

  if (model.openTasks.length > 0) {
    blocks.push({ type: 'heading', text: say(locale, customerText.openTasks(model.openTasks.length)) });
    for (const { task, assignee } of model.openTasks) {
      const line: Inline[] = [`${tagLabel(task.tag, locale, tags)} · ${say(locale, STATE_LABEL[task.state])} · `];
      line.push(...(assignee ? [mention(assignee)] : [say(locale, customerText.unclaimed)]));
      line.push(task.state === 'snoozed' && task.snoozedUntil
        ? say(locale, customerText.until(task.snoozedUntil))
        : say(locale, commonText.dueSuffix(task.dueDate)));
      blocks.push({
        type: 'text', text: line,
        ...(task.state === 'claimed' ? {} : { button: button(say(locale, L.claim), 'task.claim', { taskId: task.id }) }),
      });
    }
  }

  for (const chart of model.charts ?? []) blocks.push({ type: 'image', chart });

  const title = say(locale, customerText.customer(customer.name));
  const summary = score ? `${customer.name} · ${say(locale, L.index)} ${score.index}${score.grade ? ` · ${score.grade}` : ''}` : customer.name;
  return { title, tone: score?.grade ? GRADE_TONE[score.grade] : 'blue', blocks, summary };
}
