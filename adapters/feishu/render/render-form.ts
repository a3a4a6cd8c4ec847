// FormSpec → one Card JSON 2.0 card with a root `form` container. Each field's `name` is the field id,
// so the submitted `form_value` maps straight back to FormSpec ids. Feishu has no numeric input and
// no per-field error state: numbers are text validated by the core, and errors are red text under
// the field while the submitted values stay in place.
import { FIXED_TEXT, fixedText } from '../../shared/fixed-text.js';
import type { FormField, FormSpec } from '../../../src/ui/form.js';
import type { Card2, Card2InnerElement, ColumnSetElement, DatePickerElement, InputElement, SelectStaticElement } from './card-v2.types.js';
import { MAX_BUTTON_TEXT, MAX_CARD_BYTES, MAX_INPUT_LENGTH, MAX_PLACEHOLDER_LENGTH, MAX_TITLE_CHARS } from '../limits.js';
import { errorText, escapeMarkdown, truncate } from './markdown.js';
import { markdown } from './blocks.js';
import { jsonBytes } from './check-card.js';

/** Callback value keys on form buttons. */
export const FORM_ID_KEY = 'formId';
export const FORM_CANCEL_KEY = 'cancel';
/** Names of the form's own buttons; field ids must not use them. */
export const SUBMIT_BUTTON_NAME = 'form_submit';

/**
 * The submit button's `name` carries the formId (base64url after `form_submit_`): a form submit's
 * callback always names the clicked button, while buttons inside a form have no callback value of
 * their own. So a form submitted after a restart is still recognised, with nothing kept in memory.
 */
export function submitButtonName(formId: string): string {
  return `${SUBMIT_BUTTON_NAME}_${Buffer.from(formId, 'utf8').toString('base64url')}`;
}

/** The formId in a submit button's name, or null. */
export function formIdFromButtonName(name: unknown): string | null {
  if (typeof name !== 'string' || !name.startsWith(`${SUBMIT_BUTTON_NAME}_`)) return null;
  const encoded = name.slice(SUBMIT_BUTTON_NAME.length + 1);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return null;
  const formId = Buffer.from(encoded, 'base64url').toString('utf8');
  return formId.length > 0 && !formId.includes('\uFFFD') ? formId : null;
}
export const FORM_CONTAINER_NAME = 'report_form';

const DATE = /^(\d{4}-\d{2}-\d{2})(?:\s|$)/;
const NUMBER_HINT: Record<'integer' | 'decimal', string> = { integer: '整数 / whole number', decimal: '数字 / number' };

const plain = (content: string) => ({ tag: 'plain_text' as const, content });

function placeholder(field: FormField): string | undefined {
  const p = field.placeholder ?? (field.kind === 'integer' || field.kind === 'decimal' ? NUMBER_HINT[field.kind] : undefined);
  return p === undefined ? undefined : truncate(p, MAX_PLACEHOLDER_LENGTH);
}

/**
 * How much of a form's text we keep. A form is one card (the form container cannot be split), so one
 * over 30 KB is re-rendered with shorter hints, intro, labels, options and prefilled values until it fits.
 */
interface Squeeze {
  hints: boolean;
  introChars: number;
  labelChars: number;
  optionChars: number;
  maxOptions: number;
  valueChars: number;
}

const SQUEEZES: readonly Squeeze[] = [
  { hints: true, introChars: Infinity, labelChars: Infinity, optionChars: Infinity, maxOptions: Infinity, valueChars: MAX_INPUT_LENGTH },
  { hints: false, introChars: 500, labelChars: 200, optionChars: 60, maxOptions: Infinity, valueChars: MAX_INPUT_LENGTH },
  { hints: false, introChars: 200, labelChars: 100, optionChars: 30, maxOptions: 200, valueChars: 300 },
  { hints: false, introChars: 100, labelChars: 60, optionChars: 20, maxOptions: 100, valueChars: 100 },
  { hints: false, introChars: 0, labelChars: 30, optionChars: 12, maxOptions: 50, valueChars: 0 },
];

export const SHORTENED_NOTE = '部分预填内容过长，已截短，请检查后再提交 / Some prefilled values were too long and were shortened; check them before submitting';

function input(field: FormField, value: string, sq: Squeeze): InputElement {
  const ph = placeholder(field);
  const shown = truncate(value, Math.min(MAX_INPUT_LENGTH, sq.valueChars));
  return {
    tag: 'input',
    name: field.id,
    required: field.required,
    ...(shown !== '' && sq.valueChars > 0 ? { default_value: shown } : {}),
    ...(ph ? { placeholder: plain(ph) } : {}),
    ...(field.kind === 'textarea' ? { input_type: 'multiline_text' as const, rows: 3 } : {}),
    max_length: Math.min(field.maxLength ?? MAX_INPUT_LENGTH, MAX_INPUT_LENGTH),
    width: 'fill',
  };
}

function datePicker(field: FormField, value: string): DatePickerElement {
  // Values come back as "2024-04-01 +0800"; the picker's initial_date is just the date.
  const date = DATE.exec(value)?.[1];
  return {
    tag: 'date_picker',
    name: field.id,
    required: field.required,
    ...(date ? { initial_date: date } : { placeholder: plain(truncate(field.placeholder ?? '选择日期 / Pick a date', MAX_PLACEHOLDER_LENGTH)) }),
    width: 'fill',
  };
}

function select(field: FormField, value: string, sq: Squeeze): SelectStaticElement {
  // The selected option is always kept, whatever else is cut.
  const all = field.options ?? [];
  const kept = all.slice(0, sq.maxOptions);
  const chosen = all.find((o) => o.value === value);
  if (chosen && !kept.includes(chosen)) kept.push(chosen);
  const options = kept.map((o) => ({ text: plain(truncate(o.label, sq.optionChars)), value: o.value }));
  const selected = options.some((o) => o.value === value) ? value : undefined;
  return {
    tag: 'select_static',
    name: field.id,
    required: field.required,
    ...(selected !== undefined ? { initial_option: selected } : { placeholder: plain(truncate(field.placeholder ?? '请选择 / Choose', MAX_PLACEHOLDER_LENGTH)) }),
    options,
    width: 'fill',
  };
}

function fieldElements(field: FormField, value: string, error: string | undefined, sq: Squeeze): Card2InnerElement[] {
  const label = `**${escapeMarkdown(truncate(field.label, sq.labelChars))}**${field.required ? " <font color='red'>*</font>" : ''}`;
  const hint = field.hint && sq.hints ? `\n<font color='grey'>${escapeMarkdown(field.hint)}</font>` : '';
  const control = field.kind === 'date' ? datePicker(field, value) : field.kind === 'select' ? select(field, value, sq) : input(field, value, sq);
  return [markdown(label + hint), control, ...(error ? [markdown(errorText(truncate(error, Math.max(60, sq.labelChars * 2))))] : [])];
}

function buttons(form: FormSpec): ColumnSetElement {
  return {
    tag: 'column_set',
    flex_mode: 'none',
    horizontal_spacing: 'small',
    columns: [
      {
        tag: 'column',
        width: 'auto',
        elements: [{
          tag: 'button',
          name: submitButtonName(form.formId),
          text: plain(truncate(form.submitLabel, MAX_BUTTON_TEXT)),
          type: 'primary_filled',
          form_action_type: 'submit',
          behaviors: [{ type: 'callback', value: { [FORM_ID_KEY]: form.formId } }],
        }],
      },
    ],
  };
}

/**
 * The form as one card: header, intro, a root `form` with one control per field, submit; cancel below.
 * Always within 30 KB: an oversize form is re-rendered with less text (see SQUEEZES), and says so when
 * a prefilled value had to be shortened.
 */
export function renderFormCard(form: FormSpec): Card2 {
  let card = formCard(form, SQUEEZES[0]!);
  for (const sq of SQUEEZES.slice(1)) {
    if (jsonBytes(card) <= MAX_CARD_BYTES) break;
    card = formCard(form, sq);
  }
  return card;
}

function formCard(form: FormSpec, sq: Squeeze): Card2 {
  const errors = form.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const fields = form.fields.flatMap((f) => fieldElements(f, form.values[f.id] ?? '', errors[f.id], sq));
  const intro = form.intro && sq.introChars > 0 ? [markdown(escapeMarkdown(truncate(form.intro, sq.introChars)))] : [];
  const shortened = form.fields.some((f) => f.kind !== 'date' && f.kind !== 'select' && (form.values[f.id] ?? '').length > Math.min(MAX_INPUT_LENGTH, sq.valueChars) && sq.valueChars < MAX_INPUT_LENGTH);
  const banner = [
    ...(hasErrors ? [markdown(errorText(fixedText(FIXED_TEXT.fixFields)))] : []),
    ...(shortened ? [markdown(errorText(SHORTENED_NOTE))] : []),
  ];
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: truncate(form.title, 100) } },
    header: { title: plain(truncate(form.title, MAX_TITLE_CHARS)), template: hasErrors ? 'red' : 'blue' },
    body: {
      elements: [
        ...intro,
        ...banner,
        { tag: 'form', name: FORM_CONTAINER_NAME, elements: [...fields, buttons(form)] },
        // Cancel sits outside the form: inside one, buttons must submit or reset.
        {
          tag: 'button',
          text: plain(truncate(form.cancelLabel, MAX_BUTTON_TEXT)),
          type: 'text',
          size: 'small',
          behaviors: [{ type: 'callback', value: { [FORM_ID_KEY]: form.formId, [FORM_CANCEL_KEY]: '1' } }],
        },
      ],
    },
  };
}
