// What every handler knows about the person and the moment: the member, their team, language,
// and which report week "now" means.
import type { Locale } from '../../core/i18n.js';
import type { Member, Team } from '../../core/team.js';
import { canSeeAllCustomers } from '../../core/team.js';
import { compareWeeks, isWeekId, type WeekId } from '../../core/weekly-report/week.js';
import { openReportWeek } from '../schedule/schedule.service.js';
import type { Actor } from '../inbound.js';
import type { MessageRef, Platform } from '../ports/chat.port.js';
import type { RadarApp } from '../radar-app.js';
import { memberLocale } from '../locale.js';
import { answer, type Answer } from '../answer.js';
import { say } from '../../core/i18n.js';
import { interactionText } from './interaction.messages.js';

export interface Interaction {
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
  return { app, member, team, locale: actor.locale ?? memberLocale(member, team), platform: actor.platform };
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
  const first = i.app.ctx.repos.reports.firstWeek(i.team.id);
  const floor = first && compareWeeks(first, open) < 0 ? first : open;
  return compareWeeks(week, floor) < 0 ? null : week;
}

/** Whether a clicked message is the digest in a manager channel (vs. a DM). */
export function isManagerChannelMessage(app: RadarApp, message: MessageRef | null): boolean {
  if (!message) return false;
  return app.platforms.some((p) => p.platform === message.platform && p.managerChannel === message.channel);
}

export const notAllowed = (locale: Locale): Answer =>
  answer.toast(say(locale, interactionText.sorryYouAreNotAllowed), 'warning');

export const notMember = (locale: Locale): Answer =>
  answer.toast(say(locale, interactionText.youAreNotOnThe), 'warning');
