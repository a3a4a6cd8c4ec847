// Each team's effective settings: the config file with that team's stored overrides over it. One process
// serves many teams, so the settings are looked up by team, never kept as one process-wide value.
import type { AppContext, RadarSettings } from '../context.js';

export const SETTINGS_OVERRIDES_KEY = 'settingsOverrides';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The context a team view was made from (the one holding the config file's settings). */
const ROOT = Symbol('rootContext');
type TeamView = AppContext & { [ROOT]?: AppContext };
const rootOf = (ctx: AppContext): AppContext => (ctx as TeamView)[ROOT] ?? ctx;

/**
 * Resolved settings by team, per root context (resolving validates the whole config, so it is done once
 * per stored version); 'config' for a team with nothing stored, which reads the root's settings as they are
 * now. Another process (a bot replica, the CLI) may change what is stored: an entry older than
 * REVALIDATE_MS is checked against the stored text (one indexed read) before it is used again.
 */
interface Resolved {
  settings: RadarSettings | 'config';
  /** The stored overrides as JSON text when it was resolved or set here: kept until they change. */
  storedText: string;
  checkedAt: number;
}

const REVALIDATE_MS = 1_000;

const resolved = new WeakMap<AppContext, Map<number, Resolved>>();

function cacheOf(root: AppContext): Map<number, Resolved> {
  let byTeam = resolved.get(root);
  if (!byTeam) resolved.set(root, (byTeam = new Map()));
  return byTeam;
}

/** What is stored for the team (config-file shaped), `{}` when nothing was changed. */
export function storedOverrides(ctx: AppContext, teamId: number): Json {
  const v = ctx.repos.teams.getSetting<Json>(teamId, SETTINGS_OVERRIDES_KEY);
  return isObject(v) ? v : {};
}

/**
 * The team's settings. Without a resolver (plain tests) every team shares the context's settings. Stored
 * settings that no longer validate (the config file changed under them) are ignored, loudly, rather than
 * stopping the bot.
 */
export function teamSettings(ctx: AppContext, teamId: number): RadarSettings {
  const root = rootOf(ctx);
  const resolver = root.settingsResolver;
  if (!resolver) return root.settings;
  const byTeam = cacheOf(root);
  const hit = byTeam.get(teamId);
  const now = Date.now();
  if (hit && now - hit.checkedAt < REVALIDATE_MS) return hit.settings === 'config' ? root.settings : hit.settings;
  const stored = storedOverrides(root, teamId);
  const storedText = JSON.stringify(stored);
  if (hit && hit.storedText === storedText) {
    hit.checkedAt = now;
    return hit.settings === 'config' ? root.settings : hit.settings;
  }
  let settings: RadarSettings | 'config' = 'config';
  if (Object.keys(stored).length > 0) {
    try {
      settings = resolver.resolve(stored);
    } catch (err) {
      root.logger.error({ teamId, err: err instanceof Error ? err.message : String(err) }, 'stored settings are invalid; using the config file');
    }
  }
  byTeam.set(teamId, { settings, storedText, checkedAt: now });
  return settings === 'config' ? root.settings : settings;
}

/** Replace the team's settings in use (after a change, or a reload of what another process stored). */
export function setTeamSettings(ctx: AppContext, teamId: number, next: RadarSettings): void {
  const root = rootOf(ctx);
  if (!root.settingsResolver) {
    root.settings = next;
    return;
  }
  cacheOf(root).set(teamId, { settings: next, storedText: JSON.stringify(storedOverrides(root, teamId)), checkedAt: Date.now() });
}

/**
 * The context as one team sees it: the same storage, clock and logger, with that team's settings (read
 * through, so a change made meanwhile is seen; assigning `settings` changes only that team's).
 */
export function forTeam(ctx: AppContext, teamId: number): AppContext {
  const root = rootOf(ctx);
  const view: TeamView = {
    [ROOT]: root,
    get repos() { return root.repos; },
    get settings() { return teamSettings(root, teamId); },
    set settings(next) { setTeamSettings(root, teamId, next); },
    get settingsResolver() { return root.settingsResolver; },
    get clock() { return root.clock; },
    get logger() { return root.logger; },
  };
  return view;
}
