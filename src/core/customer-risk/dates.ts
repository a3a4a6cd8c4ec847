// Cached date arithmetic for the hot path: scoring 20,000 customers repeats the same few dates a lot.
import { addWeeks, weekEndDate, weekStartDate, type WeekId } from '../weekly-report/week.js';

const MAX_CACHE = 50_000;
const dayCache = new Map<string, number>();
const startCache = new Map<WeekId, string>();
const endCache = new Map<WeekId, string>();
const beforeCache = new Map<WeekId, WeekId>();

function remember<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(key, (v = make()));
  }
  return v;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export const dayNumber = (date: string): number =>
  remember(dayCache, date, () => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000));

/** Days from `a` to `b`. */
export const daysFromTo = (a: string, b: string): number => dayNumber(b) - dayNumber(a);

export const cachedWeekStart = (week: WeekId): string => remember(startCache, week, () => weekStartDate(week));
export const cachedWeekEnd = (week: WeekId): string => remember(endCache, week, () => weekEndDate(week));
/** The week before `week` (grading asks it once per customer, always of the same week). */
export const cachedWeekBefore = (week: WeekId): WeekId => remember(beforeCache, week, () => addWeeks(week, -1));
