// The optional team config file (RADAR_CONFIG, JSON): template labels, scoring weights and
// thresholds, follow-up routing. Defaults are built in; a bad file names the key and the problem.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CUSTOM_FIELD_KINDS, DEFAULT_TEMPLATE, FIELD_IDS, type CustomField, type ReportTemplate, type FieldId } from '../core/weekly-report/template.js';
import { DEFAULT_ROUTING, parseRoutingConfig } from '../core/follow-up/routing.js';
import { DEFAULT_SCORING, parseScoringConfig } from '../core/customer-risk/weights.js';
import { customTagFieldProblems, ruleFieldsOf } from '../core/custom-tags/custom-tags.js';
import type { RadarSettings, SettingsResolver } from '../app/context.js';
import { parseScheduleSettings, type ScheduleSettings } from '../app/schedule/index.js';
import { ConfigError } from './env.js';
import { IDENTITY_COLUMNS, SCORE_COLUMNS } from '../core/weekly-report/columns.js';
import { DEFAULT_RANKING_SETTINGS, RANKING_COLUMNS } from '../core/review/ranking.js';

const localized = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
const fieldOverride = z.strictObject({
  label: localized.optional(),
  help: localized.optional(),
  required: z.boolean().optional(),
  hidden: z.boolean().optional(),
});

// Import/export columns and form field names a custom field id must not take: an id is also its column.
const RESERVED_IDS: readonly string[] = [...IDENTITY_COLUMNS, ...SCORE_COLUMNS, 'customerName'];

// The weekly form's follow-up progress fields and the Feishu form's own buttons.
const RESERVED_FORM_ID = /^(progress(Status|Blocker)?_\d+|form_submit.*)$/;

const CUSTOM_ID = /^[a-z][a-zA-Z0-9_]*$/;
const customField = z.strictObject({
  id: z.string().regex(CUSTOM_ID, 'expected an id like "contractNo" (a lowercase letter, then letters, digits or _)'),
  kind: z.enum(CUSTOM_FIELD_KINDS),
  label: localized,
  help: localized.optional(),
  required: z.boolean().optional(),
  options: z.array(z.strictObject({ value: z.string().min(1), label: localized })).min(1).optional(),
  maxLength: z.number().int().positive().max(10_000).optional(),
  carry: z.boolean().optional(),
}).superRefine((f, ctx) => {
  if (f.kind === 'select' && !f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a select field needs options: [{ value, label: { zh, en } }]' });
  if (f.kind !== 'select' && f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `options are only allowed on select fields (this one is ${f.kind})` });
  if (f.kind !== 'text' && f.maxLength !== undefined) ctx.addIssue({ code: 'custom', path: ['maxLength'], message: `maxLength is only allowed on text fields (this one is ${f.kind})` });
  const values = (f.options ?? []).map((o) => o.value);
  const dup = values.find((v, i) => values.indexOf(v) !== i);
  if (dup !== undefined) ctx.addIssue({ code: 'custom', path: ['options'], message: `option value "${dup}" appears twice` });
});

const FileSchema = z.strictObject({
  template: z.strictObject({
    fields: z.record(z.string(), fieldOverride).optional(),
    custom: z.array(customField).optional(),
    order: z.array(z.string()).optional(),
  }).optional(),
  scoring: z.unknown().optional(),
  routing: z.unknown().optional(),
  schedule: z.record(z.string(), z.unknown()).optional(),
  ranking: z.strictObject({
    columns: z.array(z.enum(RANKING_COLUMNS)).optional(),
    audience: z.enum(['channel', 'managers']).optional(),
  }).optional(),
});

export const DEFAULT_SETTINGS: RadarSettings = {
  template: DEFAULT_TEMPLATE,
  scoring: DEFAULT_SCORING,
  routing: DEFAULT_ROUTING,
};

/** Load settings from a JSON file, or the defaults when no file is given. Throws ConfigError. */
export function loadRadarSettings(path: string | null): RadarSettings {
  if (!path) return DEFAULT_SETTINGS;
  return parseRadarSettings(readRadarConfigFile(path), path);
}

function readRadarConfigFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError([`RADAR_CONFIG (${path}): cannot read a JSON object: ${(err as Error).message}`]);
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `over` merged into `base`: objects key by key, anything else (arrays too) replaced. */
export function mergeConfig(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeConfig(base[k], v);
  return out;
}

/**
 * Settings stored in the database (changed from chat or `radar settings set`) laid over the config
 * file, validated as a whole by the same schema as the file: stored settings win.
 */
export function createSettingsResolver(path: string | null): SettingsResolver {
  const file = path ? readRadarConfigFile(path) : {};
  // The file itself is validated at start (loadRadarSettings); a bad one never gets here.
  parseRadarSettings(file, path ?? 'config');
  return {
    resolve: (overrides) => {
      if (Object.keys(overrides).length === 0) return path ? parseRadarSettings(file, path) : DEFAULT_SETTINGS;
      return parseRadarSettings(mergeConfig(file, overrides), 'settings');
    },
  };
}

export function parseRadarSettings(raw: unknown, source = 'config'): RadarSettings {
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${source}: ${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const problems: string[] = [];
  const overrides = parsed.data.template?.fields ?? {};
  for (const id of Object.keys(overrides)) {
    if (!FIELD_IDS.includes(id as FieldId)) problems.push(`${source}: template.fields.${id}: unknown field (expected one of ${FIELD_IDS.join(', ')})`);
  }
  const fields = DEFAULT_TEMPLATE.fields.map((f) => ({ ...f, ...(overrides[f.id] ?? {}) }));
  for (const f of fields) {
    if (f.hidden && f.required) problems.push(`${source}: template.fields.${f.id}.hidden: ${f.id} is required and cannot be hidden (set template.fields.${f.id}.required to false first)`);
  }
  const customRaw = parsed.data.template?.custom ?? [];
  const seen = new Set<string>();
  customRaw.forEach((c, i) => {
    if (FIELD_IDS.includes(c.id as FieldId)) problems.push(`${source}: template.custom.${i}.id: "${c.id}" is a built-in field id (expected a new id, not one of ${FIELD_IDS.join(', ')})`);
    else if (RESERVED_IDS.includes(c.id) || RESERVED_FORM_ID.test(c.id)) problems.push(`${source}: template.custom.${i}.id: "${c.id}" is a reserved column name (expected a new id, not one of ${RESERVED_IDS.join(', ')})`);
    else if (seen.has(c.id)) problems.push(`${source}: template.custom.${i}.id: "${c.id}" is used twice (expected unique ids)`);
    seen.add(c.id);
  });
  const custom: CustomField[] = customRaw.map((c) => ({
    id: c.id, kind: c.kind, label: c.label, required: c.required ?? false,
    ...(c.help ? { help: c.help } : {}), ...(c.options ? { options: c.options } : {}), ...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {}),
    ...(c.carry !== undefined ? { carry: c.carry } : {}),
  }));
  const order = parsed.data.template?.order;
  const known = [...FIELD_IDS, ...custom.map((c) => c.id)] as string[];
  (order ?? []).forEach((id, i) => {
    if (!known.includes(id)) problems.push(`${source}: template.order.${i}: unknown field "${id}" (expected one of ${known.join(', ')})`);
  });
  const template: ReportTemplate = {
    fields,
    ...(custom.length > 0 ? { custom } : {}),
    ...(order ? { order } : {}),
  };
  const attempt = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (err) {
      problems.push(`${source}: ${(err as Error).message}`);
      return fallback;
    }
  };
  const scoring = parsed.data.scoring === undefined ? DEFAULT_SCORING : attempt(() => parseScoringConfig(parsed.data.scoring), DEFAULT_SCORING);
  const routing = parsed.data.routing === undefined ? DEFAULT_ROUTING : attempt(() => parseRoutingConfig(parsed.data.routing, 'routing'), DEFAULT_ROUTING);
  // Validated over the defaults now, so a typo fails at start rather than at Friday's prompt.
  const schedule = parsed.data.schedule === undefined ? undefined
    : attempt(() => { parseScheduleSettings(parsed.data.schedule); return parsed.data.schedule as Partial<ScheduleSettings>; }, undefined);
  // A custom tag's rule may name only the fields the team has (built-in and template.custom).
  for (const p of customTagFieldProblems(scoring.customTags ?? {}, ruleFieldsOf(template))) problems.push(`${source}: ${p}`);
  if (problems.length > 0) throw new ConfigError(problems);
  const rankingRaw = parsed.data.ranking;
  const ranking = rankingRaw === undefined ? undefined
    : { columns: rankingRaw.columns ?? [...DEFAULT_RANKING_SETTINGS.columns], audience: rankingRaw.audience ?? DEFAULT_RANKING_SETTINGS.audience };
  // A custom tag's route (scoring.customTags.<id>.route) is where routing finds it.
  const customRoutes = Object.fromEntries(Object.entries(scoring.customTags ?? {}).map(([id, tag]) => [id, tag.route]));
  const routed = Object.keys(customRoutes).length > 0 ? { ...routing, customRoutes } : routing;
  return { template, scoring, routing: routed, ...(schedule ? { schedule } : {}), ...(ranking ? { ranking } : {}) };
}
