// FormSpec → one Card JSON 2.0 card with a root `form` container. Each field's `name` is the field id,
// so the submitted `form_value` maps straight back to FormSpec ids. Feishu has no numeric input and
// no per-field error state: numbers are text validated by the core, and errors are red text under
// the field while the submitted values stay in place.
import type { FormField, FormSpec } from '../../../src/ui/form.js';
import type { Card2, Card2InnerElement, ColumnSetElement, DatePickerElement, InputElement, SelectStaticElement } from './card-v2.types.js';
import { MAX_BUTTON_TEXT, MAX_INPUT_LENGTH, MAX_PLACEHOLDER_LENGTH, MAX_TITLE_CHARS } from '../limits.js';
import { errorText, escapeMarkdown, truncate } from './markdown.js';
import { markdown } from './blocks.js';

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

function input(field: FormField, value: string): InputElement {
  const ph = placeholder(field);
  return {
    tag: 'input',
    name: field.id,
    required: field.required,
    ...(value !== '' ? { default_value: truncate(value, MAX_INPUT_LENGTH) } : {}),
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

function select(field: FormField, value: string): SelectStaticElement {
  const options = (field.options ?? []).map((o) => ({ text: plain(o.label), value: o.value }));
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

function fieldElements(field: FormField, value: string, error: string | undefined): Card2InnerElement[] {
  const label = `**${escapeMarkdown(field.label)}**${field.required ? " <font color='red'>*</font>" : ''}`;
  const hint = field.hint ? `\n<font color='grey'>${escapeMarkdown(field.hint)}</font>` : '';
  const control = field.kind === 'date' ? datePicker(field, value) : field.kind === 'select' ? select(field, value) : input(field, value);
  return [markdown(label + hint), control, ...(error ? [markdown(errorText(error))] : [])];
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

/** The form as one card: header, intro, a root `form` with one control per field, submit; cancel below. */
export function renderFormCard(form: FormSpec): Card2 {
  const errors = form.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const fields = form.fields.flatMap((f) => fieldElements(f, form.values[f.id] ?? '', errors[f.id]));
  const intro = form.intro ? [markdown(escapeMarkdown(form.intro))] : [];
  const banner = hasErrors ? [markdown(errorText('请修正标红的字段 / Please fix the fields marked in red'))] : [];
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
