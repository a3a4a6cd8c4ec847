import type { Locale } from '../core/i18n.js';
import type { Member, Team } from '../core/team.js';

/** The member's own language when known, else the team's default. */
export const memberLocale = (member: Pick<Member, 'locale'> | null, team: Pick<Team, 'locale'>): Locale =>
  member?.locale ?? team.locale;
