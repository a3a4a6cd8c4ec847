// One validator for a customer entry, whatever it came from: a Slack modal, a Feishu form (all strings),
// or an import line (JSON types). Issues name the field id, which is also the form field name.
import type { LocalizedText } from '../i18n.js';
import { text } from '../i18n.js';
import type { CustomField, CustomValues, EntryValues, FieldId, ReportTemplate, TemplateField } from './template.js';
import { EMPTY_ENTRY } from './template.js';

export interface FieldIssue {
  field: FieldId;
  message: LocalizedText;
}

export type EntryParseResult =
  | { ok: true; value: EntryValues }
  | { ok: false; issues: FieldIssue[]; partial: Partial<EntryValues> };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_MONEY = 1e12;
const MAX_COUNT = 100_000;

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/** Normalise what forms send: Feishu date pickers send "2024-04-01 +0800", selects may send arrays. */
function unwrap(raw: unknown): unknown {
  if (Array.isArray(raw)) return raw[0];
  return typeof raw === 'string' ? raw.trim() : raw;
}

function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return undefined;
  // Accept what people type: "50,000", "¥50000", "５０" (full-width digits).
  const cleaned = raw.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s¥￥$]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

// Dates repeat (a file of a year has a few hundred distinct ones): checked once each.
const dateMemo = new Map<string, string | undefined>();

function toDate(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  if (dateMemo.has(raw)) return dateMemo.get(raw);
  const d = checkDate(raw);
  if (dateMemo.size >= 10_000) dateMemo.clear();
  dateMemo.set(raw, d);
  return d;
}

function checkDate(raw: string): string | undefined {
  const candidate = raw.split(/[ T]/)[0] ?? '';
  const normalized = candidate.replace(/\//g, '-');
  const m = ISO_DATE.exec(normalized);
  if (!m) return undefined;
  const d = new Date(`${normalized}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== normalized) return undefined;
  return normalized;
}

/** What a field parser returns for a value it refuses. */
const INVALID = Symbol('invalid');
type FieldParser = (raw: unknown) => unknown;

// Parsers are built once per field definition: imports validate hundreds of thousands of entries (plain
// functions: a schema library's per-call machinery cost more than the checks themselves).
const parserCache = new WeakMap<TemplateField, FieldParser>();

function fieldParser(field: TemplateField): FieldParser {
  let parser = parserCache.get(field);
  if (!parser) parserCache.set(field, (parser = buildFieldParser(field)));
  return parser;
}

function buildFieldParser(field: TemplateField): FieldParser {
  switch (field.kind) {
    case 'count':
      return (raw) => {
        const n = toNumber(raw);
        return n === undefined || !Number.isInteger(n) || n < 0 || n > MAX_COUNT ? INVALID : n;
      };
    case 'money':
      return (raw) => {
        const n = toNumber(raw);
        return n === undefined || n < 0 || n > MAX_MONEY ? INVALID : Math.round(n * 100) / 100;
      };
    case 'date':
      return (raw) => toDate(raw) ?? INVALID;
    case 'choice': {
      const allowed = (field.options ?? []).map((o) => o.value);
      return (raw) => {
        const v = typeof raw === 'string' ? raw.toLowerCase() : raw;
        return typeof v !== 'string' || !allowed.includes(v) ? INVALID : v;
      };
    }
    case 'text': {
      const max = field.maxLength ?? 1000;
      return (raw) => (typeof raw !== 'string' || raw.length > max ? INVALID : raw);
    }
  }
}

function explain(field: TemplateField): LocalizedText {
  switch (field.kind) {
    case 'count':
      return text(`${field.label.zh}须为 0 或正整数`, `${field.label.en} must be a whole number, 0 or more`);
    case 'money':
      return text(`${field.label.zh}须为 0 或正数金额`, `${field.label.en} must be an amount of 0 or more`);
    case 'date':
      return text(`${field.label.zh}须为日期，格式 YYYY-MM-DD`, `${field.label.en} must be a date as YYYY-MM-DD`);
    case 'choice': {
      const values = (field.options ?? []).map((o) => o.value).join(' | ');
      return text(`${field.label.zh}须为以下之一：${values}`, `${field.label.en} must be one of: ${values}`);
    }
    case 'text':
      return text(`${field.label.zh}最多 ${field.maxLength ?? 1000} 字`, `${field.label.en} must be at most ${field.maxLength ?? 1000} characters`);
  }
}

/**
 * Validate one entry. Unknown keys are ignored (callers pass whole import records);
 * blank values become null; required fields must be present.
 */
export function parseEntry(template: ReportTemplate, raw: Record<string, unknown>): EntryParseResult {
  const issues: FieldIssue[] = [];
  const value: Record<string, unknown> = { ...EMPTY_ENTRY };
  for (const field of template.fields) {
    const input = unwrap(raw[field.id]);
    if (isBlank(input)) {
      if (field.required) {
        issues.push({ field: field.id, message: text(`请填写${field.label.zh}`, `${field.label.en} is required`) });
      }
      continue;
    }
    const parsed = fieldParser(field)(input);
    if (parsed !== INVALID) value[field.id] = parsed;
    else issues.push({ field: field.id, message: explain(field) });
  }
  if (issues.length > 0) return { ok: false, issues, partial: value as Partial<EntryValues> };
  return { ok: true, value: value as unknown as EntryValues };
}

export interface CustomFieldIssue {
  /** The custom field's id (also its form field name and import column). */
  field: string;
  message: LocalizedText;
}

export type CustomParseResult =
  | { ok: true; value: CustomValues }
  | { ok: false; issues: CustomFieldIssue[]; partial: CustomValues };

function customValue(field: CustomField, raw: unknown): string | number | undefined {
  switch (field.kind) {
    case 'integer': {
      const n = toNumber(raw);
      return n !== undefined && Number.isInteger(n) && Math.abs(n) <= MAX_MONEY ? n : undefined;
    }
    case 'number': {
      const n = toNumber(raw);
      return n !== undefined && Math.abs(n) <= MAX_MONEY ? n : undefined;
    }
    case 'money': {
      const n = toNumber(raw);
      return n !== undefined && n >= 0 && n <= MAX_MONEY ? Math.round(n * 100) / 100 : undefined;
    }
    case 'date':
      return toDate(raw);
    case 'select': {
      const allowed = (field.options ?? []).map((o) => o.value);
      return typeof raw === 'string' && allowed.includes(raw) ? raw : undefined;
    }
    case 'text':
      return typeof raw === 'string' && raw.length <= (field.maxLength ?? 1000) ? raw : undefined;
  }
}

function explainCustom(field: CustomField): LocalizedText {
  const { zh, en } = field.label;
  switch (field.kind) {
    case 'integer':
      return text(`${zh}须为整数`, `${en} must be a whole number`);
    case 'number':
      return text(`${zh}须为数字`, `${en} must be a number`);
    case 'money':
      return text(`${zh}须为 0 或正数金额`, `${en} must be an amount of 0 or more`);
    case 'date':
      return text(`${zh}须为日期，格式 YYYY-MM-DD`, `${en} must be a date as YYYY-MM-DD`);
    case 'select': {
      const values = (field.options ?? []).map((o) => o.value).join(' | ');
      return text(`${zh}须为以下之一：${values}`, `${en} must be one of: ${values}`);
    }
    case 'text':
      return text(`${zh}最多 ${field.maxLength ?? 1000} 字`, `${en} must be at most ${field.maxLength ?? 1000} characters`);
  }
}

/**
 * Validate the team's custom fields in one record (form submission or import line, keyed by field
 * id). Numbers as people type them ("1,200", "¥50"), Feishu date strings ("2024-04-01 +0800");
 * blank values become null; required custom fields must be present. Issues name the field's label.
 */
export function parseCustomValues(template: ReportTemplate, raw: Record<string, unknown>): CustomParseResult {
  const issues: CustomFieldIssue[] = [];
  const value: Record<string, string | number | null> = {};
  for (const field of template.custom ?? []) {
    const input = unwrap(raw[field.id]);
    if (isBlank(input)) {
      value[field.id] = null;
      if (field.required) issues.push({ field: field.id, message: text(`请填写${field.label.zh}`, `${field.label.en} is required`) });
      continue;
    }
    const v = customValue(field, input);
    if (v === undefined) {
      value[field.id] = null;
      issues.push({ field: field.id, message: explainCustom(field) });
    } else value[field.id] = v;
  }
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues, partial: value };
}
