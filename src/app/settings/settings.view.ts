// Settings in chat: the overview card (each section summarised, an Edit button per section), a section's
// form, and the card confirming a change (old → new, with Undo).
import type { Locale } from '../../core/i18n.js';
import { TAGS } from '../../core/customer-risk/types.js';
import type { Role } from '../../core/team.js';
import type { Block, CardSpec } from '../../ui/card.js';
import type { FormSpec } from '../../ui/form.js';
import { encodeAction } from '../../ui/action.js';
import { button, L, ROLE_LABEL, t, tagLabel, tr, BUILT_IN_TAG_LABELS } from '../shared/view-text.js';
import { getPath } from './settings.service.js';
import { dimensionLabel, SECTION_TITLE, SETTINGS_FORM_SECTIONS, type SectionForm, type SettingsSection } from './settings-forms.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A value as a short line: `95`, `finance, rep`, `{"label":…}` (long JSON cut). */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.length === 0 ? '[]' : v.join(', ');
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

export interface SettingsChangeLine {
  id: number;
  key: string;
  before: unknown;
  after: unknown;
  actor: string;
  at: string;
  undoOf: number | null;
}

export interface SettingsOverviewModel {
  /** The effective settings (settingsView shape). */
  view: Json;
  /** The latest changes, newest first. */
  recent: readonly SettingsChangeLine[];
}

const title = (s: SettingsSection, locale: Locale) => tr(locale, SECTION_TITLE[s].zh, SECTION_TITLE[s].en);
const role = (r: unknown, locale: Locale) => (typeof r === 'string' && r in ROLE_LABEL ? t(ROLE_LABEL[r as Role], locale) : String(r));
const sep = (locale: Locale) => (locale === 'zh' ? '；' : '; ');

function summary(section: SettingsSection, view: Json, locale: Locale): string {
  const g = (key: string) => showValue(getPath(view, key));
  switch (section) {
    case 'grading':
      return tr(locale,
        `A ≥ ${g('scoring.grades.A')} · B ≥ ${g('scoring.grades.B')} · 重点客户 ≥ ${g('scoring.keyAccount.escalateFrom')} 升 A · B 连续 ${g('scoring.escalateAfterWeeks')} 周升 A · 逾期 ${g('scoring.hardTriggers.overdueDaysA')} 天 → A，${g('scoring.hardTriggers.overdueDaysB')} 天 → B`,
        `A ≥ ${g('scoring.grades.A')} · B ≥ ${g('scoring.grades.B')} · key account ≥ ${g('scoring.keyAccount.escalateFrom')} → A · B for ${g('scoring.escalateAfterWeeks')} weeks → A · ${g('scoring.hardTriggers.overdueDaysA')} days overdue → A, ${g('scoring.hardTriggers.overdueDaysB')} → B`);
    case 'weights': {
      const w = getPath(view, 'scoring.weights');
      return isObject(w) ? Object.entries(w).map(([k, v]) => `${dimensionLabel(k, locale)} ${showValue(v)}`).join(' · ') : '—';
    }
    case 'routing': {
      const lines = TAGS.map((tag) => {
        const roles = getPath(view, `routing.routes.${tag}`);
        const list = Array.isArray(roles) ? roles : [];
        return `${tagLabel(tag, locale, BUILT_IN_TAG_LABELS)} → ${list.map((r) => role(r, locale)).join(' + ') || '—'}`;
      });
      return lines.join(sep(locale));
    }
    case 'template': {
      const fields = getPath(view, 'template.fields');
      const hidden = isObject(fields) ? Object.entries(fields).filter(([, f]) => isObject(f) && f.hidden === true).map(([id]) => id) : [];
      const custom = getPath(view, 'template.custom');
      const customIds = Array.isArray(custom) ? custom.map((c) => (isObject(c) ? String(c.id) : '?')) : [];
      const order = getPath(view, 'template.order');
      const orderIds = Array.isArray(order) ? order.map(String) : [];
      return [
        tr(locale, `隐藏：${hidden.join(', ') || '无'}`, `Hidden: ${hidden.join(', ') || 'none'}`),
        tr(locale, `自定义字段：${customIds.join(', ') || '无'}`, `Custom fields: ${customIds.join(', ') || 'none'}`),
        tr(locale, `顺序：${orderIds.length > 0 ? orderIds.join(', ') : '默认'}`, `Order: ${orderIds.length > 0 ? orderIds.join(', ') : 'default'}`),
      ].join(sep(locale));
    }
    case 'tags': {
      const tags = getPath(view, 'scoring.customTags');
      const list = isObject(tags) ? Object.entries(tags) : [];
      if (list.length === 0) return tr(locale, '还没有自定义标签', 'No custom tags yet');
      return list.map(([id, tag]) => {
        const x = tag as { label?: { zh?: string; en?: string }; severity?: string; route?: string };
        return `${(locale === 'zh' ? x.label?.zh : x.label?.en) ?? id} (${id}) · ${x.severity ?? '?'} · → ${role(x.route, locale)}`;
      }).join(sep(locale));
    }
    case 'ranking': {
      const audience = getPath(view, 'ranking.audience') === 'managers' ? tr(locale, '只私信经理', 'managers only, by DM') : tr(locale, '发到经理群', 'posted to the manager channel');
      return `${audience} · ${showValue(getPath(view, 'ranking.columns'))}`;
    }
  }
}

export const changeLine = (c: Pick<SettingsChangeLine, 'key' | 'before' | 'after'>): string => `${c.key}: ${showValue(c.before)} → ${showValue(c.after)}`;

/** The overview: every section with its current values and an Edit button. */
export function settingsCard(m: SettingsOverviewModel, locale: Locale): CardSpec {
  const blocks: Block[] = [];
  for (const section of SETTINGS_FORM_SECTIONS) {
    blocks.push({ type: 'heading', text: title(section, locale), unit: section });
    blocks.push({ type: 'text', text: [summary(section, m.view, locale)], button: button(t(L.edit, locale), 'settings.open', { section }), unit: section });
  }
  if (m.recent.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'heading', text: tr(locale, '最近修改', 'Recent changes') });
    for (const c of m.recent) {
      const undo = c.undoOf === null ? '' : tr(locale, `（撤销 #${c.undoOf}）`, ` (undo of #${c.undoOf})`);
      blocks.push({ type: 'note', text: [`#${c.id} ${c.at.slice(0, 16).replace('T', ' ')} · ${c.actor} · ${changeLine(c)}${undo}`] });
    }
  }
  blocks.push({ type: 'note', text: [tr(locale,
    '修改即时生效并重新评分本周；每次修改都有记录，可撤销。命令行：radar settings show | set | history | undo',
    'Changes take effect at once and re-score this week; every change is logged and can be undone. CLI: radar settings show | set | history | undo')] });
  const heading = tr(locale, '设置', 'Settings');
  return { title: heading, tone: 'blue', blocks, summary: heading };
}

/** The form of one section, pre-filled with the effective values (or what was submitted, with errors). */
export function settingsForm(form: SectionForm, locale: Locale, shown?: { values: Readonly<Record<string, string>>; errors: Readonly<Record<string, string>> }): FormSpec {
  const intro = form.section === 'template'
    ? tr(locale, '必填字段不能隐藏。自定义字段每项一段 JSON。', 'Required fields cannot be hidden. Each custom field is one JSON object.')
    : form.section === 'tags'
    ? tr(locale, '每个标签一段 JSON：名称（中英）、严重度 A/B、负责角色、条件。', 'Each tag is one JSON object: label (zh/en), severity A/B, route (a role), conditions.')
    : form.section === 'routing'
    ? tr(locale, '每类问题由哪个角色负责跟进，以及还告知谁。', 'Which role owns the follow-up of each problem type, and who else is told.')
    : undefined;
  return {
    formId: encodeAction({ kind: 'settings.save', args: { section: form.section } }),
    title: tr(locale, `设置 · ${SECTION_TITLE[form.section].zh}`, SECTION_TITLE[form.section].en),
    submitLabel: t(L.save, locale),
    cancelLabel: t(L.cancel, locale),
    ...(intro ? { intro } : {}),
    fields: form.inputs.map((i) => i.field),
    values: shown?.values ?? Object.fromEntries(form.inputs.map((i) => [i.field.id, i.value])),
    ...(shown && Object.keys(shown.errors).length > 0 ? { errors: shown.errors } : {}),
  };
}

export interface SettingsChangedModel {
  lines: ReadonlyArray<{ key: string; before: unknown; after: unknown }>;
  /** The logged change ids (the Undo button undoes them together). */
  ids: readonly number[];
  rescored: string | null;
  /** true: this card reports an undo. */
  undone?: boolean;
}

/** What a submit (or an undo) changed: `key: old → new` per key, with Undo and a way back to the settings. */
export function settingsChangedCard(m: SettingsChangedModel, locale: Locale): CardSpec {
  const heading = m.undone ? tr(locale, '设置已撤销', 'Settings change undone') : tr(locale, '设置已更新', 'Settings changed');
  const blocks: Block[] = m.lines.map((l) => ({ type: 'text', text: [{ bold: l.key }, `: ${showValue(l.before)} → ${showValue(l.after)}`] }));
  if (m.rescored) blocks.push({ type: 'note', text: [tr(locale, `已按新设置重新评分 ${m.rescored}。`, `${m.rescored} was re-scored with the new settings.`)] });
  const buttons = [
    ...(m.undone ? [] : [button(tr(locale, '撤销', 'Undo'), 'settings.undo', { ids: m.ids.join(',') }, 'danger')]),
    button(tr(locale, '返回设置', 'Back to settings'), 'settings.show', {}),
  ];
  blocks.push({ type: 'actions', buttons });
  return { title: heading, tone: m.undone ? 'grey' : 'green', blocks, summary: `${heading}: ${m.lines.map(changeLine).join('; ')}` };
}
