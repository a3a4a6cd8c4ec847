// Rules the boss changes without code: settings stored per team over the config file, keyed by the
// config file's paths (`scoring.grades.A`, `routing.routes.overdue`, `template.fields.notes.required`).
// Every change is validated by the config file's own schema, logged (who, when, old, new), undoable,
// and re-scores the current week at once (older weeks re-score when read: see scoringFingerprint).
import type { SettingsChange } from '../ports/repositories.port.js';
import type { AppContext, RadarSettings } from '../context.js';
import { ensureScored, latestReportWeek } from '../scoring/scoring.service.js';
import { DEFAULT_RANKING_SETTINGS } from '../../core/review/ranking.js';

export const SETTINGS_OVERRIDES_KEY = 'settingsOverrides';
/** The sections a stored setting may change (the schedule has its own command). */
export const SETTINGS_SECTIONS = ['scoring', 'routing', 'template', 'ranking'] as const;

/** A change that was refused; `message` names the key and what is expected. */
export class SettingsChangeError extends Error {
  readonly code = 'invalid_setting';
  readonly userMessage: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SettingsChangeError';
    this.userMessage = message;
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What is stored for the team (config-file shaped), `{}` when nothing was changed. */
export function storedOverrides(ctx: AppContext, teamId: number): Json {
  const v = ctx.repos.teams.getSetting<Json>(teamId, SETTINGS_OVERRIDES_KEY);
  return isObject(v) ? v : {};
}

/**
 * The team's effective settings: the stored overrides over the config file. Stored settings that no
 * longer validate (the file changed under them) are ignored, loudly, rather than stopping the bot.
 */
export function applyStoredSettings(ctx: AppContext, teamId: number): RadarSettings {
  const resolver = ctx.settingsResolver;
  const stored = resolver ? storedOverrides(ctx, teamId) : {};
  if (resolver && Object.keys(stored).length > 0) {
    try {
      ctx.settings = resolver.resolve(stored);
    } catch (err) {
      ctx.logger.error({ teamId, err: problemText(err) }, 'stored settings are invalid; using the config file');
    }
  }
  return ctx.settings;
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

function checkKey(ctx: AppContext, key: string): unknown {
  const parts = key.split('.');
  if (parts.some((p) => p === '')) throw new SettingsChangeError(`${key}: expected a dotted key such as scoring.grades.A`);
  if (!(SETTINGS_SECTIONS as readonly string[]).includes(parts[0]!)) {
    throw new SettingsChangeError(`${key}: unknown section "${parts[0]}" (expected ${SETTINGS_SECTIONS.join(', ')}; the schedule has its own command)`);
  }
  const view = settingsView(ctx.settings);
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

function commit(ctx: AppContext, teamId: number, key: string, value: unknown, actor: string, undoOf: number | null): SettingsChangeResult {
  const resolver = ctx.settingsResolver;
  if (!resolver) throw new SettingsChangeError('settings cannot be changed here');
  const stored = storedOverrides(ctx, teamId);
  const oldValue = getPath(stored, key) ?? null;
  const next = setPath(stored, key.split('.'), value);
  let settings: RadarSettings;
  try {
    settings = resolver.resolve(next);
  } catch (err) {
    throw new SettingsChangeError(problemText(err), { cause: err });
  }
  const at = ctx.clock().toISOString();
  const change = ctx.repos.transaction(() => {
    ctx.repos.teams.setSetting(teamId, SETTINGS_OVERRIDES_KEY, next);
    return ctx.repos.settingsLog.record({ teamId, key, oldValue, newValue: value ?? null, actor, at, undoOf });
  });
  ctx.settings = settings;
  const week = latestReportWeek(ctx, teamId);
  if (week) ensureScored(ctx, teamId, week);
  ctx.logger.info({ teamId, key, actor, undoOf }, 'setting changed');
  return { change, settings, rescored: week };
}

/** Validate, store and log one change; the current week is re-scored under the new settings. */
export function changeSetting(ctx: AppContext, teamId: number, input: { key: string; value: unknown; actor: string }): SettingsChangeResult {
  checkKey(ctx, input.key);
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
