// sales-radar runs one team per database: the environment names it and sets its timezone and language.
import type { Locale } from '../../core/i18n.js';
import type { Team } from '../../core/team.js';
import type { Repositories } from '../ports/repositories.port.js';
import { SCHEDULE_SETTING_KEY } from '../schedule/schedule.service.js';

/**
 * The team, created on first use and kept in step with the configuration afterwards: a changed
 * RADAR_TEAM_NAME renames it rather than starting a second, empty team, and RADAR_TIMEZONE/RADAR_LOCALE
 * apply — except a timezone a manager chose from chat (`schedule timezone …`), which wins.
 */
export function configuredTeam(repos: Repositories, wanted: { name: string; timezone: string; locale: Locale }): Team {
  const existing = repos.teams.listTeams()[0];
  if (!existing) return repos.teams.ensureTeam(wanted);
  const chosenInChat = repos.teams.getSetting<{ timezone?: string }>(existing.id, SCHEDULE_SETTING_KEY)?.timezone;
  const next = { name: wanted.name, locale: wanted.locale, timezone: chosenInChat ?? wanted.timezone };
  if (existing.name === next.name && existing.timezone === next.timezone && existing.locale === next.locale) return existing;
  repos.teams.updateTeam(existing.id, next);
  return { ...existing, ...next };
}
