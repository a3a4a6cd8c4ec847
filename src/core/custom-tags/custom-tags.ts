// Custom problem tags: a rule on a customer's latest report ("contract ends within 30 days", "payment
// method is cash and receivable > 100,000") → a named tag (zh/en) with a grade floor and a route, set by
// the boss without code (`scoring.customTags`). Pure: the schema, and the evaluation of one entry.
import { z } from 'zod';
import { text, type LocalizedText } from '../i18n.js';
import { ROLES, type Role } from '../team.js';
import { TAGS } from '../customer-risk/types.js';
import { DEFAULT_TEMPLATE, type EntryValues, type FieldKind } from '../weekly-report/template.js';
import { addDays, daysBetween, weekEndDate, type WeekId } from '../weekly-report/week.js';

export const CONDITION_OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'ne', 'in', 'within_days', 'past', 'empty', 'not_empty'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

const BUILT_IN_TAG_IDS: readonly string[] = TAGS;

const FIELD_KIND = new Map<string, FieldKind>(DEFAULT_TEMPLATE.fields.map((f) => [f.id, f.kind]));
const FIELD_LABEL = new Map<string, LocalizedText>(DEFAULT_TEMPLATE.fields.map((f) => [f.id, f.label]));

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const scalar = z.union([z.string().min(1), z.number()]);

const conditionSchema = z.strictObject({
  /** A built-in field id (template.ts) or a custom field id, read from `entry.custom[id]`. */
  field: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'a field id (letters, digits, _)'),
  op: z.enum(CONDITION_OPS),
  value: z.union([scalar, z.array(scalar).min(1, 'at least one value')]).optional(),
}).superRefine((c, ctx) => {
  const kind = FIELD_KIND.get(c.field);
  const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
  switch (c.op) {
    case 'gt': case 'gte': case 'lt': case 'lte':
      if (kind === 'date' || kind === undefined) {
        if (typeof c.value === 'number' && kind === undefined) break;
        if (typeof c.value === 'string' && DATE.test(c.value)) break;
        if (kind === 'date') { issue(`${c.op} on the date field ${c.field} needs a date YYYY-MM-DD`); break; }
        issue(`${c.op} needs a number (or a date YYYY-MM-DD)`);
        break;
      }
      if (kind !== 'count' && kind !== 'money') ctx.addIssue({ code: 'custom', path: ['op'], message: `${c.op} needs a number field; ${c.field} is ${kind}` });
      else if (typeof c.value !== 'number') issue(`${c.op} needs a number`);
      break;
    case 'eq': case 'ne':
      if (c.value === undefined || Array.isArray(c.value)) issue(`${c.op} needs one value (text or number)`);
      break;
    case 'in':
      if (!Array.isArray(c.value)) issue('in needs a list of values, e.g. ["cash","check"]');
      break;
    case 'within_days':
      if (kind !== undefined && kind !== 'date') ctx.addIssue({ code: 'custom', path: ['op'], message: `within_days needs a date field; ${c.field} is ${kind}` });
      else if (typeof c.value !== 'number' || !Number.isInteger(c.value) || c.value < 0 || c.value > 3650) issue('within_days needs a whole number of days (0–3650)');
      break;
    case 'past':
      if (kind !== undefined && kind !== 'date') ctx.addIssue({ code: 'custom', path: ['op'], message: `past needs a date field; ${c.field} is ${kind}` });
      else if (c.value !== undefined) issue('past takes no value');
      break;
    case 'empty': case 'not_empty':
      if (c.value !== undefined) issue(`${c.op} takes no value`);
      break;
  }
});

const localized = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

export const customTagSchema = z.strictObject({
  label: localized,
  /** The grade the customer is raised to at least while the rule matches. */
  severity: z.enum(['A', 'B']),
  /** The role that owns the follow-up task (as `routing.routes` does for built-in tags). */
  route: z.enum(ROLES),
  when: z.strictObject({
    all: z.array(conditionSchema).min(1, 'at least one condition').optional(),
    any: z.array(conditionSchema).min(1, 'at least one condition').optional(),
  }).refine((w) => w.all !== undefined || w.any !== undefined, 'needs all: [...] or any: [...] (or both)'),
  /**
   * Optional reason with placeholders: `{field}` → the value, `{field.days}` → days from the week's end
   * ("合同将于 {contractEnd} 到期（{contractEnd.days} 天内）"). Without it the reason quotes each condition.
   */
  reason: localized.optional(),
});

export const CUSTOM_TAG_ID = /^[a-z][a-z0-9_]*$/;

/** `scoring.customTags`: id → rule. Ids are lowercase (`contract_due`) and never a built-in tag's. */
export const customTagsSchema = z.record(z.string(), customTagSchema).superRefine((tags, ctx) => {
  for (const id of Object.keys(tags)) {
    if (!CUSTOM_TAG_ID.test(id)) ctx.addIssue({ code: 'custom', path: [id], message: 'tag id must be lowercase letters, digits and _ (e.g. contract_due)' });
    else if (BUILT_IN_TAG_IDS.includes(id)) ctx.addIssue({ code: 'custom', path: [id], message: `${id} is a built-in tag (choose another id)` });
  }
});

export type CustomTagCondition = z.output<typeof conditionSchema>;
export type CustomTag = z.output<typeof customTagSchema>;
export type CustomTags = Readonly<Record<string, CustomTag>>;

/** What a report entry holds for the rules: the built-in fields plus the custom fields (`custom[id]`). */
export type RuleEntry = EntryValues & { custom?: Readonly<Record<string, string | number | null>> | null };

export interface CustomTagMatch {
  tag: string;
  severity: 'A' | 'B';
  route: Role;
  label: LocalizedText;
  /** Quotes the values and dates that matched. */
  reason: LocalizedText;
}

type Value = string | number | boolean | null;

function valueOf(entry: RuleEntry, field: string): Value {
  if (FIELD_KIND.has(field)) {
    const v = (entry as unknown as Record<string, unknown>)[field];
    return v === undefined ? null : (v as Value);
  }
  const v = entry.custom?.[field];
  return v === undefined ? null : v;
}

const isEmpty = (v: Value) => v === null || (typeof v === 'string' && v.trim() === '');
const asNumber = (v: Value): number | null => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const asDate = (v: Value): string | null => (typeof v === 'string' && DATE.test(v) ? v : null);
const same = (a: Value, b: string | number) => (typeof b === 'number' ? asNumber(a) === b : String(a).trim().toLowerCase() === b.trim().toLowerCase());

/** Whether one condition holds for the entry of `week` (dates are judged against the week's Sunday). */
export function conditionHolds(c: CustomTagCondition, entry: RuleEntry, week: WeekId): boolean {
  const v = valueOf(entry, c.field);
  if (c.op === 'empty') return isEmpty(v);
  if (c.op === 'not_empty') return !isEmpty(v);
  if (isEmpty(v)) return false;
  const end = weekEndDate(week);
  switch (c.op) {
    case 'gt': case 'gte': case 'lt': case 'lte': {
      let cmp: number;
      if (typeof c.value === 'string') {
        const d = asDate(v);
        if (d === null) return false;
        cmp = d < c.value ? -1 : d > c.value ? 1 : 0;
      } else {
        const n = asNumber(v);
        if (n === null || typeof c.value !== 'number') return false;
        cmp = n - c.value;
      }
      return c.op === 'gt' ? cmp > 0 : c.op === 'gte' ? cmp >= 0 : c.op === 'lt' ? cmp < 0 : cmp <= 0;
    }
    case 'eq': return c.value !== undefined && !Array.isArray(c.value) && same(v, c.value);
    case 'ne': return c.value !== undefined && !Array.isArray(c.value) && !same(v, c.value);
    case 'in': return Array.isArray(c.value) && c.value.some((x) => same(v, x));
    case 'within_days': {
      const d = asDate(v);
      return d !== null && typeof c.value === 'number' && d >= end && d <= addDays(end, c.value);
    }
    case 'past': {
      const d = asDate(v);
      return d !== null && d < end;
    }
  }
}

const fieldLabel = (field: string): LocalizedText => FIELD_LABEL.get(field) ?? text(field, field);
const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const show = (v: Value): string => (typeof v === 'number' ? num(v) : String(v));
const OP_SIGN: Partial<Record<ConditionOp, string>> = { gt: '>', gte: '≥', lt: '<', lte: '≤' };

/** One matched condition in words, quoting the value: "合同结束 2026-12-20（17 天内）". */
function describe(c: CustomTagCondition, entry: RuleEntry, week: WeekId): LocalizedText {
  const label = fieldLabel(c.field);
  const v = valueOf(entry, c.field);
  const end = weekEndDate(week);
  switch (c.op) {
    case 'empty': return text(`${label.zh}未填`, `${label.en} not filled in`);
    case 'not_empty': return text(`${label.zh} ${show(v)}`, `${label.en} ${show(v)}`);
    case 'within_days': {
      const days = daysBetween(end, String(v));
      return text(`${label.zh} ${show(v)}（${days} 天内）`, `${label.en} ${show(v)} (in ${days} days)`);
    }
    case 'past': {
      const days = daysBetween(String(v), end);
      return text(`${label.zh} ${show(v)}（已过 ${days} 天）`, `${label.en} ${show(v)} (${days} days ago)`);
    }
    case 'in': case 'eq': return text(`${label.zh}为 ${show(v)}`, `${label.en} is ${show(v)}`);
    case 'ne': return text(`${label.zh}为 ${show(v)}（不是 ${show(c.value as Value)}）`, `${label.en} is ${show(v)} (not ${show(c.value as Value)})`);
    default: {
      const sign = OP_SIGN[c.op]!;
      const limit = show(c.value as Value);
      return text(`${label.zh} ${show(v)}（${sign} ${limit}）`, `${label.en} ${show(v)} (${sign} ${limit})`);
    }
  }
}

/** `{field}` → the value, `{field.days}` → days from the week's end to the date (negative when past). */
function fillTemplate(template: string, entry: RuleEntry, week: WeekId): string {
  const end = weekEndDate(week);
  return template.replace(/\{([a-zA-Z][a-zA-Z0-9_]*)(\.days)?\}/g, (_, field: string, days?: string) => {
    const v = valueOf(entry, field);
    if (isEmpty(v)) return '—';
    if (days) {
      const d = asDate(v);
      return d === null ? '—' : String(daysBetween(end, d));
    }
    return show(v);
  });
}

/** The tags whose rule matches this entry, in the order they are configured. */
export function evaluateCustomTags(tags: CustomTags, entry: RuleEntry | null, week: WeekId): CustomTagMatch[] {
  if (!entry) return [];
  const out: CustomTagMatch[] = [];
  for (const [id, tag] of Object.entries(tags)) {
    const all = tag.when.all ?? [];
    const any = tag.when.any ?? [];
    if (!all.every((c) => conditionHolds(c, entry, week))) continue;
    const hits = any.filter((c) => conditionHolds(c, entry, week));
    if (any.length > 0 && hits.length === 0) continue;
    const quoted = [...all, ...hits].map((c) => describe(c, entry, week));
    const reason = tag.reason
      ? text(fillTemplate(tag.reason.zh, entry, week), fillTemplate(tag.reason.en, entry, week))
      : text(`${tag.label.zh}：${quoted.map((q) => q.zh).join('，')}`, `${tag.label.en}: ${quoted.map((q) => q.en).join(', ')}`);
    out.push({ tag: id, severity: tag.severity, route: tag.route, label: tag.label, reason });
  }
  return out;
}
