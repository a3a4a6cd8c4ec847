// Settings from chat: `/radar settings` (设置), the App Home button, a form per section, Undo.
// Only managers, directors and owners may open or change them; every change goes through the settings
// service (validated by the config file's schema, logged with the member as `who`, re-scores the week).
import type { ActionRef } from '../../ui/action.js';

import type { MessageRef } from '../ports/chat.port.js';
import type { FeatureHandlers, Interaction } from '../interaction/interaction-context.js';
import { isManagerial } from '../interaction/interaction-context.js';
import {
  changeSettings, getPath, reloadStoredSettings, settingsHistory, settingsView, SettingsChangeError, undoChanges, undoLastChange, type SettingsChangesResult,
} from './settings.service.js';
import { errorsByField, isSettingsSection, sectionForm, type FormValues } from './settings-forms.js';
import { settingsCard, settingsChangedCard, settingsForm, type SettingsChangeLine } from './settings.view.js';
import { answer, type Answer } from '../answer.js';
import { say } from '../../core/i18n.js';
import { settingsText } from './settings.messages.js';
import { commonText } from '../shared/common.messages.js';

/** `settings` / `设置`; `settings undo` / `撤销设置` undoes the latest change. */
export const SETTINGS_RE = /^(?:settings|setting|设置|配置)$/i;
export const SETTINGS_UNDO_RE = /^(?:settings\s+undo|undo\s+settings?|撤销设置|设置\s*撤销)$/i;

const RECENT = 5;

const refused = (i: Interaction): Answer =>
  answer.toast(say(i.locale, settingsText.onlyManagersDirectorsAndOwners), 'warning');

/** Who a change is recorded as: the member's email (what the CLI's `--by` takes), else their name. */
const actorOf = (i: Interaction): string => i.member.email || i.member.name;

export function settingsOverview(i: Interaction) {
  const view = settingsView(i.settings);
  const recent: SettingsChangeLine[] = settingsHistory(i, i.team.id).slice(-RECENT).reverse()
    .map((c) => ({ id: c.id, key: c.key, before: c.oldValue, after: c.newValue, actor: c.actor, at: c.at, undoOf: c.undoOf }));
  return settingsCard({ view, recent }, i.locale);
}

/** The confirmation of a change: the effective values before and after, per key. */
function changedCard(i: Interaction, before: Record<string, unknown>, r: SettingsChangesResult, undone: boolean) {
  const after = settingsView(r.settings);
  const lines = r.changes.map((c) => ({ key: c.key, before: getPath(before, c.key), after: getPath(after, c.key) }));
  return settingsChangedCard({ lines, ids: r.changes.map((c) => c.id), rescored: r.rescored, undone }, i.locale);
}

export function handleSettingsText(i: Interaction, text: string): Answer {
  if (!isManagerial(i.member)) return refused(i);
  reloadStoredSettings(i, i.team.id);
  if (SETTINGS_UNDO_RE.test(text)) {
    const before = settingsView(i.settings);
    const r = undoLastChange(i, i.team.id, actorOf(i));
    if (!r) return answer.toast(say(i.locale, settingsText.thereIsNoSettingsChange), 'info');
    return answer.reply(changedCard(i, before, { changes: [r.change], settings: r.settings, rescored: r.rescored }, true));
  }
  return answer.reply(settingsOverview(i));
}

export function handleSettingsAction(i: Interaction, ref: ActionRef, message: MessageRef | null): Answer {
  if (!isManagerial(i.member)) return refused(i);
  reloadStoredSettings(i, i.team.id);
  const stale = answer.toast(say(i.locale, settingsText.thisButtonIsOutOf), 'warning');
  switch (ref.kind) {
    case 'settings.show': {
      const card = settingsOverview(i);
      // The App Home has no message to replace: the card is sent instead.
      return message ? answer.update(card) : answer.reply(card);
    }
    case 'settings.open': {
      const section = ref.args.section;
      if (!isSettingsSection(section)) return stale;
      return answer.openForm(settingsForm(sectionForm(section, settingsView(i.settings), i.locale), i.locale));
    }
    case 'settings.undo': {
      const ids = (ref.args.ids ?? '').split(',').map(Number);
      if (ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n <= 0)) return stale;
      const before = settingsView(i.settings);
      try {
        const r = undoChanges(i, i.team.id, ids, actorOf(i));
        const card = changedCard(i, before, r, true);
        const done = say(i.locale, settingsText.undone);
        return message ? answer.update(card, done) : answer.reply(card);
      } catch (err) {
        if (err instanceof SettingsChangeError) return answer.toast(say(i.locale, settingsText.notUndone(err.message)), 'warning');
        throw err;
      }
    }
    default:
      return stale;
  }
}

const asText = (v: string | string[] | undefined): string => (Array.isArray(v) ? v[0] ?? '' : v ?? '');

export function handleSettingsForm(i: Interaction, ref: ActionRef, values: FormValues): Answer {
  if (!isManagerial(i.member)) return refused(i);
  const section = ref.args.section;
  if (!isSettingsSection(section)) return answer.toast(say(i.locale, commonText.thisFormIsOutOf), 'warning');
  reloadStoredSettings(i, i.team.id);
  const before = settingsView(i.settings);
  const form = sectionForm(section, before, i.locale);
  const read = form.read(values);
  const submitted = Object.fromEntries(form.inputs.map((x) => [x.field.id, asText(values[x.field.id])]));
  const again = (errors: Record<string, string>): Answer => (answer.fieldErrors(settingsForm(form, i.locale, { values: submitted, errors })));
  if (Object.keys(read.errors).length > 0) return again(read.errors);
  // Nothing changed: the settings card again where the form had replaced it (Feishu), or in the DM it came from (Slack).
  if (read.changes.length === 0) return answer.formDone(say(i.locale, settingsText.nothingChangedNothingSaved), settingsOverview(i));
  try {
    const r = changeSettings(i, i.team.id, { changes: read.changes, actor: actorOf(i) });
    return answer.reply(changedCard(i, before, r, false));
  } catch (err) {
    if (!(err instanceof SettingsChangeError)) throw err;
    return again(errorsByField(err.message, read.errorKeys, form.inputs.map((x) => x.field.id), i.locale));
  }
}

/** A settings form closed without saving: the overview again where the form had replaced it (Feishu). */
export function handleSettingsFormCancel(i: Interaction): Answer {
  const closed = say(i.locale, commonText.cancelledNothingSaved);
  return isManagerial(i.member) ? answer.update(settingsOverview(i), closed) : answer.toast(closed);
}

export const settingsHandlers: FeatureHandlers = {
  actions: { 'settings.show': handleSettingsAction, 'settings.open': handleSettingsAction, 'settings.undo': handleSettingsAction },
  forms: { 'settings.save': (i, ref, values) => handleSettingsForm(i, ref, values) },
  cancels: { 'settings.save': (i) => handleSettingsFormCancel(i) },
  commands: [{ matches: (t) => SETTINGS_RE.test(t) || SETTINGS_UNDO_RE.test(t), handle: handleSettingsText }],
};
