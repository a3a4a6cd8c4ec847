// Settings in chat: the overview card (each section summarised, an Edit button per section), a section's
// form, and the card confirming a change (old → new, with Undo).
import type { Locale } from '../../core/i18n.js';
import { say } from '../../core/i18n.js';
import { TAGS } from '../../core/customer-risk/types.js';
import type { Role } from '../../core/team.js';
import type { Block, CardSpec } from '../../ui/card.js';
import type { FormSpec } from '../../ui/form.js';
import { encodeAction } from '../../ui/action.js';
import { button, L, ROLE_LABEL, tagLabel, BUILT_IN_TAG_LABELS } from '../shared/view-text.js';
import { getPath } from './settings.service.js';
import { dimensionLabel, SECTION_TITLE, SETTINGS_FORM_SECTIONS, type SectionForm, type SettingsSection } from './settings-forms.js';
import { settingsText } from './settings.messages.js';
import { commonText } from '../shared/common.messages.js';

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

const title = (s: SettingsSection, locale: Locale) => say(locale, SECTION_TITLE[s]);
const role = (r: unknown, locale: Locale) => (typeof r === 'string' && r in ROLE_LABEL ? say(locale, ROLE_LABEL[r as Role]) : String(r));
const sep = (locale: Locale) => (locale === 'zh' ? '；' : '; ');

function summary(section: SettingsSection, view: Json, locale: Locale): string {
  const g = (key: string) => showValue(getPath(view, key));
  switch (section) {
    case 'grading':
      return say(locale, settingsText.gradeRules(g('scoring.grades.A'), g('scoring.grades.B'), g('scoring.keyAccount.escalateFrom'), g('scoring.escalateAfterWeeks'), g('scoring.hardTriggers.overdueDaysA'), g('scoring.hardTriggers.overdueDaysB')));
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
        say(locale, settingsText.hidden(hidden.join(', '))),
        say(locale, settingsText.customFields(customIds.join(', '))),
        say(locale, settingsText.order(orderIds.join(', '))),
      ].join(sep(locale));
    }
    case 'tags': {
      const tags = getPath(view, 'scoring.customTags');
      const list = isObject(tags) ? Object.entries(tags) : [];
      if (list.length === 0) return say(locale, settingsText.noCustomTagsYet);
      return list.map(([id, tag]) => {
        const x = tag as { label?: { zh?: string; en?: string }; severity?: string; route?: string };
        return `${(locale === 'zh' ? x.label?.zh : x.label?.en) ?? id} (${id}) · ${x.severity ?? '?'} · → ${role(x.route, locale)}`;
      }).join(sep(locale));
    }
    case 'ranking': {
      const audience = getPath(view, 'ranking.audience') === 'managers' ? say(locale, settingsText.managersOnlyByDm) : say(locale, settingsText.postedToTheManagerChannel);
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
    blocks.push({ type: 'text', text: [summary(section, m.view, locale)], button: button(say(locale, L.edit), 'settings.open', { section }), unit: section });
  }
  if (m.recent.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'heading', text: say(locale, settingsText.recentChanges) });
    for (const c of m.recent) {
      const undo = c.undoOf === null ? '' : say(locale, settingsText.undoOf(c.undoOf));
      blocks.push({ type: 'note', text: [`#${c.id} ${c.at.slice(0, 16).replace('T', ' ')} · ${c.actor} · ${changeLine(c)}${undo}`] });
    }
  }
  blocks.push({ type: 'note', text: [say(locale, settingsText.changesTakeEffectAtOnce)] });
  const heading = say(locale, commonText.settings);
  return { title: heading, tone: 'blue', blocks, summary: heading };
}

/** The form of one section, pre-filled with the effective values (or what was submitted, with errors). */
export function settingsForm(form: SectionForm, locale: Locale, shown?: { values: Readonly<Record<string, string>>; errors: Readonly<Record<string, string>> }): FormSpec {
  const intro = form.section === 'template'
    ? say(locale, settingsText.requiredFieldsCannotBeHidden)
    : form.section === 'tags'
    ? say(locale, settingsText.eachTagIsOneJson)
    : form.section === 'routing'
    ? say(locale, settingsText.whichRoleOwnsTheFollow)
    : undefined;
  return {
    formId: encodeAction({ kind: 'settings.save', args: { section: form.section } }),
    title: say(locale, settingsText.sectionTitle(SECTION_TITLE[form.section])),
    submitLabel: say(locale, L.save),
    cancelLabel: say(locale, L.cancel),
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
  const heading = m.undone ? say(locale, settingsText.settingsChangeUndone) : say(locale, settingsText.settingsChanged);
  const blocks: Block[] = m.lines.map((l) => ({ type: 'text', text: [{ bold: l.key }, `: ${showValue(l.before)} → ${showValue(l.after)}`] }));
  if (m.rescored) blocks.push({ type: 'note', text: [say(locale, settingsText.wasReScoredWithThe(m.rescored))] });
  const buttons = [
    ...(m.undone ? [] : [button(say(locale, settingsText.undo), 'settings.undo', { ids: m.ids.join(',') }, 'danger')]),
    button(say(locale, settingsText.backToSettings), 'settings.show', {}),
  ];
  blocks.push({ type: 'actions', buttons });
  return { title: heading, tone: m.undone ? 'grey' : 'green', blocks, summary: `${heading}: ${m.lines.map(changeLine).join('; ')}` };
}
