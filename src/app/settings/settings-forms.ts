// The chat forms of the settings, one per section: which config key each field edits, what it shows
// pre-filled, and how a submit becomes changes (only the keys whose value differs). Values are read
// like the CLI reads them (coerceSettingValue) and validated by the settings service with the config
// file's own schema; its messages are put back on the field whose key they name (errorsByField).
import type { Locale } from '../../core/i18n.js';
import { ROLES } from '../../core/team.js';
import { DIMENSIONS, TAGS, type Dimension } from '../../core/customer-risk/types.js';
import { RANKING_COLUMNS } from '../../core/review/ranking.js';
import type { FormField } from '../../ui/form.js';
import { DIMENSION_NAME, ROLE_LABEL, tagLabel, BUILT_IN_TAG_LABELS } from '../shared/view-text.js';
import { coerceSettingValue, getPath } from './settings.service.js';
import { say } from '../../core/i18n.js';
import { settingsText } from './settings.messages.js';

export const SETTINGS_FORM_SECTIONS = ['grading', 'weights', 'routing', 'template', 'tags', 'ranking'] as const;
export type SettingsSection = (typeof SETTINGS_FORM_SECTIONS)[number];
export const isSettingsSection = (s: unknown): s is SettingsSection => (SETTINGS_FORM_SECTIONS as readonly unknown[]).includes(s);

type Json = Record<string, unknown>;
export type FormValues = Readonly<Record<string, string | string[]>>;

export interface SettingChange {
  key: string;
  value: unknown;
}

/** One field of a section's form. */
export interface SettingInput {
  field: FormField;
  /** What the field shows pre-filled (the effective value). */
  value: string;
  /** Config keys whose problems are shown on this field (the longest key that starts a problem's path wins). */
  errorKeys: readonly string[];
}

export interface SectionRead {
  changes: SettingChange[];
  /** Problems found before validation (bad JSON, a missing id), by field id. */
  errors: Record<string, string>;
  /** Error keys by field id as of this submit (list items shift when one is removed). */
  errorKeys: Record<string, readonly string[]>;
}

export interface SectionForm {
  section: SettingsSection;
  inputs: SettingInput[];
  read(values: FormValues): SectionRead;
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? v[0] ?? '' : v ?? '').trim();
const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

export const SECTION_TITLE: Record<SettingsSection, { zh: string; en: string }> = {
  grading: { zh: '分级标准', en: 'Grading' },
  weights: { zh: '维度权重', en: 'Weights' },
  routing: { zh: '跟进分派', en: 'Routing' },
  template: { zh: '周报模板', en: 'Report template' },
  tags: { zh: '自定义问题标签', en: 'Custom problem tags' },
  ranking: { zh: '排行榜', en: 'Ranking' },
};

/** A number (or any scalar) setting: one field, one key. */
function scalar(view: Json, key: string, id: string, label: string, kind: FormField['kind'], hint: string, locale: Locale): SettingInput & { key: string } {
  const current = getPath(view, key);
  return {
    key,
    field: { id, label, kind, required: true, hint, ...(kind === 'integer' || kind === 'decimal' ? { min: 0 } : {}) },
    value: text(current),
    errorKeys: [key],
  };
}

function readScalars(view: Json, inputs: ReadonlyArray<SettingInput & { key: string }>, values: FormValues, locale: Locale): SectionRead {
  const changes: SettingChange[] = [];
  const errors: Record<string, string> = {};
  for (const input of inputs) {
    const raw = first(values[input.field.id]);
    const current = getPath(view, input.key);
    if (raw === '') {
      errors[input.field.id] = say(locale, settingsText.requiredExpectedNow(typeof current === 'number', text(current)));
      continue;
    }
    const value = coerceSettingValue(current, raw);
    if (!same(value, current)) changes.push({ key: input.key, value });
  }
  return { changes, errors, errorKeys: Object.fromEntries(inputs.map((i) => [i.field.id, i.errorKeys])) };
}

function gradingForm(view: Json, locale: Locale): SectionForm {
  const score = say(locale, settingsText.index0100);
  const inputs = [
    scalar(view, 'scoring.grades.A', 'grades_A', say(locale, settingsText.gradeAFromIndex), 'decimal', say(locale, settingsText.theDirectorFollowsUp(score)), locale),
    scalar(view, 'scoring.grades.B', 'grades_B', say(locale, settingsText.gradeBFromIndex), 'decimal', say(locale, settingsText.theAccountManagerFollowsUp(score)), locale),
    scalar(view, 'scoring.keyAccount.escalateFrom', 'keyAccount_escalateFrom', say(locale, settingsText.keyAccountBAFrom), 'decimal', score, locale),
    scalar(view, 'scoring.escalateAfterWeeks', 'escalateAfterWeeks', say(locale, settingsText.weeksInBBeforeEscalating), 'integer', say(locale, settingsText.zeroNever), locale),
    scalar(view, 'scoring.hardTriggers.overdueDaysA', 'hardTriggers_overdueDaysA', say(locale, settingsText.hardTriggerDaysOverdueA), 'integer', say(locale, settingsText.whateverTheIndex), locale),
    scalar(view, 'scoring.hardTriggers.overdueDaysB', 'hardTriggers_overdueDaysB', say(locale, settingsText.hardTriggerDaysOverdueAt), 'integer', say(locale, settingsText.notMoreThanTheA), locale),
    scalar(view, 'scoring.grades.hysteresis', 'grades_hysteresis', say(locale, settingsText.hysteresisPoints), 'decimal', say(locale, settingsText.aCustomerGradedLastWeek), locale),
    scalar(view, 'scoring.grades.knee', 'grades_knee', say(locale, settingsText.compressionKnee), 'decimal', say(locale, settingsText.aboveItTheIndexIs), locale),
  ];
  return { section: 'grading', inputs, read: (values) => readScalars(view, inputs, values, locale) };
}

const isDimension = (id: string): id is Dimension => (DIMENSIONS as readonly string[]).includes(id);

export const dimensionLabel = (id: string, locale: Locale): string =>
  (isDimension(id) ? say(locale, DIMENSION_NAME[id]) : id);

function weightsForm(view: Json, locale: Locale): SectionForm {
  const inputs = DIMENSIONS.map((id) => scalar(view, `scoring.weights.${id}`, `weights_${id}`, dimensionLabel(id, locale), 'decimal', say(locale, settingsText.weightHint), locale));
  return { section: 'weights', inputs, read: (values) => readScalars(view, inputs, values, locale) };
}

const roleOptions = (locale: Locale) => ROLES.map((r) => ({ value: r, label: `${say(locale, ROLE_LABEL[r])} (${r})` }));
const splitList = (raw: string): string[] => raw.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean);

function routingForm(view: Json, locale: Locale): SectionForm {
  const inputs: SettingInput[] = [];
  const roles = ROLES.join(', ');
  for (const tag of TAGS) {
    const key = `routing.routes.${tag}`;
    const current = getPath(view, key);
    const list = Array.isArray(current) ? current.map(String) : [];
    inputs.push({
      field: { id: `route_${tag}`, label: say(locale, settingsText.ownerRole(tagLabel(tag, locale, BUILT_IN_TAG_LABELS))), kind: 'select', required: true, options: roleOptions(locale) },
      value: list[0] ?? '',
      errorKeys: [key, `${key}[0]`],
    });
    inputs.push({
      field: { id: `route_${tag}_also`, label: say(locale, settingsText.alsoTold(tagLabel(tag, locale, BUILT_IN_TAG_LABELS))), kind: 'text', required: false, hint: say(locale, settingsText.rolesCommaSeparated(roles)) },
      value: list.slice(1).join(', '),
      errorKeys: ROLES.map((_, n) => `${key}[${n + 1}]`),
    });
  }
  const customTags = getPath(view, 'scoring.customTags');
  const tagMap: Json = isObject(customTags) ? customTags : {};
  const tagIds = Object.keys(tagMap);
  for (const id of tagIds) {
    const key = `scoring.customTags.${id}.route`;
    const tag = tagMap[id];
    const label = isObject(tag) ? (tag as { label?: { zh?: string; en?: string } }).label : undefined;
    inputs.push({
      field: { id: `tagroute_${id}`, label: say(locale, settingsText.ownerRole2(label?.en ?? id, label?.zh ?? id)), kind: 'select', required: true, options: roleOptions(locale) },
      value: text(getPath(view, key)),
      errorKeys: [key],
    });
  }
  const numbers = [
    scalar(view, 'routing.dueDays.A', 'dueDays_A', say(locale, settingsText.gradeATaskDueIn), 'integer', '0–90', locale),
    scalar(view, 'routing.dueDays.B', 'dueDays_B', say(locale, settingsText.gradeBTaskDueIn), 'integer', '0–90', locale),
    scalar(view, 'routing.escalateAfterWeeks', 'routing_escalateAfterWeeks', say(locale, settingsText.weeksStillRedBeforeA), 'integer', '1–52', locale),
  ];
  inputs.push(...numbers);
  return {
    section: 'routing',
    inputs,
    read(values) {
      const out = readScalars(view, numbers, values, locale);
      for (const tag of TAGS) {
        const key = `routing.routes.${tag}`;
        const owner = first(values[`route_${tag}`]);
        if (owner === '') {
          out.errors[`route_${tag}`] = say(locale, settingsText.chooseARole);
          continue;
        }
        const also = splitList(first(values[`route_${tag}_also`])).filter((r) => r !== owner);
        const value = [owner, ...new Set(also)];
        if (!same(value, getPath(view, key))) out.changes.push({ key, value });
      }
      for (const id of tagIds) {
        const key = `scoring.customTags.${id}.route`;
        const route = first(values[`tagroute_${id}`]);
        if (route === '') out.errors[`tagroute_${id}`] = say(locale, settingsText.chooseARole);
        else if (!same(route, getPath(view, key))) out.changes.push({ key, value: route });
      }
      return { ...out, errorKeys: Object.fromEntries(inputs.map((i) => [i.field.id, i.errorKeys])) };
    },
  };
}

const CUSTOM_FIELD_EXAMPLE = '{"id":"contractEnd","kind":"date","label":{"zh":"合同到期","en":"Contract end"}}';
const CUSTOM_TAG_EXAMPLE = '{"label":{"zh":"合同到期","en":"Contract due"},"severity":"B","route":"manager","when":{"all":[{"field":"contractEnd","op":"within_days","value":30}]}}';

function parseJson(raw: string, locale: Locale, example: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    const value: unknown = JSON.parse(raw);
    if (isObject(value)) return { ok: true, value };
  } catch { /* said below */ }
  return { ok: false, error: say(locale, settingsText.expectedOneJsonObjectE(example)) };
}

function templateForm(view: Json, locale: Locale): SectionForm {
  const fields = getPath(view, 'template.fields');
  const builtIn = isObject(fields) ? Object.entries(fields) : [];
  const inputs: SettingInput[] = [];
  const hideable: string[] = [];
  for (const [id, f] of builtIn) {
    const field = f as { label?: { zh: string; en: string }; required?: boolean; hidden?: boolean };
    if (field.required) continue; // a required field cannot be hidden (the schema refuses it)
    hideable.push(id);
    inputs.push({
      field: {
        id: `hide_${id}`, label: `${field.label?.[locale] ?? id} (${id})`, kind: 'select', required: true,
        options: [{ value: 'shown', label: say(locale, settingsText.shown) }, { value: 'hidden', label: say(locale, settingsText.hidden2) }],
      },
      value: field.hidden ? 'hidden' : 'shown',
      errorKeys: [`template.fields.${id}`],
    });
  }
  const custom = getPath(view, 'template.custom');
  const items = Array.isArray(custom) ? custom : [];
  const allIds = [...builtIn.map(([id]) => id), ...items.map((c) => (isObject(c) ? String(c.id) : ''))].filter(Boolean);
  inputs.push({
    field: { id: 'order', label: say(locale, settingsText.fieldOrderFieldIdsComma), kind: 'textarea', required: false, hint: say(locale, settingsText.fieldsNotListedFollowIn(allIds.join(', '))) },
    value: (Array.isArray(getPath(view, 'template.order')) ? (getPath(view, 'template.order') as unknown[]).map(String) : []).join(', '),
    errorKeys: ['template.order'],
  });
  items.forEach((item, n) => {
    const id = isObject(item) ? String(item.id) : `#${n + 1}`;
    inputs.push({
      field: { id: `custom_${n}`, label: say(locale, settingsText.customFieldJson(id)), kind: 'textarea', required: false, hint: say(locale, settingsText.emptyRemoveThisField) },
      value: JSON.stringify(item),
      errorKeys: [`template.custom.${n}`],
    });
  });
  inputs.push({
    field: {
      id: 'custom_new', label: say(locale, settingsText.newCustomFieldJson), kind: 'textarea', required: false,
      hint: say(locale, settingsText.kindIntegerNumberMoneyDate(CUSTOM_FIELD_EXAMPLE)),
    },
    value: '',
    errorKeys: [],
  });
  return {
    section: 'template',
    inputs,
    read(values) {
      const changes: SettingChange[] = [];
      const errors: Record<string, string> = {};
      const errorKeys: Record<string, readonly string[]> = Object.fromEntries(inputs.map((i) => [i.field.id, i.errorKeys]));
      for (const id of hideable) {
        const key = `template.fields.${id}.hidden`;
        const hidden = first(values[`hide_${id}`]) === 'hidden';
        if (!same(hidden, getPath(view, key) ?? false)) changes.push({ key, value: hidden });
      }
      const order = splitList(first(values.order));
      if (!same(order, getPath(view, 'template.order') ?? [])) changes.push({ key: 'template.order', value: order });
      // The list as submitted: emptied items removed, the new one appended; error keys follow the new indices.
      const next: unknown[] = [];
      const place = (fieldId: string, raw: string) => {
        if (raw === '') {
          errorKeys[fieldId] = [];
          return;
        }
        const parsed = parseJson(raw, locale, CUSTOM_FIELD_EXAMPLE);
        if (!parsed.ok) {
          errors[fieldId] = parsed.error;
          return;
        }
        errorKeys[fieldId] = [`template.custom.${next.length}`];
        next.push(parsed.value);
      };
      items.forEach((_, n) => place(`custom_${n}`, first(values[`custom_${n}`])));
      place('custom_new', first(values.custom_new));
      if (!same(next, items)) changes.push({ key: 'template.custom', value: next });
      return { changes, errors, errorKeys };
    },
  };
}

function tagsForm(view: Json, locale: Locale): SectionForm {
  const tags = getPath(view, 'scoring.customTags');
  const entries = isObject(tags) ? Object.entries(tags) : [];
  const inputs: SettingInput[] = entries.map(([id, tag]) => ({
    field: { id: `tag_${id}`, label: say(locale, settingsText.tagJson(id)), kind: 'textarea', required: false, hint: say(locale, settingsText.emptyRemoveTagsOfThe) },
    value: JSON.stringify(tag),
    errorKeys: [`scoring.customTags.${id}`],
  }));
  inputs.push(
    { field: { id: 'tag_new_id', label: say(locale, settingsText.newTagId), kind: 'text', required: false, hint: say(locale, settingsText.lowercaseLettersDigitsAndE), maxLength: 40 }, value: '', errorKeys: [] },
    {
      field: {
        id: 'tag_new', label: say(locale, settingsText.newTagRuleJson), kind: 'textarea', required: false,
        hint: say(locale, settingsText.severityABRouteA(CUSTOM_TAG_EXAMPLE)),
      },
      value: '',
      errorKeys: [],
    },
  );
  return {
    section: 'tags',
    inputs,
    read(values) {
      const changes: SettingChange[] = [];
      const errors: Record<string, string> = {};
      const errorKeys: Record<string, readonly string[]> = Object.fromEntries(inputs.map((i) => [i.field.id, i.errorKeys]));
      for (const [id, tag] of entries) {
        const fieldId = `tag_${id}`;
        const raw = first(values[fieldId]);
        if (raw === '') {
          changes.push({ key: `scoring.customTags.${id}`, value: null });
          continue;
        }
        const parsed = parseJson(raw, locale, CUSTOM_TAG_EXAMPLE);
        if (!parsed.ok) errors[fieldId] = parsed.error;
        else if (!same(parsed.value, tag)) changes.push({ key: `scoring.customTags.${id}`, value: parsed.value });
      }
      const newId = first(values.tag_new_id);
      const newRaw = first(values.tag_new);
      if (newId !== '' || newRaw !== '') {
        if (newId === '') errors.tag_new_id = say(locale, settingsText.expectedAnIdForThe);
        else if (entries.some(([id]) => id === newId)) errors.tag_new_id = say(locale, settingsText.existsAlreadyEditItAbove(newId));
        if (newRaw === '') errors.tag_new = say(locale, settingsText.expectedTheRuleEG(CUSTOM_TAG_EXAMPLE));
        const parsed = newRaw === '' ? null : parseJson(newRaw, locale, CUSTOM_TAG_EXAMPLE);
        if (parsed && !parsed.ok) errors.tag_new = parsed.error;
        if (parsed?.ok && !errors.tag_new_id) {
          changes.push({ key: `scoring.customTags.${newId}`, value: parsed.value });
          // The schema names a bad id or rule under the new key: show it on the id or the rule.
          errorKeys.tag_new_id = [`scoring.customTags.${newId}`];
          errorKeys.tag_new = [`scoring.customTags.${newId}.label`, `scoring.customTags.${newId}.severity`, `scoring.customTags.${newId}.route`, `scoring.customTags.${newId}.when`, `scoring.customTags.${newId}.reason`];
        }
      }
      return { changes, errors, errorKeys };
    },
  };
}

function rankingForm(view: Json, locale: Locale): SectionForm {
  const columns = getPath(view, 'ranking.columns');
  const inputs: Array<SettingInput & { key: string }> = [
    {
      key: 'ranking.audience',
      field: {
        id: 'ranking_audience', label: say(locale, settingsText.whoSeesTheRanking), kind: 'select', required: true,
        options: [
          { value: 'channel', label: say(locale, settingsText.theManagerChannel) },
          { value: 'managers', label: say(locale, settingsText.managersOnlyByDm2) },
        ],
      },
      value: text(getPath(view, 'ranking.audience')),
      errorKeys: ['ranking.audience'],
    },
    {
      key: 'ranking.columns',
      field: { id: 'ranking_columns', label: say(locale, settingsText.columnsShownCommaSeparated), kind: 'text', required: true, hint: RANKING_COLUMNS.join(', ') },
      value: Array.isArray(columns) ? columns.join(', ') : '',
      errorKeys: ['ranking.columns'],
    },
  ];
  return { section: 'ranking', inputs, read: (values) => readScalars(view, inputs, values, locale) };
}

/** The form of one section over the effective settings (settingsView shape). */
export function sectionForm(section: SettingsSection, view: Json, locale: Locale): SectionForm {
  switch (section) {
    case 'grading': return gradingForm(view, locale);
    case 'weights': return weightsForm(view, locale);
    case 'routing': return routingForm(view, locale);
    case 'template': return templateForm(view, locale);
    case 'tags': return tagsForm(view, locale);
    case 'ranking': return rankingForm(view, locale);
  }
}

/** `scoring.grades.A: must be ≥ grades.B (50)` pieces of a refused change: the key path and the message. */
export function settingProblems(message: string): Array<{ path: string | null; message: string }> {
  return message.split(/;\s+|\n/).map((s) => s.trim()).filter(Boolean).map((segment) => {
    const m = /^(?:settings:\s*)?(?:invalid \w+ config:\s*)?([A-Za-z][\w.-]*(?:\[\d+\])*)\s*:\s*(.+)$/.exec(segment);
    return m ? { path: m[1]!, message: m[2]!.trim() } : { path: null, message: segment };
  });
}

const covers = (key: string, path: string): boolean => path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`);

/**
 * The service's refusal put on the fields: each problem on the field whose error key is the longest
 * start of its path; a problem no field claims goes on the first field, with its path.
 */
export function errorsByField(message: string, errorKeys: Readonly<Record<string, readonly string[]>>, fieldOrder: readonly string[], locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (id: string, text: string) => (out[id] = out[id] ? `${out[id]}; ${text}` : text);
  const prefix = say(locale, settingsText.invalidPrefix);
  for (const p of settingProblems(message)) {
    let best: { id: string; len: number } | null = null;
    for (const id of fieldOrder) {
      for (const key of errorKeys[id] ?? []) {
        if (p.path && covers(key, p.path) && (!best || key.length > best.len)) best = { id, len: key.length };
      }
    }
    if (best) add(best.id, `${prefix}${p.message}`);
    else if (fieldOrder[0]) add(fieldOrder[0], `${prefix}${p.path ? `${p.path}: ` : ''}${p.message}`);
  }
  return out;
}
