// A team's weekly schedule: stored as a team setting, validated over the defaults, changed by managers
// from chat (`/radar schedule …`) or by the config file.
import { teamSettings } from '../settings/team-settings.js';
import type { Team } from '../../core/team.js';
import { DEFAULT_SCHEDULE, parseScheduleSettings, planWeek, type ScheduleSettings } from './index.js';
import { addWeeks, weekOfInstant, type WeekId } from '../../core/weekly-report/week.js';
import type { AppContext } from '../context.js';

export const SCHEDULE_SETTING_KEY = 'schedule';

// The same schedule parsed once: every click asks which week is open, and week plans are cached per
// parsed settings object, so handing back the same object makes them cache hits too.
const parsedSchedules = new Map<string, ScheduleSettings>();

export function teamSchedule(ctx: AppContext, team: Team): ScheduleSettings {
  const stored = ctx.repos.teams.getSetting<Partial<ScheduleSettings>>(team.id, SCHEDULE_SETTING_KEY);
  const raw = { ...teamSettings(ctx, team.id).schedule, ...stored };
  const key = `${team.timezone}|${JSON.stringify(raw)}`;
  const known = parsedSchedules.get(key);
  if (known) return known;
  try {
    const parsed = parseScheduleSettings(raw, team.timezone);
    if (parsedSchedules.size >= 100) parsedSchedules.clear();
    parsedSchedules.set(key, parsed);
    return parsed;
  } catch (err) {
    // A stored schedule that no longer validates must not stop the cycle: fall back, loudly.
    ctx.logger.error({ teamId: team.id, err: (err as Error).message }, 'stored schedule is invalid; using defaults');
    return { ...DEFAULT_SCHEDULE, timezone: team.timezone };
  }
}

/** Validate a change over the current schedule and store it. Throws ScheduleSettingsError naming the key. */
export function updateTeamSchedule(ctx: AppContext, team: Team, patch: Partial<ScheduleSettings>): ScheduleSettings {
  const next = parseScheduleSettings({ ...teamSchedule(ctx, team), ...patch }, team.timezone);
  ctx.repos.teams.setSetting(team.id, SCHEDULE_SETTING_KEY, next);
  if (patch.timezone && patch.timezone !== team.timezone) ctx.repos.teams.updateTeam(team.id, { timezone: patch.timezone });
  return next;
}

/** The week people are reporting on now: last week until its deadline passes, then this week. */
export function openReportWeek(ctx: AppContext, team: Team, now: Date = ctx.clock()): WeekId {
  const schedule = teamSchedule(ctx, team);
  const thisWeek = weekOfInstant(now, schedule.timezone);
  const lastWeek = addWeeks(thisWeek, -1);
  return now.getTime() < planWeek(lastWeek, schedule).digest.at.getTime() ? lastWeek : thisWeek;
}

/** The latest week whose deadline has passed: the one a digest is about. */
export function lastClosedWeek(ctx: AppContext, team: Team, now: Date = ctx.clock()): WeekId {
  return addWeeks(openReportWeek(ctx, team, now), -1);
}
