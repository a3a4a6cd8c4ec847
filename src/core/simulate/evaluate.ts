// How well a scorer finds the planted problems: precision / recall of the last week's flagged set,
// primary-tag accuracy, detection delay and false alarms over healthy customer-weeks.
import type { Tag, TagId } from '../customer-risk/types.js';
import { compareWeeks, weeksBetween, type WeekId } from '../weekly-report/week.js';
import type { FlagLike } from './naive-flags.js';
import type { SimTruth } from './types.js';

export interface EvaluateOptions {
  /** Customer name for a score's `customerId` (ground truth is by name). */
  customerName: (customerId: number) => string | undefined;
  /** The week whose flagged set is judged; default the latest week in `scoresByWeek`. */
  lastWeek?: WeekId;
}

export interface Evaluation {
  lastWeek: WeekId;
  planted: number;
  flagged: number;
  hits: number;
  precision: number;
  recall: number;
  /** Share of hits whose first tag is the planted tag. */
  primaryTagAccuracy: number;
  /** Median weeks from onset to the first flag, over planted customers flagged at or after onset; null if none. */
  medianDetectionDelay: number | null;
  /** Flagged customer-weeks of customers with nothing planted, over all their scored customer-weeks. */
  falseAlarmRate: number;
  falseAlarms: number;
  healthyCustomerWeeks: number;
  /** For reading failures: planted but not flagged last week, flagged but healthy, hit with another primary tag. */
  misses: Array<{ customer: string; tag: Tag }>;
  falsePositives: string[];
  wrongPrimary: Array<{ customer: string; planted: Tag; primary: TagId | null }>;
}

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Judge flags (grade A or B) against the ground truth.
 * @param scoresByWeek scores (or naive flags) per week; every scored customer-week counts in the false-alarm base.
 */
export function evaluate(
  scoresByWeek: ReadonlyMap<WeekId, readonly FlagLike[]>, truth: readonly SimTruth[], options: EvaluateOptions,
): Evaluation {
  const weeks = [...scoresByWeek.keys()].sort(compareWeeks);
  const lastWeek = options.lastWeek ?? weeks[weeks.length - 1]!;
  const planted = new Map(truth.map((t) => [t.customer, t]));
  const firstFlag = new Map<string, WeekId>();
  let falseAlarms = 0, healthyCustomerWeeks = 0;
  for (const week of weeks) {
    for (const s of scoresByWeek.get(week)!) {
      const name = options.customerName(s.customerId);
      if (name === undefined) continue;
      const t = planted.get(name);
      if (!t) {
        healthyCustomerWeeks++;
        if (s.grade) falseAlarms++;
      } else if (s.grade && compareWeeks(week, t.onsetWeek) >= 0 && !firstFlag.has(name)) {
        firstFlag.set(name, week);
      }
    }
  }

  const last = scoresByWeek.get(lastWeek) ?? [];
  const flaggedLast = last.filter((s) => s.grade);
  const falsePositives: string[] = [];
  const wrongPrimary: Evaluation['wrongPrimary'] = [];
  const hitNames = new Set<string>();
  let primaryOk = 0;
  for (const s of flaggedLast) {
    const name = options.customerName(s.customerId) ?? `#${s.customerId}`;
    const t = planted.get(name);
    if (!t) {
      falsePositives.push(name);
      continue;
    }
    hitNames.add(name);
    if (s.tags[0] === t.tag) primaryOk++;
    else wrongPrimary.push({ customer: name, planted: t.tag, primary: s.tags[0] ?? null });
  }
  const delays: number[] = [];
  for (const [name, week] of firstFlag) delays.push(weeksBetween(planted.get(name)!.onsetWeek, week));
  const hits = hitNames.size;
  return {
    lastWeek,
    planted: truth.length,
    flagged: flaggedLast.length,
    hits,
    precision: flaggedLast.length ? hits / flaggedLast.length : 1,
    recall: truth.length ? hits / truth.length : 1,
    primaryTagAccuracy: hits ? primaryOk / hits : 1,
    medianDetectionDelay: median(delays),
    falseAlarmRate: healthyCustomerWeeks ? falseAlarms / healthyCustomerWeeks : 0,
    falseAlarms,
    healthyCustomerWeeks,
    misses: truth.filter((t) => !hitNames.has(t.customer)).map((t) => ({ customer: t.customer, tag: t.tag })),
    falsePositives,
    wrongPrimary,
  };
}
