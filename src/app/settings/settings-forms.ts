// The chat forms of the settings, one per section: which config key each field edits, what it shows
// pre-filled, and how a submit becomes changes (only the keys whose value differs). Values are read
// like the CLI reads them (coerceSettingValue) and validated by the settings service with the config
// file's own schema; its messages are put back on the field whose key they name (errorsByField).
import type { Locale } from '../../core/i18n.js';
import { ROLES } from '../../core/team.js';
import { DIMENSIONS, TAGS, type Dimension } from '../../core/customer-risk/types.js';
import { RANKING_COLUMNS } from '../../core/review/ranking.js';
import type { FormField } from '../../ui/form.js';
import { DIMENSION_NAME, ROLE_LABEL, t, tagLabel, tr, BUILT_IN_TAG_LABELS } from '../shared/view-text.js';
import { coerceSettingValue, getPath } from './settings.service.js';

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
      errors[input.field.id] = tr(locale, `必填：请填写${typeof current === 'number' ? '数字' : '取值'}（当前 ${text(current)}）`, `Required: expected ${typeof current === 'number' ? 'a number' : 'a value'} (now ${text(current)})`);
      continue;
    }
    const value = coerceSettingValue(current, raw);
    if (!same(value, current)) changes.push({ key: input.key, value });
  }
  return { changes, errors, errorKeys: Object.fromEntries(inputs.map((i) => [i.field.id, i.errorKeys])) };
}

function gradingForm(view: Json, locale: Locale): SectionForm {
  const score = tr(locale, '指数 0–100', 'index 0–100');
  const inputs = [
    scalar(view, 'scoring.grades.A', 'grades_A', tr(locale, 'A 级：指数达到', 'Grade A from index'), 'decimal', tr(locale, `${score}；总监跟进`, `${score}; the director follows up`), locale),
    scalar(view, 'scoring.grades.B', 'grades_B', tr(locale, 'B 级：指数达到', 'Grade B from index'), 'decimal', tr(locale, `${score}；客户经理跟进`, `${score}; the account manager follows up`), locale),
    scalar(view, 'scoring.keyAccount.escalateFrom', 'keyAccount_escalateFrom', tr(locale, '重点客户 B 级升 A：指数达到', 'Key account B → A from index'), 'decimal', score, locale),
    scalar(view, 'scoring.escalateAfterWeeks', 'escalateAfterWeeks', tr(locale, '连续多少周 B 级升为 A', 'Weeks in B before escalating to A'), 'integer', tr(locale, '0 = 不升级', '0 = never'), locale),
    scalar(view, 'scoring.hardTriggers.overdueDaysA', 'hardTriggers_overdueDaysA', tr(locale, '硬性触发：逾期天数 → A', 'Hard trigger: days overdue → A'), 'integer', tr(locale, '无论指数高低', 'whatever the index'), locale),
    scalar(view, 'scoring.hardTriggers.overdueDaysB', 'hardTriggers_overdueDaysB', tr(locale, '硬性触发：逾期天数 → 至少 B', 'Hard trigger: days overdue → at least B'), 'integer', tr(locale, '不超过 A 的天数', 'not more than the A days'), locale),
    scalar(view, 'scoring.grades.hysteresis', 'grades_hysteresis', tr(locale, '回落缓冲（分）', 'Hysteresis (points)'), 'decimal', tr(locale, '上周已分级的客户低于 B 线这么多分以内仍为 B（0–50）', 'a customer graded last week stays B while within this many points below B (0–50)'), locale),
    scalar(view, 'scoring.grades.knee', 'grades_knee', tr(locale, '高分压缩起点', 'Compression knee'), 'decimal', tr(locale, '高于此指数平滑压缩，保持排序；须 ≥ B 线；100 = 关闭', 'above it the index is compressed to stay ordered; ≥ grade B; 100 = off'), locale),
  ];
  return { section: 'grading', inputs, read: (values) => readScalars(view, inputs, values, locale) };
}

const isDimension = (id: string): id is Dimension => (DIMENSIONS as readonly string[]).includes(id);

export const dimensionLabel = (id: string, locale: Locale): string =>
  (isDimension(id) ? t(DIMENSION_NAME[id], locale) : id);

function weightsForm(view: Json, locale: Locale): SectionForm {
  const inputs = DIMENSIONS.map((id) => scalar(view, `scoring.weights.${id}`, `weights_${id}`, dimensionLabel(id, locale), 'decimal', tr(locale, '0–2；1 = 正常，0 = 不计', '0–2; 1 = normal, 0 = ignored'), locale));
  return { section: 'weights', inputs, read: (values) => readScalars(view, inputs, values, locale) };
}

const roleOptions = (locale: Locale) => ROLES.map((r) => ({ value: r, label: `${t(ROLE_LABEL[r], locale)} (${r})` }));
const splitList = (raw: string): string[] => raw.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean);

function routingForm(view: Json, locale: Locale): SectionForm {
  const inputs: SettingInput[] = [];
  const roles = ROLES.join(', ');
  for (const tag of TAGS) {
    const key = `routing.routes.${tag}`;
    const current = getPath(view, key);
    const list = Array.isArray(current) ? current.map(String) : [];
    inputs.push({
      field: { id: `route_${tag}`, label: tr(locale, `${tagLabel(tag, locale, BUILT_IN_TAG_LABELS)} → 负责角色`, `${tagLabel(tag, locale, BUILT_IN_TAG_LABELS)} → owner role`), kind: 'select', required: true, options: roleOptions(locale) },
      value: list[0] ?? '',
      errorKeys: [key, `${key}[0]`],
    });
    inputs.push({
      field: { id: `route_${tag}_also`, label: tr(locale, `${tagLabel(tag, locale, BUILT_IN_TAG_LABELS)} → 同时告知`, `${tagLabel(tag, locale, BUILT_IN_TAG_LABELS)} → also told`), kind: 'text', required: false, hint: tr(locale, `角色，逗号分隔：${roles}`, `roles, comma-separated: ${roles}`) },
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
      field: { id: `tagroute_${id}`, label: tr(locale, `${label?.zh ?? id} → 负责角色`, `${label?.en ?? id} → owner role`), kind: 'select', required: true, options: roleOptions(locale) },
      value: text(getPath(view, key)),
      errorKeys: [key],
    });
  }
  const numbers = [
    scalar(view, 'routing.dueDays.A', 'dueDays_A', tr(locale, 'A 级任务期限（天）', 'Grade A task due in (days)'), 'integer', '0–90', locale),
    scalar(view, 'routing.dueDays.B', 'dueDays_B', tr(locale, 'B 级任务期限（天）', 'Grade B task due in (days)'), 'integer', '0–90', locale),
    scalar(view, 'routing.escalateAfterWeeks', 'routing_escalateAfterWeeks', tr(locale, '任务多少周仍未改善升级给总监', 'Weeks still red before a task escalates to the director'), 'integer', '1–52', locale),
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
          out.errors[`route_${tag}`] = tr(locale, '请选择一个角色', 'Choose a role');
          continue;
        }
        const also = splitList(first(values[`route_${tag}_also`])).filter((r) => r !== owner);
        const value = [owner, ...new Set(also)];
        if (!same(value, getPath(view, key))) out.changes.push({ key, value });
      }
      for (const id of tagIds) {
        const key = `scoring.customTags.${id}.route`;
        const route = first(values[`tagroute_${id}`]);
        if (route === '') out.errors[`tagroute_${id}`] = tr(locale, '请选择一个角色', 'Choose a role');
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
  return { ok: false, error: tr(locale, `应为一个 JSON 对象，例如 ${example}`, `Expected one JSON object, e.g. ${example}`) };
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
        options: [{ value: 'shown', label: tr(locale, '显示', 'Shown') }, { value: 'hidden', label: tr(locale, '隐藏', 'Hidden') }],
      },
      value: field.hidden ? 'hidden' : 'shown',
      errorKeys: [`template.fields.${id}`],
    });
  }
  const custom = getPath(view, 'template.custom');
  const items = Array.isArray(custom) ? custom : [];
  const allIds = [...builtIn.map(([id]) => id), ...items.map((c) => (isObject(c) ? String(c.id) : ''))].filter(Boolean);
  inputs.push({
    field: { id: 'order', label: tr(locale, '字段顺序（字段 id，逗号分隔）', 'Field order (field ids, comma-separated)'), kind: 'textarea', required: false, hint: tr(locale, `未列出的字段按默认顺序排在后面。可用：${allIds.join(', ')}`, `Fields not listed follow in their default order. Ids: ${allIds.join(', ')}`) },
    value: (Array.isArray(getPath(view, 'template.order')) ? (getPath(view, 'template.order') as unknown[]).map(String) : []).join(', '),
    errorKeys: ['template.order'],
  });
  items.forEach((item, n) => {
    const id = isObject(item) ? String(item.id) : `#${n + 1}`;
    inputs.push({
      field: { id: `custom_${n}`, label: tr(locale, `自定义字段 ${id}（JSON）`, `Custom field ${id} (JSON)`), kind: 'textarea', required: false, hint: tr(locale, '清空 = 删除此字段', 'empty = remove this field') },
      value: JSON.stringify(item),
      errorKeys: [`template.custom.${n}`],
    });
  });
  inputs.push({
    field: {
      id: 'custom_new', label: tr(locale, '新增自定义字段（JSON）', 'New custom field (JSON)'), kind: 'textarea', required: false,
      hint: tr(locale, `kind: integer, number, money, date, text, select（select 需 options）。例：${CUSTOM_FIELD_EXAMPLE}`, `kind: integer, number, money, date, text, select (select needs options). E.g. ${CUSTOM_FIELD_EXAMPLE}`),
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
    field: { id: `tag_${id}`, label: tr(locale, `标签 ${id}（JSON）`, `Tag ${id} (JSON)`), kind: 'textarea', required: false, hint: tr(locale, '清空 = 删除（配置文件里的标签保留）', 'empty = remove (tags of the config file stay)') },
    value: JSON.stringify(tag),
    errorKeys: [`scoring.customTags.${id}`],
  }));
  inputs.push(
    { field: { id: 'tag_new_id', label: tr(locale, '新标签 id', 'New tag id'), kind: 'text', required: false, hint: tr(locale, '小写字母、数字和 _，例如 contract_due', 'lowercase letters, digits and _, e.g. contract_due'), maxLength: 40 }, value: '', errorKeys: [] },
    {
      field: {
        id: 'tag_new', label: tr(locale, '新标签规则（JSON）', 'New tag rule (JSON)'), kind: 'textarea', required: false,
        hint: tr(locale, `severity: A/B；route: 角色；op: gt, gte, lt, lte, eq, ne, in, within_days, past, empty, not_empty。例：${CUSTOM_TAG_EXAMPLE}`, `severity: A/B; route: a role; op: gt, gte, lt, lte, eq, ne, in, within_days, past, empty, not_empty. E.g. ${CUSTOM_TAG_EXAMPLE}`),
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
        if (newId === '') errors.tag_new_id = tr(locale, '请填写新标签的 id，例如 contract_due', 'Expected an id for the new tag, e.g. contract_due');
        else if (entries.some(([id]) => id === newId)) errors.tag_new_id = tr(locale, `${newId} 已存在，请在上面修改`, `${newId} exists already; edit it above`);
        if (newRaw === '') errors.tag_new = tr(locale, `请填写规则，例如 ${CUSTOM_TAG_EXAMPLE}`, `Expected the rule, e.g. ${CUSTOM_TAG_EXAMPLE}`);
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
        id: 'ranking_audience', label: tr(locale, '排行榜发给谁', 'Who sees the ranking'), kind: 'select', required: true,
        options: [
          { value: 'channel', label: tr(locale, '经理群（所有人可见）', 'The manager channel') },
          { value: 'managers', label: tr(locale, '只私信经理', 'Managers only, by DM') },
        ],
      },
      value: text(getPath(view, 'ranking.audience')),
      errorKeys: ['ranking.audience'],
    },
    {
      key: 'ranking.columns',
      field: { id: 'ranking_columns', label: tr(locale, '显示的列（逗号分隔）', 'Columns shown (comma-separated)'), kind: 'text', required: true, hint: RANKING_COLUMNS.join(', ') },
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
  const prefix = tr(locale, '无效：', '');
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
