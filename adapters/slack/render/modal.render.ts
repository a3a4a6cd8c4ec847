// FormSpec → Slack modal. Each field is one input block whose block_id AND action_id are the field
// id, so validation errors keyed by field id map straight onto `response_action: errors`.
import type {
  Datepicker, InputBlock, KnownBlock, ModalView, NumberInput, PlainTextInput, PlainTextOption, StaticSelect,
} from '@slack/types';
import type { FormField, FormSpec } from '../../../src/ui/form.js';
import {
  BLOCK_ID_MAX, INPUT_HINT_MAX, INPUT_LABEL_MAX, MODAL_CLOSE_MAX, MODAL_MAX_BLOCKS, MODAL_SUBMIT_MAX, MODAL_TITLE_MAX,
  OPTION_GROUP_LABEL_MAX, OPTION_TEXT_MAX, OPTION_VALUE_MAX, PLACEHOLDER_MAX, PLAIN_TEXT_INPUT_MAX,
  PRIVATE_METADATA_MAX, SECTION_TEXT_MAX, SELECT_MAX_OPTION_GROUPS, SELECT_MAX_OPTIONS, VIEW_ERROR_MAX,
} from '../limits.js';
import { clamp, escapeMrkdwn, splitMrkdwn } from './mrkdwn.js';

/** callback_id of every modal we open; the view listener matches on it. */
export const FORM_CALLBACK_ID = 'radar_form';

const NUMBER = /^-?\d+(\.\d+)?$/;
const INTEGER = /^-?\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const plain = (text: string, max: number): { type: 'plain_text'; text: string; emoji: true } => ({
  type: 'plain_text',
  text: clamp(text.trim() || '—', max),
  emoji: true,
});

function option(o: { value: string; label: string }): PlainTextOption {
  return { text: plain(o.label, OPTION_TEXT_MAX), value: o.value };
}

function selectElement(field: FormField, value: string | undefined): StaticSelect {
  // An option value longer than Slack allows cannot be shortened without changing its meaning.
  const options = (field.options ?? []).filter((o) => o.value.length > 0 && o.value.length <= OPTION_VALUE_MAX).map(option);
  const el: StaticSelect = { type: 'static_select', action_id: field.id };
  if (options.length <= SELECT_MAX_OPTIONS) {
    el.options = options;
  } else {
    // More than 100 options: option groups of 100 each (up to 100 groups) instead of dropping any.
    const groups = [];
    for (let i = 0; i < options.length && groups.length < SELECT_MAX_OPTION_GROUPS; i += SELECT_MAX_OPTIONS) {
      const slice = options.slice(i, i + SELECT_MAX_OPTIONS);
      const first = slice[0]?.text.text ?? '';
      const last = slice[slice.length - 1]?.text.text ?? '';
      groups.push({ label: plain(`${first} – ${last}`, OPTION_GROUP_LABEL_MAX), options: slice });
    }
    el.option_groups = groups;
  }
  const initial = value ? options.find((o) => o.value === value) : undefined;
  if (initial) el.initial_option = initial;
  if (field.placeholder) el.placeholder = plain(field.placeholder, PLACEHOLDER_MAX);
  return el;
}

function element(field: FormField, value: string | undefined): InputBlock['element'] {
  const placeholder = field.placeholder ? { placeholder: plain(field.placeholder, PLACEHOLDER_MAX) } : {};
  switch (field.kind) {
    case 'integer':
    case 'decimal': {
      const decimal = field.kind === 'decimal';
      const el: NumberInput = { type: 'number_input', action_id: field.id, is_decimal_allowed: decimal, ...placeholder };
      // number_input takes its numbers as strings; Slack rejects an initial value that is not one.
      if (value && (decimal ? NUMBER : INTEGER).test(value.trim())) el.initial_value = value.trim();
      if (field.min !== undefined && Number.isFinite(field.min)) el.min_value = String(field.min);
      return el;
    }
    case 'date': {
      const el: Datepicker = { type: 'datepicker', action_id: field.id, ...placeholder };
      if (value && DATE.test(value)) el.initial_date = value;
      return el;
    }
    case 'select':
      return selectElement(field, value);
    case 'text':
    case 'textarea': {
      const max = Math.min(field.maxLength ?? PLAIN_TEXT_INPUT_MAX, PLAIN_TEXT_INPUT_MAX);
      const el: PlainTextInput = { type: 'plain_text_input', action_id: field.id, max_length: max, ...placeholder };
      if (field.kind === 'textarea') el.multiline = true;
      if (value) el.initial_value = Array.from(value).slice(0, max).join('');
      return el;
    }
  }
}

function inputBlock(field: FormField, form: FormSpec): InputBlock {
  const error = form.errors?.[field.id];
  const hint = [error ? `⚠️ ${error}` : '', field.hint ?? ''].filter(Boolean).join(' — ');
  const block: InputBlock = {
    type: 'input',
    block_id: clamp(field.id, BLOCK_ID_MAX),
    label: plain(field.label, INPUT_LABEL_MAX),
    element: element(field, form.values[field.id]),
    optional: !field.required,
  };
  if (hint) block.hint = plain(hint, INPUT_HINT_MAX);
  return block;
}

/** Render a form as a modal view for views.open / views.update / `response_action: update`. */
export function renderModal(form: FormSpec): ModalView {
  const blocks: KnownBlock[] = [];
  if (form.intro?.trim()) {
    for (const text of splitMrkdwn(escapeMrkdwn(form.intro.trim()), SECTION_TEXT_MAX)) {
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
    }
  }
  const room = MODAL_MAX_BLOCKS - blocks.length;
  const fields = form.fields.slice(0, room);
  blocks.push(...fields.map((f) => inputBlock(f, form)));
  if (form.fields.length > room) {
    // A form is one customer's entry; more than ~90 fields is a template bug, said out loud.
    blocks[blocks.length - 1] = {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `⚠️ ${form.fields.length - room + 1} fields not shown / 部分字段未显示` }],
    };
  }
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    // The form id is an encoded ActionRef, itself limited to 2000 characters.
    private_metadata: form.formId.slice(0, PRIVATE_METADATA_MAX),
    title: plain(form.title, MODAL_TITLE_MAX),
    submit: plain(form.submitLabel, MODAL_SUBMIT_MAX),
    close: plain(form.cancelLabel, MODAL_CLOSE_MAX),
    blocks,
  };
}

export interface ViewErrorsResponse {
  response_action: 'errors';
  errors: Record<string, string>;
}

/**
 * The ack body that shows inline errors in the open modal, keyed by input block_id (= field id).
 * Errors for ids without an input block would make Slack reject the whole response, so they are
 * shown on the first field instead of being dropped.
 */
export function formErrors(form: FormSpec): ViewErrorsResponse {
  const known = new Set(form.fields.map((f) => f.id));
  const errors: Record<string, string> = {};
  const stray: string[] = [];
  for (const [id, message] of Object.entries(form.errors ?? {})) {
    if (known.has(id)) errors[id] = clamp(message, VIEW_ERROR_MAX);
    else stray.push(`${id}: ${message}`);
  }
  const first = form.fields[0]?.id;
  if (stray.length > 0 && first) {
    errors[first] = clamp([errors[first], ...stray].filter(Boolean).join('; '), VIEW_ERROR_MAX);
  }
  return { response_action: 'errors', errors };
}
