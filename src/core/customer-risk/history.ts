// Small readers over a customer's weekly history, shared by the dimensions.
// Missing reports (entry null) are unknown, never zero; excused weeks are skipped where silence matters.
import type { EntryValues } from '../weekly-report/template.js';
import { cachedWeekEnd } from './dates.js';
import type { ScoreInput, WeekObservation } from './types.js';
import type { ScoringConfig } from './weights.js';

/** What every dimension gets: the input, the config and a few precomputed facts. */
export interface DimensionContext {
  input: ScoreInput;
  cfg: ScoringConfig;
  obs: readonly WeekObservation[];
  /** Sunday of the scored week, `YYYY-MM-DD`. */
  weekEnd: string;
}

export function makeContext(input: ScoreInput, cfg: ScoringConfig): DimensionContext {
  return { input, cfg, obs: input.history, weekEnd: cachedWeekEnd(input.week) };
}

type NumericField = 'contacts' | 'revenue' | 'receivable' | 'overdueDays' | 'complaints' | 'requirementChanges' | 'faults';

/** The most recent non-null value of a field, with its age in weeks (0 = the scored week). */
export function latestValue<K extends keyof EntryValues>(
  obs: readonly WeekObservation[], field: K, maxAge = Infinity, skip = 0,
): { value: NonNullable<EntryValues[K]>; age: number; index: number } | null {
  const last = obs.length - 1;
  let seen = 0;
  for (let i = last; i >= 0 && last - i <= maxAge; i--) {
    const v = obs[i]!.entry?.[field];
    if (v === null || v === undefined) continue;
    if (seen++ < skip) continue;
    return { value: v as NonNullable<EntryValues[K]>, age: last - i, index: i };
  }
  return null;
}

/**
 * Weeks since the customer's stage turned `lost` (0 = this week), or null when the latest reported stage
 * is not `lost`. A lost customer is a known outcome: silence and missing orders are no longer news.
 */
export function lostFor(obs: readonly WeekObservation[]): number | null {
  const last = obs.length - 1;
  let since: number | null = null;
  for (let i = last; i >= 0; i--) {
    const s = obs[i]!.entry?.stage;
    if (!s) continue;
    if (s !== 'lost') break;
    since = last - i;
  }
  return since;
}

export interface EventBurst {
  /** Exponentially decayed sum of events (this week counts 1, one half-life ago counts 0.5). */
  decayed: number;
  /** `decayed` minus what the customer's own older baseline would produce. */
  effective: number;
  /** Weeks with at least one event in the last `recentWeeks` weeks. */
  weeksWith: number;
  /** `weeksWith` minus what the baseline hit rate would produce. */
  effectiveWeeks: number;
  /** Events in the last `recentWeeks` weeks. */
  recentSum: number;
  /** The largest and second largest weekly count in the last `recentWeeks` weeks. */
  recentMax: number;
  recentSecond: number;
  /** Events per reported week in the baseline (older than `baselineAge` weeks). */
  baselineRate: number;
  /** Share of baseline weeks with at least one event. */
  baselineHitRate: number;
  /** Events and reported weeks in the baseline, whatever its length. */
  baseSum: number;
  baseWeeks: number;
}

const MISSING_SLACK = 2;

/**
 * Recent bursts of countable events (complaints, requirement changes, faults) that fade with age,
 * discounted by the customer's own baseline so a chronically noisy account is judged against itself.
 */
export function eventBurst(
  obs: readonly WeekObservation[], field: 'complaints' | 'requirementChanges' | 'faults', halfLifeWeeks: number,
  recentWeeks = 4, baselineAge = 8,
): EventBurst {
  const last = obs.length - 1;
  const k = Math.pow(0.5, 1 / halfLifeWeeks);
  let decayed = 0, decayWeights = 0, weight = 1;
  let weeksWith = 0, recentSum = 0, recentReported = 0, recentMax = 0, recentSecond = 0;
  let baseSum = 0, baseWeeks = 0, baseHits = 0;
  for (let i = last; i >= 0; i--, weight *= k) {
    const v = obs[i]!.entry?.[field];
    if (v === null || v === undefined) continue;
    const age = last - i;
    decayed += v * weight;
    decayWeights += weight;
    // "Recent" means the last `recentWeeks` *reported* weeks: a missing report does not shrink the window
    // (it stretches by up to MISSING_SLACK weeks), so a problem is not forgotten because one report is late.
    if (recentReported < recentWeeks && age < recentWeeks + MISSING_SLACK) {
      recentReported++;
      recentSum += v;
      if (v > 0) weeksWith++;
      if (v > recentMax) [recentMax, recentSecond] = [v, recentMax];
      else if (v > recentSecond) recentSecond = v;
    } else if (age >= baselineAge) {
      baseWeeks++;
      baseSum += v;
      if (v > 0) baseHits++;
    }
  }
  const enough = baseWeeks >= 6;
  const baselineRate = enough ? baseSum / baseWeeks : 0;
  const hitRate = enough ? baseHits / baseWeeks : 0;
  return {
    decayed,
    effective: Math.max(0, decayed - baselineRate * decayWeights),
    weeksWith,
    effectiveWeeks: Math.max(0, weeksWith - hitRate * recentReported),
    recentSum,
    recentMax,
    recentSecond,
    baselineRate,
    baselineHitRate: hitRate,
    baseSum,
    baseWeeks,
  };
}

/** Values of a numeric field over reported, non-excused weeks, oldest first, with their positions. */
export function reportedSeries(obs: readonly WeekObservation[], field: NumericField): { values: number[]; at: number[] } {
  const values: number[] = [];
  const at: number[] = [];
  for (let i = 0; i < obs.length; i++) {
    const o = obs[i]!;
    if (o.excused) continue;
    const v = o.entry?.[field];
    if (v === null || v === undefined) continue;
    values.push(v);
    at.push(i);
  }
  return { values, at };
}

export function median(xs: readonly number[]): number {
  const n = xs.length;
  if (n === 0) return 0;
  let s: number[];
  if (n <= 32) {
    // Scoring takes the median of a few dozen weeks, 20,000 times a run: a stable insertion sort puts them in
    // the very order the stable sort below would (same comparisons), without a comparator call per step.
    s = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const v = xs[i]!;
      if (v !== v) return medianOfSorted([...xs].sort((a, b) => a - b));
      let j = i;
      while (j > 0 && s[j - 1]! - v > 0) {
        s[j] = s[j - 1]!;
        j--;
      }
      s[j] = v;
    }
  } else s = [...xs].sort((a, b) => a - b);
  return medianOfSorted(s);
}

function medianOfSorted(s: readonly number[]): number {
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function mean(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return xs.length ? sum / xs.length : 0;
}

export function stdev(xs: readonly number[], mu = mean(xs)): number {
  if (xs.length < 2) return 0;
  let ss = 0;
  for (const x of xs) ss += (x - mu) ** 2;
  return Math.sqrt(ss / (xs.length - 1));
}

export const clamp = (x: number, lo = 0, hi = 100) => (x < lo ? lo : x > hi ? hi : x);

/** Linear interpolation over ascending (x, y) points, flat outside them. */
export function ramp(x: number, points: ReadonlyArray<readonly [number, number]>): number {
  const first = points[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x0, y0] = points[i - 1]!;
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return points[points.length - 1]![1];
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

/** P(X >= k) for X ~ Poisson(mu). */
export function poissonUpper(k: number, mu: number): number {
  let term = Math.exp(-mu), below = 0;
  for (let j = 0; j < k; j++) {
    below += term;
    term *= mu / (j + 1);
  }
  return Math.max(0, 1 - below);
}

/**
 * How surprising `k` or more events in `weeks` weeks are for a customer whose own baseline had `baseSum`
 * events in `baseWeeks` weeks: −ln P(X ≥ k) under the gamma–Poisson (negative binomial) predictive, with a
 * prior of `priorRate` a week worth `priorWeeks` weeks. A short or noisy record is uncertain, so it surprises less.
 */
export function countSurprise(k: number, weeks: number, baseSum: number, baseWeeks: number, priorRate: number, priorWeeks: number): number {
  if (k <= 0) return 0;
  const r = priorRate * priorWeeks + baseSum;
  const p = (priorWeeks + baseWeeks) / (priorWeeks + baseWeeks + weeks);
  let pmf = Math.pow(p, r), below = 0;
  for (let j = 0; j < k; j++) {
    below += pmf;
    pmf *= ((r + j) / (j + 1)) * (1 - p);
  }
  return -Math.log(Math.max(1e-12, 1 - below));
}
