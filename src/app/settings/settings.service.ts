// Rules the boss changes without code: settings stored per team over the config file, keyed by the
// config file's paths (`scoring.grades.A`, `routing.routes.overdue`, `template.fields.notes.required`).
// Every change is validated by the config file's own schema, logged (who, when, old, new), undoable,
// and re-scores the current week at once (older weeks re-score when read: see scoringFingerprint).
import type { SettingsChange } from '../ports/repositories.port.js';
import type { AppContext, RadarSettings } from '../context.js';
import { ensureScored, latestReportWeek } from '../scoring/scoring.service.js';
import { DEFAULT_RANKING_SETTINGS } from '../../core/review/ranking.js';
import { text } from '../../core/i18n.js';
import { AppError } from '../shared/app-error.js';
import { forTeam, SETTINGS_OVERRIDES_KEY, setTeamSettings, storedOverrides, teamSettings } from './team-settings.js';

export { SETTINGS_OVERRIDES_KEY, storedOverrides };

/** The sections a stored setting may change (the schedule has its own command). */
export const SETTINGS_SECTIONS = ['scoring', 'routing', 'template', 'ranking'] as const;

/**
 * A change that was refused; `message` names the key and what is expected (in English: key paths and
 * schema messages), and is what forms put back on the field it names (errorsByField).
 */
export class SettingsChangeError extends AppError {
  declare readonly code: 'invalid_setting';
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid_setting', message, { ...options, userMessage: text(`设置未能更改：${message}`, `The setting was not changed: ${message}`) });
    this.name = 'SettingsChangeError';
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The team's settings as stored now: another process (`radar settings set` from the CLI) may have changed
 * them since this one last read them. Without a resolver (plain tests) the settings stay as they are.
 */
export function reloadStoredSettings(ctx: AppContext, teamId: number): RadarSettings {
  const resolver = ctx.settingsResolver;
  if (!resolver) return teamSettings(ctx, teamId);
  try {
    setTeamSettings(ctx, teamId, resolver.resolve(storedOverrides(ctx, teamId)));
  } catch (err) {
    ctx.logger.error({ teamId, err: problemText(err) }, 'stored settings are invalid; keeping the settings in use');
  }
  return teamSettings(ctx, teamId);
}

/** The effective settings under the keys a change names (config-file shape). */
export function settingsView(settings: RadarSettings): Json {
  // Custom tags' routes are set on the tag (scoring.customTags.<id>.route), not as routing keys.
  const { customRoutes: _customRoutes, ...routing } = settings.routing;
  return {
    scoring: settings.scoring,
    routing,
    ranking: settings.ranking ?? DEFAULT_RANKING_SETTINGS,
    template: {
      fields: Object.fromEntries(settings.template.fields.map((f) => [f.id, { label: f.label, help: f.help, required: f.required, hidden: f.hidden ?? false }])),
      custom: settings.template.custom ?? [],
      order: settings.template.order ?? [],
    },
  };
}

export function getPath(obj: unknown, key: string): unknown {
  let cur: unknown = obj;
  for (const part of key.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function setPath(obj: Json, parts: readonly string[], value: unknown): Json {
  const [head, ...rest] = parts as [string, ...string[]];
  const out = { ...obj };
  if (rest.length === 0) {
    if (value === null || value === undefined) delete out[head];
    else out[head] = value;
    return out;
  }
  const child = setPath(isObject(obj[head]) ? obj[head] : {}, rest, value);
  if (Object.keys(child).length === 0) delete out[head];
  else out[head] = child;
  return out;
}

function problemText(err: unknown): string {
  const problems = (err as { problems?: unknown }).problems;
  if (Array.isArray(problems)) return problems.join('; ');
  return err instanceof Error ? err.message : String(err);
}

/**
 * A value typed as text (CLI argument, chat form) read as what the key holds now: numbers, booleans,
 * lists (`finance,rep` or JSON), objects (JSON). What does not fit is passed on as text so the schema
 * names the field and the type it expects.
 */
export function coerceSettingValue(current: unknown, raw: string): unknown {
  const text = raw.trim();
  if (typeof current === 'number') {
    const n = Number(text);
    return text !== '' && Number.isFinite(n) ? n : raw;
  }
  if (typeof current === 'boolean') {
    if (/^(true|yes|on|是)$/i.test(text)) return true;
    if (/^(false|no|off|否)$/i.test(text)) return false;
    return raw;
  }
  if (Array.isArray(current)) {
    if (text.startsWith('[')) {
      try { return JSON.parse(text); } catch { return raw; }
    }
    return text.split(/[,，\s]+/).filter(Boolean);
  }
  // An object, or a key not set yet (a new custom tag) given as a JSON object or list.
  if (isObject(current) || (current === undefined && /^[{[]/.test(text))) {
    try { return JSON.parse(text); } catch { return raw; }
  }
  return raw;
}

function checkKey(ctx: AppContext, teamId: number, key: string): unknown {
  const parts = key.split('.');
  if (parts.some((p) => p === '')) throw new SettingsChangeError(`${key}: expected a dotted key such as scoring.grades.A`);
  if (!(SETTINGS_SECTIONS as readonly string[]).includes(parts[0]!)) {
    throw new SettingsChangeError(`${key}: unknown section "${parts[0]}" (expected ${SETTINGS_SECTIONS.join(', ')}; the schedule has its own command)`);
  }
  const view = settingsView(teamSettings(ctx, teamId));
  const current = getPath(view, key);
  // A new custom problem tag: `scoring.customTags.<id>` names an entry that does not exist yet.
  if (current === undefined && parts.length === 3 && parts[0] === 'scoring' && parts[1] === 'customTags') return {};
  if (current === undefined) {
    const parentKey = parts.slice(0, -1).join('.');
    const parent = getPath(view, parentKey);
    const known = isObject(parent) ? Object.keys(parent).join(', ') : '';
    throw new SettingsChangeError(`${key}: unknown setting${known ? ` (${parentKey} has: ${known})` : ''}`);
  }
  return current;
}

export interface SettingsChangeResult {
  change: SettingsChange;
  settings: RadarSettings;
  /** The week re-scored at once, if there is any. */
  rescored: string | null;
}

interface PendingChange {
  key: string;
  value: unknown;
  undoOf: number | null;
}

/** Validate the changes together, then store and log them at once (one log row per key), re-scoring once. */
function commitMany(ctx: AppContext, teamId: number, changes: readonly PendingChange[], actor: string): SettingsChangesResult {
  const resolver = ctx.settingsResolver;
  if (!resolver) throw new SettingsChangeError('settings cannot be changed here');
  const stored = storedOverrides(ctx, teamId);
  let next = stored;
  for (const c of changes) next = setPath(next, c.key.split('.'), c.value);
  let settings: RadarSettings;
  try {
    settings = resolver.resolve(next);
  } catch (err) {
    throw new SettingsChangeError(problemText(err), { cause: err });
  }
  const at = ctx.clock().toISOString();
  const logged = ctx.repos.transaction(() => {
    ctx.repos.teams.setSetting(teamId, SETTINGS_OVERRIDES_KEY, next);
    return changes.map((c) => ctx.repos.settingsLog.record({
      teamId, key: c.key, oldValue: getPath(stored, c.key) ?? null, newValue: c.value ?? null, actor, at, undoOf: c.undoOf,
    }));
  });
  setTeamSettings(ctx, teamId, settings);
  const week = latestReportWeek(ctx, teamId);
  if (week) ensureScored(forTeam(ctx, teamId), teamId, week);
  for (const c of changes) ctx.logger.info({ teamId, key: c.key, actor, undoOf: c.undoOf }, 'setting changed');
  return { changes: logged, settings, rescored: week };
}

function commit(ctx: AppContext, teamId: number, key: string, value: unknown, actor: string, undoOf: number | null): SettingsChangeResult {
  const r = commitMany(ctx, teamId, [{ key, value, undoOf }], actor);
  return { change: r.changes[0]!, settings: r.settings, rescored: r.rescored };
}

export interface SettingsChangesResult {
  /** One logged change per key, in the order given. */
  changes: SettingsChange[];
  settings: RadarSettings;
  rescored: string | null;
}

/**
 * Several keys changed at once (a chat form): validated together, so A and B may move past each other
 * in one submit; nothing is stored when any is invalid. One log row per key.
 */
export function changeSettings(ctx: AppContext, teamId: number, input: { changes: ReadonlyArray<{ key: string; value: unknown }>; actor: string }): SettingsChangesResult {
  if (input.changes.length === 0) throw new SettingsChangeError('nothing to change');
  for (const c of input.changes) checkKey(ctx, teamId, c.key);
  return commitMany(ctx, teamId, input.changes.map((c) => ({ key: c.key, value: c.value, undoOf: null })), input.actor);
}

/**
 * Undo these changes together (the Undo button under a chat change). Refused, naming the key, when one
 * was undone already or its key was changed again since: undoing it would silently drop the later change.
 */
export function undoChanges(ctx: AppContext, teamId: number, ids: readonly number[], actor: string): SettingsChangesResult {
  const log = ctx.repos.settingsLog.list(teamId);
  const undone = new Set(log.flatMap((c) => (c.undoOf === null ? [] : [c.undoOf])));
  const targets = ids.map((id) => {
    const change = log.find((c) => c.id === id);
    if (!change) throw new SettingsChangeError(`change #${id}: not found`);
    if (undone.has(id)) throw new SettingsChangeError(`${change.key}: this change was undone already`);
    const later = log.find((c) => c.id > id && c.key === change.key && !ids.includes(c.id));
    if (later) throw new SettingsChangeError(`${change.key}: changed again since (#${later.id}); undo that first or set it anew`);
    return change;
  });
  if (targets.length === 0) throw new SettingsChangeError('nothing to undo');
  return commitMany(ctx, teamId, targets.map((c) => ({ key: c.key, value: c.oldValue, undoOf: c.id })), actor);
}

/** Validate, store and log one change; the current week is re-scored under the new settings. */
export function changeSetting(ctx: AppContext, teamId: number, input: { key: string; value: unknown; actor: string }): SettingsChangeResult {
  checkKey(ctx, teamId, input.key);
  return commit(ctx, teamId, input.key, input.value, input.actor, null);
}

/** Undo the latest change not yet undone (undos are changes too, listed in the history). */
export function undoLastChange(ctx: AppContext, teamId: number, actor: string): SettingsChangeResult | null {
  const log = ctx.repos.settingsLog.list(teamId);
  const undone = new Set(log.flatMap((c) => (c.undoOf === null ? [] : [c.undoOf])));
  const last = [...log].reverse().find((c) => c.undoOf === null && !undone.has(c.id));
  if (!last) return null;
  return commit(ctx, teamId, last.key, last.oldValue, actor, last.id);
}

export function settingsHistory(ctx: AppContext, teamId: number): SettingsChange[] {
  return ctx.repos.settingsLog.list(teamId);
}
