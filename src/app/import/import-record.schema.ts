// Validation of one import record: who (week, rep, customer), the customer's attributes, and the
// template fields (through the core's parseEntry, the same validator the chat forms use).
import type { LocalizedText } from '../../core/i18n.js';
import { text } from '../../core/i18n.js';
import type { Tier } from '../../core/customer-risk/types.js';
import { parseCustomValues, parseEntry } from '../../core/weekly-report/entry.schema.js';
import type { CustomValues, EntryValues, ReportTemplate } from '../../core/weekly-report/template.js';
import { isWeekId, type WeekId } from '../../core/weekly-report/week.js';
import { cleanName } from '../../core/team.js';
import { resolveChoice, TIER_OPTIONS } from '../../core/weekly-report/columns.js';

export { IDENTITY_COLUMNS } from '../../core/weekly-report/columns.js';

export interface ImportRecord {
  /** The team's name as written (matched trimmed, case-insensitively); undefined: the command's team. */
  team?: string;
  week: WeekId;
  /** As written; matched case-insensitively. */
  rep: string;
  repName: string;
  customer: string;
  /** undefined = not given (keep what is stored). */
  industry?: string;
  region?: string;
  tier?: Tier;
  since?: string;
  values: EntryValues;
  /** The rep marked the customer "no change" that week (the export's `carried` column says yes). */
  carried?: boolean;
  /**
   * The team's custom fields (config template.custom) by id, validated like the forms' (blank = none).
   * undefined when the record has none of their columns: what is stored is kept.
   */
  custom?: CustomValues;
}

export interface RecordIssue {
  field: string;
  /** What is wrong, as a sentence: "expected an ISO week…" or the template's own message. */
  expected: LocalizedText;
  /** A short rendering of the offending value, when there is one. */
  got?: string;
}

/** "expected <what>" in both languages. */
export const expectation = (what: LocalizedText): LocalizedText => text(`应为${what.zh}`, `expected ${what.en}`);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export function showValue(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

// Weeks and dates repeat through a file (a year has 53 weeks, a few hundred days): each checked once.
const memo = <T>(check: (s: string) => T): ((s: string) => T) => {
  const seen = new Map<string, T>();
  return (s) => {
    let r = seen.get(s);
    if (r === undefined) {
      if (seen.size >= 10_000) seen.clear();
      seen.set(s, (r = check(s)));
    }
    return r;
  };
};

const isDate = memo(checkDate);
const isWeek = memo(isWeekId);

function checkDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

interface ChoiceColumn {
  id: string;
  /** The ids themselves: nothing to resolve. */
  values: ReadonlySet<string>;
  /** Other words seen, resolved once each (null: none of the options). */
  resolved: Map<string, string | null>;
  options: ReadonlyArray<{ value: string; label: LocalizedText }>;
}

const choiceColumnsOf = new WeakMap<ReportTemplate, ChoiceColumn[]>();

function choiceColumns(template: ReportTemplate): ChoiceColumn[] {
  let columns = choiceColumnsOf.get(template);
  if (!columns) {
    const column = (id: string, options: ReadonlyArray<{ value: string; label: LocalizedText }>): ChoiceColumn =>
      ({ id, options, values: new Set(options.map((o) => o.value)), resolved: new Map() });
    columns = [
      ...template.fields.flatMap((f) => (f.kind === 'choice' && f.options ? [column(f.id, f.options)] : [])),
      ...(template.custom ?? []).flatMap((f) => (f.kind === 'select' && f.options ? [column(f.id, f.options)] : [])),
      column('tier', TIER_OPTIONS),
    ];
    choiceColumnsOf.set(template, columns);
  }
  return columns;
}

/** Choice values given as labels or common words (服务, 绿, 已成交, 重点客户 …) replaced by their ids. */
function canonicalChoices(template: ReportTemplate, raw: Record<string, unknown>): Record<string, unknown> {
  let out = raw;
  for (const c of choiceColumns(template)) {
    const v = raw[c.id];
    if (typeof v !== 'string' || c.values.has(v) || v.trim() === '') continue;
    let canonical = c.resolved.get(v);
    if (canonical === undefined) {
      canonical = resolveChoice(c.id, c.options, v);
      if (c.resolved.size < 1000) c.resolved.set(v, canonical);
    }
    if (canonical !== null && canonical !== v) {
      if (out === raw) out = { ...raw };
      out[c.id] = canonical;
    }
  }
  return out;
}

const CARRIED_WORDS = new Map<string, boolean>([
  ...['yes', 'y', 'true', '1', '是', '沿用', '无变化'].map((w) => [w, true] as const),
  ...['no', 'n', 'false', '0', '否'].map((w) => [w, false] as const),
]);

/** Validate a raw record (JSON object, or CSV row keyed by header with empty cells as null). */
export function parseImportRecord(template: ReportTemplate, given: Record<string, unknown>):
  { ok: true; record: ImportRecord } | { ok: false; issues: RecordIssue[] } {
  const raw = canonicalChoices(template, given);
  const issues: RecordIssue[] = [];
  const bad = (field: string, what: LocalizedText) => issues.push({ field, expected: expectation(what), got: showValue(raw[field]) });
  const str = (field: string, max: number, required: boolean, what: LocalizedText): string | undefined => {
    const v = raw[field];
    if (blank(v)) {
      if (required) bad(field, what);
      return undefined;
    }
    if (typeof v !== 'string' || v.trim().length > max) {
      bad(field, what);
      return undefined;
    }
    return v.trim();
  };

  const team = str('team', 200, false, text('团队名称（最多 200 字）', 'a team name (at most 200 characters)'));
  const week = str('week', 8, true, text('ISO 周，格式 YYYY-Www（如 2026-W40）', 'an ISO week as YYYY-Www (e.g. 2026-W40)'));
  if (week !== undefined && !isWeek(week)) bad('week', text('存在的 ISO 周，格式 YYYY-Www（如 2026-W40）', 'an existing ISO week as YYYY-Www (e.g. 2026-W40)'));
  const rep = str('rep', 254, true, text('销售的邮箱地址', "the rep's email address"));
  if (rep !== undefined && !EMAIL.test(rep)) bad('rep', text('销售的邮箱地址', "the rep's email address"));
  const repNameGiven = str('repName', 200, false, text('销售姓名（最多 200 字）', "the rep's name (at most 200 characters)"));
  const repName = repNameGiven === undefined || cleanName(repNameGiven) === '' ? undefined : cleanName(repNameGiven);
  const customerGiven = str('customer', 200, true, text('客户名称（1–200 字）', 'the customer name (1–200 characters)'));
  // Zero-width and bidi characters are dropped: what is left must still be a name.
  const customer = customerGiven === undefined ? undefined : cleanName(customerGiven);
  if (customer === '') bad('customer', text('客户名称（1–200 字）', 'the customer name (1–200 characters)'));
  const industry = str('industry', 100, false, text('行业（最多 100 字）', 'an industry (at most 100 characters)'));
  const region = str('region', 100, false, text('区域（最多 100 字）', 'a region (at most 100 characters)'));
  const tierRaw = str('tier', 10, false, text('客户级别：key | normal', 'the tier: key | normal'));
  const tier = tierRaw?.toLowerCase();
  if (tier !== undefined && tier !== 'key' && tier !== 'normal') bad('tier', text('客户级别：key | normal', 'the tier: key | normal'));
  const since = str('since', 10, false, text('合作起始日期，格式 YYYY-MM-DD', 'the customer-since date as YYYY-MM-DD'));
  if (since !== undefined && !isDate(since)) bad('since', text('合作起始日期，格式 YYYY-MM-DD', 'the customer-since date as YYYY-MM-DD'));

  // "no change" entries (an export's `carried` column): last week's values, this week's flows unknown, so
  // required fields may be empty.
  const carriedRaw = raw.carried;
  const carried = blank(carriedRaw) ? false : CARRIED_WORDS.get(String(carriedRaw).trim().toLowerCase());
  if (carried === undefined) bad('carried', text('是否沿用上周：yes 或留空', 'whether last week was carried: yes, or empty'));
  const entry = parseEntry(carried ? { ...template, fields: template.fields.map((f) => ({ ...f, required: false })) } : template, raw);
  if (!entry.ok) for (const i of entry.issues) issues.push({ field: i.field, expected: i.message, got: showValue(raw[i.field]) });
  // Custom columns: validated only when the record has at least one (an older file without them keeps what is stored).
  const customFields = template.custom ?? [];
  const hasCustom = customFields.some((f) => f.id in raw);
  const custom = hasCustom ? parseCustomValues(template, raw) : null;
  if (custom && !custom.ok) for (const i of custom.issues) issues.push({ field: i.field, expected: i.message, got: showValue(raw[i.field]) });

  if (issues.length > 0 || !entry.ok || (custom && !custom.ok)) return { ok: false, issues };
  const record: ImportRecord = {
    week: week!, rep: rep!, repName: repName ?? rep!.split('@')[0]!, customer: customer!, values: entry.value,
    ...(custom ? { custom: custom.value } : {}),
  };
  if (team !== undefined) record.team = team;
  if (carried) record.carried = true;
  if (industry !== undefined) record.industry = industry;
  if (region !== undefined) record.region = region;
  if (tier !== undefined) record.tier = tier as Tier;
  if (since !== undefined) record.since = since;
  return { ok: true, record };
}
