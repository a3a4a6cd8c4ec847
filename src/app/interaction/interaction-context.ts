// What every handler knows about the person and the moment: the member, their team, language,
// and which report week "now" means.
import type { Locale } from '../../core/i18n.js';
import { decodeAction, encodeAction, type ActionRef } from '../../ui/action.js';
import type { FormSpec } from '../../ui/form.js';
import type { Member, Team } from '../../core/team.js';
import { canSeeAllCustomers } from '../../core/team.js';
import { compareWeeks, isWeekId, type WeekId } from '../../core/weekly-report/week.js';
import { openReportWeek } from '../schedule/schedule.service.js';
import type { Actor } from '../inbound.js';
import type { MessageRef, Platform } from '../ports/chat.port.js';
import type { RadarApp } from '../radar-app.js';
import type { AppContext } from '../context.js';
import { memberLocale } from '../locale.js';
import { answer, type Answer } from '../answer.js';
import { say } from '../../core/i18n.js';
import { interactionText } from './interaction.messages.js';
import { commonText } from '../shared/common.messages.js';
import { forTeam } from '../settings/team-settings.js';
import { teamOfManagerChannel } from '../team/manager-channel.js';

/**
 * What a handler receives, flat like a Bolt listener's arguments: the use-case context (repos, settings,
 * clock, logger — an Interaction is an AppContext, so services take it as is), who is acting, in which
 * team and language, and the app for queueing messages.
 */
export interface Interaction extends AppContext {
  app: RadarApp;
  member: Member;
  team: Team;
  locale: Locale;
  /** Where the person is talking to us from (private replies go there). */
  platform: Platform;
}

/** Find the member behind a chat user, or null. */
export function resolveInteraction(app: RadarApp, actor: Actor): Interaction | null {
  const member = app.ctx.repos.teams.memberByPlatformId(actor.platform, actor.userId);
  if (!member) return null;
  const team = app.ctx.repos.teams.getTeam(member.teamId);
  if (!team) return null;
  // The context's fields are read through, not copied (forTeam): a settings change in this interaction
  // replaces the team's settings, and later reads must see it.
  const view = Object.getOwnPropertyDescriptors(forTeam(app.ctx, team.id));
  const who = { app, member, team, locale: actor.locale ?? memberLocale(member, team), platform: actor.platform };
  return Object.defineProperties(who, view) as unknown as Interaction;
}

/** The report week people mean right now: last week until the team's deadline passes, then this week. */
export function currentReportWeek(app: RadarApp, team: Team): WeekId {
  return openReportWeek(app.ctx, team);
}

export const isManagerial = (member: Member) => canSeeAllCustomers(member.role);

/**
 * A week an action may name: a well-formed id between the team's first reported week and the week reps
 * are filling in now. Anything else (e.g. `2099-W52` from a forged click) is refused, so nothing is
 * scored, stored or drawn for a week the team never had.
 */
export function historyWeek(i: Interaction, week: string | undefined): WeekId | null {
  if (!week || !isWeekId(week)) return null;
  const open = currentReportWeek(i.app, i.team);
  if (compareWeeks(week, open) > 0) return null;
  const first = i.repos.reports.firstWeek(i.team.id);
  const floor = first && compareWeeks(first, open) < 0 ? first : open;
  return compareWeeks(week, floor) < 0 ? null : week;
}

/** Whether a clicked message is the digest in a manager channel (vs. a DM). */
export function isManagerChannelMessage(app: RadarApp, message: MessageRef | null): boolean {
  return !!message && teamOfManagerChannel(app, message.platform, message.channel) !== null;
}

export const notAllowed = (locale: Locale): Answer =>
  answer.toast(say(locale, interactionText.sorryYouAreNotAllowed), 'warning');

export const notMember = (locale: Locale): Answer =>
  answer.toast(say(locale, interactionText.youAreNotOnThe), 'warning');

export const staleButton = (locale: Locale): Answer =>
  answer.toast(say(locale, interactionText.thisButtonIsOutOf), 'warning');

export const staleForm = (locale: Locale): Answer =>
  answer.toast(say(locale, commonText.thisFormIsOutOf), 'warning');

export const formClosed = (locale: Locale): string => say(locale, commonText.cancelledNothingSaved);

export type FormValues = Record<string, string | string[]>;

/** A form field's single value, trimmed (a multi-select gives its first). */
export const firstValue = (v: string | string[] | undefined): string => (Array.isArray(v) ? v[0] ?? '' : v ?? '').trim();

/** What a feature answers, by the kind of the action or form (ActionRef.kind) and by typed command. */
export interface FeatureHandlers {
  /** Button clicks. */
  actions?: Readonly<Record<string, (i: Interaction, ref: ActionRef, message: MessageRef | null) => Answer>>;
  /** Submitted forms, by the kind of their formId. */
  forms?: Readonly<Record<string, (i: Interaction, ref: ActionRef, values: FormValues, message: MessageRef | null) => Answer>>;
  /** Forms closed without saving (Feishu swapped the message for the form: it is restored). */
  cancels?: Readonly<Record<string, (i: Interaction, ref: ActionRef, message: MessageRef | null) => Answer>>;
  /** Typed commands (`/radar …`, a DM or a mention), tried in order; other text is a question. */
  commands?: ReadonlyArray<{ matches(text: string): boolean; handle(i: Interaction, text: string): Answer }>;
}

/** A positive integer argument of an action, or null. */
export const idArg = (ref: ActionRef, key: string): number | null => {
  const n = Number(ref.args[key]);
  return Number.isInteger(n) && n > 0 ? n : null;
};

/**
 * The week an action names: undefined when it names none (the handler picks the current one), null when it
 * names a week outside the team's history (refused: a forged `2099-W52` must not be scored or stored).
 */
export function actionWeek(i: Interaction, ref: ActionRef): WeekId | undefined | null {
  const w = ref.args.week;
  return w === undefined ? undefined : historyWeek(i, w);
}

/** The week an action names, else the week reps are filling in now. */
export const weekArg = (i: Interaction, ref: ActionRef): WeekId => actionWeek(i, ref) ?? currentReportWeek(i.app, i.team);

/** The week of the digest a button was clicked in, when it says (and it is a week of the team's history). */
export const digestWeekArg = (i: Interaction, ref: ActionRef): WeekId | undefined => actionWeek(i, ref) ?? undefined;

/** A form opened from the digest remembers the digest's week for its submit. */
export function withDigestWeek(i: Interaction, form: FormSpec, ref: ActionRef): FormSpec {
  const week = digestWeekArg(i, ref);
  const submit = decodeAction(form.formId);
  return week && submit ? { ...form, formId: encodeAction({ kind: submit.kind, args: { ...submit.args, week } }) } : form;
}
