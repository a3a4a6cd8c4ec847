// The per-customer weekly entry form (and the "new customer" form). Field ids are the template ids.
import type { Locale, LocalizedText } from '../../core/i18n.js';
import type { CustomField, CustomFieldKind, CustomValues, EntryValues, FieldKind, ReportTemplate, TemplateField } from '../../core/weekly-report/template.js';
import { carryCustomValues, DEFAULT_TEMPLATE, formOrder } from '../../core/weekly-report/template.js';
import { prefillEntry } from '../../core/weekly-report/carry.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import { encodeAction } from '../../ui/action.js';
import type { FormField, FormFieldKind, FormSpec } from '../../ui/form.js';
import { L } from '../shared/view-text.js';
import { progressFormFields, progressFormValues, type ProgressTask } from '../follow-up/progress-fields.view.js';
import { say } from '../../core/i18n.js';
import { commonText } from '../shared/common.messages.js';
import { weeklyReportText } from './weekly-report.messages.js';

/** Field id of the customer name on the new-customer form. */
export const CUSTOMER_NAME_FIELD = 'customerName';

const KIND: Record<FieldKind, FormFieldKind> = {
  count: 'integer',
  money: 'decimal',
  date: 'date',
  choice: 'select',
  text: 'textarea',
};

/** One template field as a form field: label with unit, help as hint, localized options. */
export function formFieldOf(field: TemplateField, locale: Locale): FormField {
  const label = field.unit ? `${say(locale, field.label)}${say(locale, weeklyReportText.unitSuffix(field.unit))}` : say(locale, field.label);
  const out: FormField = { id: field.id, label, kind: KIND[field.kind], required: field.required, hint: say(locale, field.help) };
  if (field.options) return { ...out, options: field.options.map((o) => ({ value: o.value, label: say(locale, o.label) })) };
  if (field.kind === 'count' || field.kind === 'money') return { ...out, min: 0 };
  if (field.kind === 'text') return { ...out, maxLength: field.maxLength ?? 1000 };
  if (field.kind === 'date') return { ...out, placeholder: 'YYYY-MM-DD' };
  return out;
}

const CUSTOM_KIND: Record<CustomFieldKind, FormFieldKind> = {
  integer: 'integer',
  number: 'decimal',
  money: 'decimal',
  date: 'date',
  select: 'select',
  text: 'text',
};

/** One custom field (config template.custom) as a form field: its id is the form field name. */
export function customFormFieldOf(field: CustomField, locale: Locale): FormField {
  const out: FormField = {
    id: field.id, label: say(locale, field.label), kind: CUSTOM_KIND[field.kind], required: field.required,
    ...(field.help ? { hint: say(locale, field.help) } : {}),
  };
  if (field.options) return { ...out, options: field.options.map((o) => ({ value: o.value, label: say(locale, o.label) })) };
  if (field.kind === 'money') return { ...out, min: 0 };
  if (field.kind === 'text') return { ...out, maxLength: field.maxLength ?? 1000 };
  if (field.kind === 'date') return { ...out, placeholder: 'YYYY-MM-DD' };
  return out;
}

/** The form's fields in the template's order: visible built-ins (hidden ones left out) and custom fields. */
export function templateFormFields(template: ReportTemplate, locale: Locale): FormField[] {
  const builtIn = new Map(template.fields.map((f) => [f.id as string, f]));
  const custom = new Map((template.custom ?? []).map((f) => [f.id, f]));
  return formOrder(template).flatMap((id) => {
    const b = builtIn.get(id);
    if (b) return [formFieldOf(b, locale)];
    const c = custom.get(id);
    return c ? [customFormFieldOf(c, locale)] : [];
  });
}

/** Custom values → form strings; empty values are left out. */
export function customToFormValues(values: CustomValues | null | undefined, template: ReportTemplate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of template.custom ?? []) {
    const v = values?.[field.id];
    if (v === null || v === undefined || v === '') continue;
    out[field.id] = String(v);
  }
  return out;
}

/** EntryValues → form strings; empty values (and hidden fields) are left out. */
export function entryToFormValues(values: EntryValues, template: ReportTemplate = DEFAULT_TEMPLATE): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of template.fields) {
    if (field.hidden) continue;
    const v = values[field.id];
    if (v === null || v === undefined || v === '') continue;
    out[field.id] = String(v);
  }
  return out;
}

/** What platforms send back (Feishu multi-selects send arrays) → the raw strings to show again. */
export function rawFormValues(raw: Readonly<Record<string, string | string[]>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const s = Array.isArray(v) ? (v[0] ?? '') : v;
    if (typeof s === 'string' && s !== '') out[k] = s;
  }
  return out;
}

/** Validation messages by field id, localized. Accepts entry-schema FieldIssues or a plain map. */
export function localizeErrors(
  issues: ReadonlyArray<{ field: string; message: LocalizedText }> | Readonly<Record<string, LocalizedText>>,
  locale: Locale,
): Record<string, string> {
  const list = Array.isArray(issues)
    ? (issues as ReadonlyArray<{ field: string; message: LocalizedText }>)
    : Object.entries(issues as Record<string, LocalizedText>).map(([field, message]) => ({ field, message }));
  const out: Record<string, string> = {};
  // First message per field wins: one clear message beats a list.
  for (const i of list) if (!(i.field in out)) out[i.field] = say(locale, i.message);
  return out;
}

export interface EntryFormModel {
  week: WeekId;
  customer: { id: number; name: string };
  /** The customer's latest entry before this week (pre-fills carry-over fields). */
  lastEntry: EntryValues | null;
  /** The week of `lastEntry`: overdue days are aged from it, as the scorer estimates them. */
  lastEntryWeek?: WeekId | null;
  /** This week's saved entry, if any: shown as-is instead of last week's values. */
  thisWeek: EntryValues | null;
  /** Custom field values of `lastEntry` (the carrying ones pre-fill, see customCarries). */
  lastCustom?: CustomValues | null;
  /** Custom field values of `thisWeek`. */
  thisWeekCustom?: CustomValues | null;
  /** Optional one-line status shown in the intro (e.g. "上周 🔴 A 78"). */
  status?: string;
  /** The customer's open follow-ups: each asks for this week's progress below the template fields. */
  tasks?: readonly ProgressTask[];
  template?: ReportTemplate;
}

/**
 * What the form starts with: this week's saved entry as it is, else last week's carried forward (built-in
 * carry-over fields, overdue days aged, this week's counts at 0; custom fields by customCarries).
 */
export function entryFormStart(model: EntryFormModel): { values: EntryValues; custom: CustomValues } {
  const template = model.template ?? DEFAULT_TEMPLATE;
  if (model.thisWeek) return { values: model.thisWeek, custom: model.thisWeekCustom ?? {} };
  return {
    values: prefillEntry(template, model.lastEntry, model.lastEntryWeek ?? null, model.week),
    custom: carryCustomValues(template, model.lastEntry ? model.lastCustom : null),
  };
}

/** The form for one customer and week; `formId` encodes report.save {week, customerId}. */
export function entryForm(model: EntryFormModel, locale: Locale): FormSpec {
  const template = model.template ?? DEFAULT_TEMPLATE;
  const start = entryFormStart(model);
  const intro = [
    `${model.customer.name} · ${model.week}`,
    model.thisWeek ? say(locale, weeklyReportText.savedThisWeekEditAs) : model.lastEntry ? say(locale, weeklyReportText.preFilledFromLastWeek) : say(locale, weeklyReportText.noEntryLastWeek),
    ...(model.status ? [model.status] : []),
  ].join(' · ');
  return {
    formId: encodeAction({ kind: 'report.save', args: { week: model.week, customerId: String(model.customer.id) } }),
    title: say(locale, weeklyReportText.weeklyEntry),
    submitLabel: say(locale, L.save),
    cancelLabel: say(locale, L.cancel),
    intro,
    fields: [...templateFormFields(template, locale), ...(model.tasks ?? []).flatMap((task) => progressFormFields(task, locale))],
    values: {
      ...entryToFormValues(start.values, template), ...customToFormValues(start.custom, template),
      ...Object.assign({}, ...(model.tasks ?? []).map(progressFormValues)),
    },
  };
}

/** The same form shown again after a rejected submit: the raw strings typed are kept, messages attached. */
export function entryFormWithErrors(
  model: EntryFormModel,
  submitted: Readonly<Record<string, string | string[]>>,
  issues: ReadonlyArray<{ field: string; message: LocalizedText }> | Readonly<Record<string, LocalizedText>>,
  locale: Locale,
): FormSpec {
  return { ...entryForm(model, locale), values: rawFormValues(submitted), errors: localizeErrors(issues, locale) };
}

export interface NewCustomerFormModel {
  week: WeekId;
  template?: ReportTemplate;
}

/** "Add customer": the customer's name plus the template fields; `formId` encodes report.new {week}. */
export function newCustomerForm(model: NewCustomerFormModel, locale: Locale): FormSpec {
  const template = model.template ?? DEFAULT_TEMPLATE;
  const nameField: FormField = {
    id: CUSTOMER_NAME_FIELD,
    label: say(locale, weeklyReportText.customerName),
    kind: 'text',
    required: true,
    hint: say(locale, weeklyReportText.anExistingCustomerWithThis),
    maxLength: 200,
  };
  return {
    formId: encodeAction({ kind: 'report.new', args: { week: model.week } }),
    title: say(locale, L.addCustomer),
    submitLabel: say(locale, L.save),
    cancelLabel: say(locale, L.cancel),
    intro: say(locale, weeklyReportText.newCustomer(model.week)),
    fields: [nameField, ...templateFormFields(template, locale)],
    values: {},
  };
}

export function newCustomerFormWithErrors(
  model: NewCustomerFormModel,
  submitted: Readonly<Record<string, string | string[]>>,
  issues: ReadonlyArray<{ field: string; message: LocalizedText }> | Readonly<Record<string, LocalizedText>>,
  locale: Locale,
): FormSpec {
  return { ...newCustomerForm(model, locale), values: rawFormValues(submitted), errors: localizeErrors(issues, locale) };
}
