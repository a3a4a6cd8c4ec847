// Keeps stored scores in step with the entries: scores every week that has no scores yet, in order,
// so deltas and weeks-in-red chain correctly. Imports and late edits invalidate from their week on.
import { historyWindowStart, scoreRuns, type ExcusedRow } from '../../core/customer-risk/score-week.js';
import type { CustomerProfile, CustomerScore, PreviousScore } from '../../core/customer-risk/types.js';
import type { Customer, Member } from '../../core/team.js';
import { addWeeks, compareWeeks, daysBetween, formatWeekId, isoWeekOfUtcDate, weekRange, weekStartDate, type WeekId } from '../../core/weekly-report/week.js';
import type { AppContext, RadarSettings } from '../context.js';
import { teamSettings } from '../settings/team-settings.js';
import { createHash } from 'node:crypto';
import { customFieldsRead, ruleFieldsOf, type RuleFields } from '../../core/custom-tags/custom-tags.js';

const toProfile = (c: Customer): CustomerProfile => ({
  id: c.id, name: c.name, tier: c.tier, industry: c.industry, region: c.region, since: c.since,
});

// We keep only the end of an absence, so a rep counts as away for at most this long before it.
const MAX_ABSENCE_DAYS = 28;

/** Customers whose owning rep is away during `week`: their silence is excused. */
function excusedFor(week: WeekId, customers: readonly Customer[], members: readonly Member[]): ExcusedRow[] {
  const start = weekStartDate(week);
  const away = new Set(members
    .filter((m) => m.awayUntil !== null && m.awayUntil >= start && daysBetween(start, m.awayUntil) <= MAX_ABSENCE_DAYS)
    .map((m) => m.id));
  if (away.size === 0) return [];
  return customers.filter((c) => c.ownerRepId !== null && away.has(c.ownerRepId)).map((c) => ({ customerId: c.id, week }));
}

// JSON with sorted keys, so the same settings always give the same fingerprint.
const stableJson = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
};

const fingerprints = new WeakMap<object, string>();
const fingerprintsWithFields = new WeakMap<object, WeakMap<object, string>>();

const hasCustomTags = (settings: Pick<RadarSettings, 'scoring'>): boolean => Object.keys(settings.scoring.customTags ?? {}).length > 0;

/**
 * Fingerprint of everything that decides a score (the scoring config, and the template's fields when custom
 * tags quote them in reasons). Each stored week carries the fingerprint it was computed with; a week with
 * another one is stale and is scored again when read.
 */
export function scoringFingerprint(settings: Pick<RadarSettings, 'scoring'> & { template?: RadarSettings['template'] }): string {
  if (settings.template && hasCustomTags(settings)) {
    let byTemplate = fingerprintsWithFields.get(settings.scoring);
    if (!byTemplate) fingerprintsWithFields.set(settings.scoring, (byTemplate = new WeakMap()));
    const hit = byTemplate.get(settings.template);
    if (hit) return hit;
    const fields = { fields: settings.template.fields.map((f) => [f.id, f.label, f.options ?? null]), custom: settings.template.custom ?? [] };
    const fp = createHash('sha256').update(stableJson({ scoring: settings.scoring, fields })).digest('hex').slice(0, 16);
    byTemplate.set(settings.template, fp);
    return fp;
  }
  const hit = fingerprints.get(settings.scoring);
  if (hit) return hit;
  const fp = createHash('sha256').update(stableJson({ scoring: settings.scoring })).digest('hex').slice(0, 16);
  fingerprints.set(settings.scoring, fp);
  return fp;
}

const ruleFieldsCache = new WeakMap<object, RuleFields>();

/** The team's fields as custom tags read them (built-in and `template.custom`, with their labels). */
export function teamRuleFields(settings: Pick<RadarSettings, 'template'>): RuleFields {
  let hit = ruleFieldsCache.get(settings.template);
  if (!hit) ruleFieldsCache.set(settings.template, (hit = ruleFieldsOf(settings.template)));
  return hit;
}

const isStored = (ctx: AppContext, teamId: number, week: WeekId, fingerprint: string): boolean =>
  ctx.repos.scores.storedWeekHash(teamId, week) === fingerprint;

/**
 * The red flags of `week` (grade A or B, highest index first). When the week's scores are stored under
 * the current settings this is one indexed read of the flagged rows only (no other customer's JSON);
 * otherwise the week is scored first, as ensureScored does.
 */
export function ensureFlagged(ctx: AppContext, teamId: number, week: WeekId): CustomerScore[] {
  if (isStored(ctx, teamId, week, scoringFingerprint(teamSettings(ctx, teamId)))) return ctx.repos.scores.flaggedScoresForWeek(teamId, week);
  return flaggedScores(ensureScored(ctx, teamId, week));
}

/** Makes sure `week` has stored scores under the current settings, without reading them when it has. */
export function ensureStored(ctx: AppContext, teamId: number, week: WeekId): void {
  if (!isStored(ctx, teamId, week, scoringFingerprint(teamSettings(ctx, teamId)))) ensureScored(ctx, teamId, week);
}

/**
 * One customer's score of `week` (null when not scored), read as one indexed row once the week is
 * stored under the current settings: what a customer card or page needs, without the week's other rows.
 */
export function storedScoreOf(ctx: AppContext, customer: Pick<Customer, 'id' | 'teamId'>, week: WeekId): CustomerScore | null {
  ensureStored(ctx, customer.teamId, week);
  return ctx.repos.scores.customerScore(customer.id, week);
}

/**
 * Scores of `week`, computing (and storing) any missing or stale weeks up to it first.
 * The window's weeks are read once, packed by column (ReportRepo.scoringWeeks), for every week scored.
 */
export function ensureScored(ctx: AppContext, teamId: number, week: WeekId): CustomerScore[] {
  const { repos } = ctx;
  const settings = teamSettings(ctx, teamId);
  const fingerprint = scoringFingerprint(settings);
  // Stored under these settings: read, never re-scored (one indexed row decides; a week is saved whole).
  if (isStored(ctx, teamId, week, fingerprint)) return repos.scores.scoresForWeek(teamId, week);
  // Nothing to score before the first report (a review's look-back asks for such weeks).
  const entryWeeks = repos.reports.weeksWithEntries(teamId);
  const firstEntry = entryWeeks[0];
  if (firstEntry === undefined || compareWeeks(firstEntry, week) > 0) return [];
  // Weeks scored under other settings count as unscored: a changed threshold re-scores them on read.
  const scored = repos.scores.scoredWeeks(teamId, fingerprint);
  const lastScoredBefore = scored.filter((w) => compareWeeks(w, week) < 0).at(-1);
  const from = lastScoredBefore ? addWeeks(lastScoredBefore, 1) : firstEntry;

  const customers = repos.customers.listCustomers(teamId);
  const members = repos.teams.listMembers(teamId);
  const profiles = customers.map(toProfile);
  // Custom fields' values (a JSON column) are read only when a custom tag's rule or reason names one.
  const readCustom = customFieldsRead(settings.scoring.customTags ?? {}).length > 0;
  // Each week's rows by position (packed by column once read): no object per row for the whole window.
  const runs = repos.reports.scoringWeeks(teamId, historyWindowStart(from, settings.scoring), week, readCustom ? { custom: true } : {});
  const fields = hasCustomTags(settings) ? teamRuleFields(settings) : undefined;

  let previous: ReadonlyArray<PreviousScore & { customerId: number }> = lastScoredBefore ? repos.scores.previousScores(teamId, lastScoredBefore) : [];
  let latest: CustomerScore[] = [];
  const weeks = weekRange(from, week);
  repos.transaction(() => {
    for (const w of weeks) {
      const window = weekRange(historyWindowStart(w, settings.scoring), w).flatMap((x) => runs.get(x) ?? []);
      const scores = scoreRuns(window, {
        customers: profiles,
        week: w,
        previous,
        excused: excusedFor(w, customers, members),
        config: settings.scoring,
        ...(fields ? { fields } : {}),
      });
      repos.scores.saveWeekScores(teamId, w, scores, fingerprint);
      previous = scores;
      latest = scores;
    }
  });
  ctx.logger.debug({ teamId, from, to: week, weeks: weeks.length }, 'scored weeks');
  return latest;
}

/**
 * Scores that depend on what just changed are dropped, to be recomputed on next read: customer
 * attributes (tier, region, industry feed grading and peer baselines) from the first week; an absence
 * from the weeks it can excuse.
 */
export function invalidateScores(ctx: AppContext, teamId: number, from: WeekId | 'all'): void {
  ctx.repos.scores.invalidateFrom(teamId, from === 'all' ? '0000-W01' : from);
}

/** The first week an absence ending on `until` can excuse. */
export const absenceStartWeek = (until: string): WeekId => {
  const start = new Date(`${until}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - MAX_ABSENCE_DAYS);
  const { year, week } = isoWeekOfUtcDate(start);
  return formatWeekId(year, week);
};

/** The flagged customers of a week (grade A or B), highest index first. */
export function flaggedScores(scores: readonly CustomerScore[]): CustomerScore[] {
  return scores.filter((s) => s.grade !== null).sort((a, b) => b.index - a.index || a.customerId - b.customerId);
}

/** The latest week that has entries, or null for an empty database. */
export function latestReportWeek(ctx: AppContext, teamId: number): WeekId | null {
  return ctx.repos.reports.weeksWithEntries(teamId).at(-1) ?? null;
}
