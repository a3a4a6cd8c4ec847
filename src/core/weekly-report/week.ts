// ISO-8601 week arithmetic. Weeks are identified as `YYYY-Www` and computed in the team's timezone.

/** ISO week id, e.g. `2026-W48`. */
export type WeekId = string;

const WEEK_RE = /^(\d{4})-W(\d{2})$/;

export function isWeekId(value: string): boolean {
  const m = WEEK_RE.exec(value);
  if (!m) return false;
  const week = Number(m[2]);
  return week >= 1 && week <= weeksInYear(Number(m[1]));
}

export function parseWeekId(value: string): { year: number; week: number } {
  const m = WEEK_RE.exec(value);
  if (!m || !isWeekId(value)) throw new RangeError(`not an ISO week id (expected YYYY-Www): ${value}`);
  return { year: Number(m[1]), week: Number(m[2]) };
}

export function formatWeekId(year: number, week: number): WeekId {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Number of ISO weeks (52 or 53) in an ISO year. */
export function weeksInYear(year: number): number {
  const dec28 = new Date(Date.UTC(year, 11, 28));
  return isoWeekOfUtcDate(dec28).week;
}

/** ISO week of a calendar date given as UTC midnight. */
export function isoWeekOfUtcDate(date: Date): { year: number; week: number } {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7; // Monday=1 … Sunday=7
  d.setUTCDate(d.getUTCDate() + 4 - day); // Thursday of this week decides the year
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return { year: d.getUTCFullYear(), week };
}

/** Monday of the week as `YYYY-MM-DD`. */
export function weekStartDate(weekId: WeekId): string {
  const { year, week } = parseWeekId(weekId);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000;
  return new Date(mondayOfWeek1 + (week - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** Sunday of the week as `YYYY-MM-DD`. */
export function weekEndDate(weekId: WeekId): string {
  return addDays(weekStartDate(weekId), 6);
}

export function addWeeks(weekId: WeekId, n: number): WeekId {
  const monday = new Date(`${weekStartDate(weekId)}T00:00:00Z`);
  monday.setUTCDate(monday.getUTCDate() + n * 7);
  const { year, week } = isoWeekOfUtcDate(monday);
  return formatWeekId(year, week);
}

/** Whole weeks from `a` to `b` (positive when b is later). */
export function weeksBetween(a: WeekId, b: WeekId): number {
  const ms = Date.parse(`${weekStartDate(b)}T00:00:00Z`) - Date.parse(`${weekStartDate(a)}T00:00:00Z`);
  return Math.round(ms / (7 * 86_400_000));
}

export function compareWeeks(a: WeekId, b: WeekId): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The ISO week an instant falls in, in the given IANA timezone. */
export function weekOfInstant(instant: Date, timeZone: string): WeekId {
  const local = localDate(instant, timeZone);
  const { year, week } = isoWeekOfUtcDate(new Date(`${local}T00:00:00Z`));
  return formatWeekId(year, week);
}

// Building an Intl formatter costs far more than using one (it loads the zone's rules): one per timezone.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (`YYYY-MM-DD`) of an instant in a timezone. */
export function localDate(instant: Date, timeZone: string): string {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(isoDate: string, n: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Days from date `a` to date `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The weeks `from`..`to` inclusive, ascending. */
export function weekRange(from: WeekId, to: WeekId): WeekId[] {
  const out: WeekId[] = [];
  for (let w = from; compareWeeks(w, to) <= 0; w = addWeeks(w, 1)) out.push(w);
  return out;
}
