// Opens what a CLI command needs: config from env, the SQLite file (--db), the team, settings.
import type { Team } from '../core/team.js';
import type { WeekId } from '../core/weekly-report/week.js';
import type { DigestModel } from '../core/digest/digest.types.js';
import { reachableOn, withUnreachable } from '../core/digest/build-digest.js';
import { digestModel, prepareDigestWeek } from '../app/digest/digest.service.js';
import { loadConfig, type AppConfig } from '../config/env.js';
import { createSettingsResolver, loadRadarSettings } from '../config/radar-config.js';
import { openDb, type Db } from '../storage/db.js';
import { createRepositories } from '../storage/repositories.js';
import { createLogger } from '../runtime/logging/logger.js';
import type { AppContext } from '../app/context.js';
import { configuredTeam } from '../app/team/team.service.js';
import { applyStoredSettings } from '../app/settings/settings.service.js';

export interface CliContext {
  ctx: AppContext;
  team: Team;
  config: AppConfig;
  db: Db;
  close(): void;
}

export function openCliContext(dbOverride: string | undefined, env: NodeJS.ProcessEnv = process.env): CliContext {
  const config = loadConfig(env, dbOverride);
  const settings = loadRadarSettings(config.configFile);
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, name: 'radar' });
  const db = openDb(config.dbPath);
  const repos = createRepositories(db);
  const team = configuredTeam(repos, config.team);
  const ctx: AppContext = { repos, settings, settingsResolver: createSettingsResolver(config.configFile), clock: () => new Date(), logger };
  // Settings changed from chat or `radar settings set` override the config file.
  applyStoredSettings(ctx, team.id);
  return {
    ctx,
    team,
    config,
    db,
    close: () => db.close(),
  };
}

/** Open the context for one command, run it, and always close the database. */
export async function withCliContext<T>(dbOverride: string | undefined, run: (cli: CliContext) => Promise<T> | T): Promise<T> {
  const cli = openCliContext(dbOverride);
  try {
    return await run(cli);
  } finally {
    cli.close();
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
