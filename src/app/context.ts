// What every use case receives: storage ports, the team's settings and a clock.
import { localDate } from '../core/weekly-report/week.js';
import type { Logger } from 'pino';
import type { ReportTemplate } from '../core/weekly-report/template.js';
import type { RoutingConfig } from '../core/follow-up/routing.js';
import type { ScoringConfig } from '../core/customer-risk/weights.js';
import type { ScheduleSettings } from './schedule/index.js';
import type { RankingSettings } from '../core/review/ranking.js';
import type { Repositories } from './ports/repositories.port.js';

/** Template, scoring and routing: built-in defaults, optionally overridden by the config file. */
export interface RadarSettings {
  template: ReportTemplate;
  scoring: ScoringConfig;
  routing: RoutingConfig;
  /** Ranking columns and audience (default: every column, in the manager channel). */
  ranking?: RankingSettings;
  /** The team's schedule from the config file; what managers change from chat is stored and wins. */
  schedule?: Partial<ScheduleSettings>;
}

/**
 * Turns the stored settings overrides (shaped like the config file, e.g. `{scoring: {grades: {A: 95}}}`)
 * into effective settings, validated with the config file's schema. Throws an error whose message
 * names each bad key (`settings: scoring.grades.A: …`).
 */
export interface SettingsResolver {
  resolve(overrides: Readonly<Record<string, unknown>>): RadarSettings;
}

export interface AppContext {
  repos: Repositories;
  /** The effective settings; replaced in place when a manager changes one (settings.service.ts). */
  settings: RadarSettings;
  /** Present where settings can be changed (CLI, bot); absent in plain tests. */
  settingsResolver?: SettingsResolver;
  clock: () => Date;
  logger: Logger;
}

/** Today's date and the current instant, as the team sees them. */
export function teamNow(ctx: AppContext, timezone: string): { now: string; today: string } {
  const instant = ctx.clock();
  return { now: instant.toISOString(), today: localDate(instant, timezone) };
}
