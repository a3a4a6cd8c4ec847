// Custom problem tags: a rule on a customer's latest report ("contract ends within 30 days", "payment
// method is cash and receivable > 100,000") → a named tag (zh/en) with a grade floor and a route, set by
// the boss without code (`scoring.customTags`). Pure: the schema, and the evaluation of one entry.
import { z } from 'zod';
import { text, type LocalizedText } from '../i18n.js';
import { ROLES, type Role } from '../team.js';
import { TAGS } from '../customer-risk/types.js';
import { DEFAULT_TEMPLATE, type CustomField, type CustomFieldKind, type EntryValues, type FieldKind, type TemplateField } from '../weekly-report/template.js';
import { addDays, daysBetween, weekEndDate, type WeekId } from '../weekly-report/week.js';

export const CONDITION_OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'ne', 'in', 'within_days', 'past', 'empty', 'not_empty'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

const BUILT_IN_TAG_IDS: readonly string[] = TAGS;

const FIELD_KIND = new Map<string, FieldKind>(DEFAULT_TEMPLATE.fields.map((f) => [f.id, f.kind]));

/** What a rule needs to know of a field: its kind (custom kinds mapped onto the built-in ones), label and options. */
export interface RuleField {
  kind: FieldKind;
  label: LocalizedText;
  options?: ReadonlyArray<{ value: string; label: LocalizedText }>;
}
/** Every field a rule may name, by id: the built-in fields and the team's custom fields (`template.custom`). */
export type RuleFields = ReadonlyMap<string, RuleField>;

const CUSTOM_KIND: Record<CustomFieldKind, FieldKind> = { integer: 'count', number: 'count', money: 'money', date: 'date', text: 'text', select: 'choice' };

/** The fields of a template as rules see them (labels as the team set them). */
export function ruleFieldsOf(template: { fields: readonly TemplateField[]; custom?: readonly CustomField[] | undefined }): RuleFields {
  const out = new Map<string, RuleField>();
  for (const f of template.fields) out.set(f.id, { kind: f.kind, label: f.label, ...(f.options ? { options: f.options } : {}) });
  for (const f of template.custom ?? []) out.set(f.id, { kind: CUSTOM_KIND[f.kind], label: f.label, ...(f.options ? { options: f.options } : {}) });
  return out;
}

/** The built-in fields only (no custom fields configured). */
export const DEFAULT_RULE_FIELDS: RuleFields = ruleFieldsOf(DEFAULT_TEMPLATE);

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

const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const OP_SIGN: Partial<Record<ConditionOp, string>> = { gt: '>', gte: '≥', lt: '<', lte: '≤' };

/** A value as people read it: numbers grouped, a choice by its option's label ("谈判中", not "negotiation"). */
function shown(v: Value, field: RuleField | undefined, locale: 'zh' | 'en'): string {
  if (typeof v === 'number') return num(v);
  const option = typeof v === 'string' ? field?.options?.find((o) => o.value.toLowerCase() === v.trim().toLowerCase()) : undefined;
  return option ? option.label[locale] : String(v);
}

/** One matched condition in words, quoting the value: "合同结束 2026-12-20（17 天内）". */
function describe(c: CustomTagCondition, entry: RuleEntry, week: WeekId, fields: RuleFields): LocalizedText {
  const field = fields.get(c.field);
  const label = field?.label ?? text(c.field, c.field);
  const v = valueOf(entry, c.field);
  const end = weekEndDate(week);
  const zh = shown(v, field, 'zh');
  const en = shown(v, field, 'en');
  switch (c.op) {
    case 'empty': return text(`${label.zh}未填`, `${label.en} not filled in`);
    case 'not_empty': return text(`${label.zh} ${zh}`, `${label.en} ${en}`);
    case 'within_days': {
      const days = daysBetween(end, String(v));
      return text(`${label.zh} ${zh}（${days} 天内）`, `${label.en} ${en} (in ${days} days)`);
    }
    case 'past': {
      const days = daysBetween(String(v), end);
      return text(`${label.zh} ${zh}（已过 ${days} 天）`, `${label.en} ${en} (${days} days ago)`);
    }
    case 'in': case 'eq': return text(`${label.zh}为 ${zh}`, `${label.en} is ${en}`);
    case 'ne': {
      const other = c.value as Value;
      return text(`${label.zh}为 ${zh}（不是 ${shown(other, field, 'zh')}）`, `${label.en} is ${en} (not ${shown(other, field, 'en')})`);
    }
    default: {
      const sign = OP_SIGN[c.op]!;
      const limit = c.value as Value;
      return text(`${label.zh} ${zh}（${sign} ${shown(limit, field, 'zh')}）`, `${label.en} ${en} (${sign} ${shown(limit, field, 'en')})`);
    }
  }
}

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9_]*)(\.days)?\}/g;

/** `{field}` → the value, `{field.days}` → days from the week's end to the date (negative when past). */
function fillTemplate(template: string, entry: RuleEntry, week: WeekId, fields: RuleFields, locale: 'zh' | 'en'): string {
  const end = weekEndDate(week);
  return template.replace(PLACEHOLDER, (_, field: string, days?: string) => {
    const v = valueOf(entry, field);
    if (isEmpty(v)) return '—';
    if (days) {
      const d = asDate(v);
      return d === null ? '—' : String(daysBetween(end, d));
    }
    return shown(v, fields.get(field), locale);
  });
}

/** The tags whose rule matches this entry, in the order they are configured. */
export function evaluateCustomTags(tags: CustomTags, entry: RuleEntry | null, week: WeekId, fields: RuleFields = DEFAULT_RULE_FIELDS): CustomTagMatch[] {
  if (!entry) return [];
  const out: CustomTagMatch[] = [];
  for (const [id, tag] of Object.entries(tags)) {
    const all = tag.when.all ?? [];
    const any = tag.when.any ?? [];
    if (!all.every((c) => conditionHolds(c, entry, week))) continue;
    const hits = any.filter((c) => conditionHolds(c, entry, week));
    if (any.length > 0 && hits.length === 0) continue;
    const quoted = [...all, ...hits].map((c) => describe(c, entry, week, fields));
    const reason = tag.reason
      ? text(fillTemplate(tag.reason.zh, entry, week, fields, 'zh'), fillTemplate(tag.reason.en, entry, week, fields, 'en'))
      : text(`${tag.label.zh}：${quoted.map((q) => q.zh).join('，')}`, `${tag.label.en}: ${quoted.map((q) => q.en).join(', ')}`);
    out.push({ tag: id, severity: tag.severity, route: tag.route, label: tag.label, reason });
  }
  return out;
}

/** The fields the rules read that are not built-in (custom report fields): empty means no rule needs `entry.custom`. */
export function customFieldsRead(tags: CustomTags): string[] {
  const out = new Set<string>();
  for (const tag of Object.values(tags)) {
    for (const c of [...(tag.when.all ?? []), ...(tag.when.any ?? [])]) if (!FIELD_KIND.has(c.field)) out.add(c.field);
    for (const r of tag.reason ? [tag.reason.zh, tag.reason.en] : []) {
      for (const m of r.matchAll(PLACEHOLDER)) if (!FIELD_KIND.has(m[1]!)) out.add(m[1]!);
    }
  }
  return [...out];
}

/**
 * Rules checked against the team's fields: every field id a condition or a reason placeholder names must be a
 * built-in field or one of `template.custom`, and an operator must fit a custom field's kind (dates for
 * within_days/past, numbers for gt/lt, a select's own option values). Each problem names its key path.
 */
export function customTagFieldProblems(tags: CustomTags, fields: RuleFields, prefix = 'scoring.customTags'): string[] {
  const problems: string[] = [];
  const allowed = [...fields.keys()].join(', ');
  for (const [id, tag] of Object.entries(tags)) {
    for (const part of ['all', 'any'] as const) {
      (tag.when[part] ?? []).forEach((c, i) => {
        const key = `${prefix}.${id}.when.${part}.${i}`;
        const field = fields.get(c.field);
        if (!field) {
          problems.push(`${key}.field: unknown field "${c.field}" (expected a built-in or custom field id: ${allowed})`);
          return;
        }
        if (FIELD_KIND.has(c.field)) return; // built-in fields are checked by the schema itself
        const values = c.value === undefined ? [] : Array.isArray(c.value) ? c.value : [c.value];
        switch (c.op) {
          case 'gt': case 'gte': case 'lt': case 'lte':
            if (field.kind === 'date' && !(typeof c.value === 'string' && DATE.test(c.value))) problems.push(`${key}.value: ${c.op} on the date field ${c.field} needs a date YYYY-MM-DD`);
            else if ((field.kind === 'count' || field.kind === 'money') && typeof c.value !== 'number') problems.push(`${key}.value: ${c.op} on the number field ${c.field} needs a number`);
            else if (field.kind === 'text' || field.kind === 'choice') problems.push(`${key}.op: ${c.op} needs a number or date field; ${c.field} is ${field.kind === 'choice' ? 'select' : 'text'}`);
            break;
          case 'within_days': case 'past':
            if (field.kind !== 'date') problems.push(`${key}.op: ${c.op} needs a date field; ${c.field} is not a date`);
            break;
          case 'eq': case 'ne': case 'in':
            if (field.kind === 'choice' && field.options) {
              const known = field.options.map((o) => o.value.toLowerCase());
              const bad = values.find((v) => !known.includes(String(v).toLowerCase()));
              if (bad !== undefined) problems.push(`${key}.value: "${bad}" is not an option of ${c.field} (expected one of ${field.options.map((o) => o.value).join(', ')})`);
            }
            break;
          default:
            break;
        }
      });
    }
    for (const locale of ['zh', 'en'] as const) {
      const r = tag.reason?.[locale];
      if (!r) continue;
      for (const m of r.matchAll(PLACEHOLDER)) {
        if (!fields.has(m[1]!)) problems.push(`${prefix}.${id}.reason.${locale}: unknown field "{${m[1]}}" (expected a built-in or custom field id: ${allowed})`);
      }
    }
  }
  return problems;
}
