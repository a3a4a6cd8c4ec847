// Opens what a CLI command needs: config from env, the database (--db: a SQLite file or a postgres:// URL),
// the team, settings.
import type { Team } from '../core/team.js';
import type { WeekId } from '../core/weekly-report/week.js';
import type { DigestModel } from '../core/digest/digest.types.js';
import { reachableOn, withUnreachable } from '../core/digest/build-digest.js';
import { digestModel, prepareDigestWeek } from '../app/digest/digest.service.js';
import { loadConfig, type AppConfig } from '../config/env.js';
import { createSettingsResolver, loadRadarSettings } from '../config/radar-config.js';
import { openStorage, type Storage } from '../storage/open-storage.js';
import { createLogger } from '../runtime/logging/logger.js';
import type { AppContext } from '../app/context.js';
import { configuredTeam } from '../app/team/team.service.js';
import { forTeam } from '../app/settings/team-settings.js';
import { CliError } from './cli-error.js';
import { stringOpt, type CommandInput } from './commands/command.js';

/** What every command opens: config, the database, the settings; no team chosen (teams, db, serve). */
export interface CliRoot {
  ctx: AppContext;
  config: AppConfig;
  /** The database RADAR_DB / --db names: SQLite or PostgreSQL. */
  storage: Storage;
  close(): void;
}

/** A command's context in one team (`--team NAME`, or the only team): settings are that team's. */
export interface CliContext extends CliRoot {
  team: Team;
}

/** Where a command works: `--db PATH` and `--team NAME` (both optional). */
export interface CliTarget {
  db?: string | undefined;
  team?: string | undefined;
}

/** The target a command's options name. */
export const targetOf = (input: CommandInput): CliTarget => ({ db: stringOpt(input, 'db'), team: stringOpt(input, 'team') });

export function openCliRoot(target: CliTarget, env: NodeJS.ProcessEnv = process.env): CliRoot {
  const config = loadConfig(env, target.db);
  const settings = loadRadarSettings(config.configFile);
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, name: 'radar' });
  const storage = openStorage(config.database);
  const { repos } = storage;
  // The configured team (RADAR_TEAM_NAME) exists from the first command on, as it does for the bot.
  configuredTeam(repos, config.team);
  const ctx: AppContext = { repos, settings, settingsResolver: createSettingsResolver(config.configFile), clock: () => new Date(), logger };
  return { ctx, config, storage, close: () => storage.close() };
}

const teamNames = (teams: readonly Team[]): string => teams.map((t) => t.name).join(', ');

/** The team a command works in: the one `--team` names, else the only one. */
export function chooseTeam(root: CliRoot, name: string | undefined): Team {
  const { teams } = root.ctx.repos;
  if (name !== undefined) {
    const team = teams.teamByName(name);
    if (!team) throw new CliError(`--team: no team named "${name}" (teams: ${teamNames(teams.listTeams())}; add one with \`radar teams add NAME\`)`);
    return team;
  }
  const all = teams.listTeams();
  if (all.length === 1) return all[0]!;
  throw new CliError(`--team: this database has ${all.length} teams (${teamNames(all)}); say which with --team NAME`);
}

export function openCliContext(target: CliTarget, env: NodeJS.ProcessEnv = process.env): CliContext {
  const root = openCliRoot(target, env);
  try {
    const team = chooseTeam(root, target.team);
    // Settings changed from chat or `radar settings set` for this team override the config file.
    return { ...root, ctx: forTeam(root.ctx, team.id), team };
  } catch (err) {
    root.close();
    throw err;
  }
}

/** Open the context for one command, run it, and always close the database. */
export async function withCliContext<T>(target: CliTarget | CommandInput, run: (cli: CliContext) => Promise<T> | T): Promise<T> {
  const cli = openCliContext('values' in target ? targetOf(target) : target);
  try {
    return await run(cli);
  } finally {
    cli.close();
  }
}

/** The same without choosing a team (commands about the whole database or every team). */
export async function withCliRoot<T>(target: CliTarget | CommandInput, run: (root: CliRoot) => Promise<T> | T): Promise<T> {
  const root = openCliRoot('values' in target ? targetOf(target) : target);
  try {
    return await run(root);
  } finally {
    root.close();
  }
}

/**
 * The command line's digest of `week`: prepared (scored, tasks synced as the bot would), then read. Without
 * any chat platform configured, "who the bot cannot reach" is everyone and says nothing: nobody is listed.
 */
export function cliDigest(cli: CliContext, week: WeekId): DigestModel {
  prepareDigestWeek(cli.ctx, cli.team.id, week);
  const anyPlatform = !!(cli.config.slack || cli.config.feishu);
  return withUnreachable(digestModel(cli.ctx, cli.team.id, week), anyPlatform ? reachableOn() : () => true);
}
