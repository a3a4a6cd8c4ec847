// The time a question is about ("本周", "上周", "上个月", "最近4周", "since W40", "第40周"), found in the
// text and resolved against the latest reported week: the week whose state is asked (`to`) and the
// week a change is measured from (`baseline`). Pure: the current week comes from the data, not a clock.
import { text, type LocalizedText } from '../i18n.js';
import { addWeeks, compareWeeks, formatWeekId, isoWeekOfUtcDate, parseWeekId, weekStartDate, weeksInYear, type WeekId } from '../weekly-report/week.js';
import { EN_NUMBER_SOURCE, ZH_NUMERAL_CHARS, parseAnyNumber } from './numerals.js';

/** A week as typed: "W40" (year left to the context) or "2026-W40". */
export interface WeekRef {
  year: number | null;
  week: number;
}

export type TimeSlot =
  | { kind: 'this_week' }
  | { kind: 'last_week' }
  | { kind: 'weeks_ago'; n: number }
  | { kind: 'last_n_weeks'; n: number }
  | { kind: 'this_month' }
  | { kind: 'last_month' }
  | { kind: 'since'; week: WeekRef }
  | { kind: 'week'; week: WeekRef };

/** A time slot pinned to weeks: the state is read at `to`, changes are measured from `baseline`. */
export interface ResolvedTime {
  to: WeekId;
  baseline: WeekId;
  slot: TimeSlot | null;
}

const N = `(\\d{1,3}|[${ZH_NUMERAL_CHARS}]{1,3}|${EN_NUMBER_SOURCE})`;
// "W40", "wk 40", "week 40", "2026-W40", "2026W40", "第40周", "第四十周".
const WEEK_REF = `(?:(\\d{4})\\s*-?\\s*)?(?:\\bw(?:ee)?k?\\s*(\\d{1,2})\\b|第\\s*(\\d{1,2}|[${ZH_NUMERAL_CHARS}]{1,3})\\s*周)`;

const weekRefOf = (m: RegExpExecArray, at: number): WeekRef | null => {
  const raw = m[at + 1] ?? m[at + 2];
  const week = raw === undefined ? null : parseAnyNumber(raw);
  if (week === null || week < 1 || week > 53) return null;
  return { year: m[at] ? Number(m[at]) : null, week };
};

interface TimeRule {
  re: RegExp;
  slot: (m: RegExpExecArray) => TimeSlot | null;
}

// Longer phrases first: "上上周" before "上周", "since W40" before a bare "W40".
const RULES: readonly TimeRule[] = [
  { re: new RegExp(`(?:自|从|自从)\\s*${WEEK_REF}\\s*(?:以来|至今|开始|起|到现在)?|${WEEK_REF}\\s*(?:以来|至今|开始|起|到现在)`, 'i'), slot: (m) => since(weekRefOf(m, 1) ?? weekRefOf(m, 4)) },
  { re: new RegExp(`\\b(?:since|from)\\s+(?:the\\s+)?${WEEK_REF}`, 'i'), slot: (m) => since(weekRefOf(m, 1)) },
  { re: /上上(?:个)?(?:周|星期|礼拜)|\b(?:the\s+)?week before last\b/i, slot: () => ({ kind: 'weeks_ago', n: 2 }) },
  { re: new RegExp(`${N}\\s*(?:个)?(?:周|星期|礼拜)(?:之)?前|\\b${N}\\s+weeks?\\s+ago\\b`, 'i'), slot: (m) => count('weeks_ago', m[1] ?? m[2]) },
  { re: new RegExp(`(?:最近|近|过去|这|前)\\s*${N}\\s*(?:个)?(?:周|星期|礼拜)(?:以来|内|里)?|\\b(?:in\\s+)?(?:the\\s+)?(?:last|past|previous)\\s+${N}\\s+weeks?\\b`, 'i'), slot: (m) => count('last_n_weeks', m[1] ?? m[2]) },
  { re: /上(?:个)?(?:周|星期|礼拜)|\b(?:last|previous|past|prior)\s+week(?:'s)?\b/i, slot: () => ({ kind: 'last_week' }) },
  { re: /(?:本|这|这个|当)(?:周|星期|礼拜)|\b(?:this|current|the current)\s+week(?:'s)?\b|\bthis wk\b/i, slot: () => ({ kind: 'this_week' }) },
  { re: /上(?:个)?月|\b(?:last|previous|past)\s+month(?:'s)?\b/i, slot: () => ({ kind: 'last_month' }) },
  { re: /(?:本|这个|这|当)月|\bthis\s+month(?:'s)?\b/i, slot: () => ({ kind: 'this_month' }) },
  { re: new RegExp(`(?:\\bin\\s+|\\bfor\\s+)?(?:\\bthe\\s+)?${WEEK_REF}`, 'i'), slot: (m) => weekSlot(weekRefOf(m, 1)) },
];

function since(ref: WeekRef | null): TimeSlot | null {
  return ref ? { kind: 'since', week: ref } : null;
}
function weekSlot(ref: WeekRef | null): TimeSlot | null {
  return ref ? { kind: 'week', week: ref } : null;
}
function count(kind: 'weeks_ago' | 'last_n_weeks', raw: string | undefined): TimeSlot | null {
  const n = raw === undefined ? null : parseAnyNumber(raw);
  return n !== null && n >= 1 && n <= 104 ? { kind, n } : null;
}

/** The first time phrase in the text and the exact text it matched, or null. */
export function findTime(t: string): { slot: TimeSlot; match: string } | null {
  for (const rule of RULES) {
    const m = rule.re.exec(t);
    if (!m) continue;
    const slot = rule.slot(m);
    if (slot) return { slot, match: m[0] };
  }
  return null;
}

/** "W40" means the latest week 40 that is not after the current week. */
function pin(ref: WeekRef, current: WeekId): WeekId {
  const { year } = parseWeekId(current);
  const make = (y: number) => formatWeekId(y, Math.min(ref.week, weeksInYear(y)));
  if (ref.year !== null) return make(ref.year);
  const same = make(year);
  return compareWeeks(same, current) <= 0 ? same : make(year - 1);
}

/** The ISO week holding a date (YYYY-MM-DD). */
const weekOfDate = (d: string): WeekId => {
  const { year, week } = isoWeekOfUtcDate(new Date(`${d}T00:00:00Z`));
  return formatWeekId(year, week);
};

/** Weeks of a calendar month: a week belongs to the month of its Thursday (the ISO rule). */
function monthOf(week: WeekId): { first: WeekId } {
  const thursday = new Date(`${weekStartDate(week)}T00:00:00Z`);
  thursday.setUTCDate(thursday.getUTCDate() + 3);
  const firstDay = `${thursday.toISOString().slice(0, 7)}-01`;
  let first = weekOfDate(firstDay);
  // The week holding the 1st belongs to the previous month when its Thursday is before the 1st.
  const firstThursday = new Date(`${weekStartDate(first)}T00:00:00Z`);
  firstThursday.setUTCDate(firstThursday.getUTCDate() + 3);
  if (firstThursday.toISOString().slice(0, 10) < firstDay) first = addWeeks(first, 1);
  return { first };
}

/** Pins a time slot to weeks; no slot means the current week against the one before. */
export function resolveTime(slot: TimeSlot | undefined | null, current: WeekId): ResolvedTime {
  const point = (to: WeekId): ResolvedTime => ({ to, baseline: addWeeks(to, -1), slot: slot ?? null });
  if (!slot) return point(current);
  switch (slot.kind) {
    case 'this_week':
      return point(current);
    case 'last_week':
      return point(addWeeks(current, -1));
    case 'weeks_ago':
      return point(addWeeks(current, -slot.n));
    case 'last_n_weeks':
      return { to: current, baseline: addWeeks(current, -slot.n), slot };
    case 'this_month':
      return { to: current, baseline: addWeeks(monthOf(current).first, -1), slot };
    case 'last_month': {
      const first = monthOf(current).first;
      const lastOfPrevious = addWeeks(first, -1);
      return { to: lastOfPrevious, baseline: addWeeks(monthOf(lastOfPrevious).first, -1), slot };
    }
    case 'since': {
      const from = pin(slot.week, current);
      return { to: current, baseline: compareWeeks(from, current) < 0 ? from : addWeeks(current, -1), slot };
    }
    case 'week': {
      const w = pin(slot.week, current);
      return point(compareWeeks(w, current) <= 0 ? w : current);
    }
    default:
      return point(current);
  }
}

/** Whether the time names a span (a change is measured across it) rather than one week. */
export const isSpan = (t: ResolvedTime): boolean => t.slot !== null && ['last_n_weeks', 'this_month', 'last_month', 'since'].includes(t.slot.kind);

/** "2026-W48", "自 2026-W40 以来" / "since 2026-W40", "近 4 周" / "last 4 weeks (since 2026-W44)". */
export function timeLabel(t: ResolvedTime): LocalizedText {
  const s = t.slot;
  if (!s || !isSpan(t)) return text(t.to, t.to);
  switch (s.kind) {
    case 'since':
      return text(`自 ${t.baseline} 以来`, `since ${t.baseline}`);
    case 'last_n_weeks':
      return text(`近 ${s.n} 周 ${t.baseline} → ${t.to}`, `last ${s.n} weeks (${t.baseline} → ${t.to})`);
    case 'this_month':
      return text(`本月 ${t.baseline} → ${t.to}`, `this month (${t.baseline} → ${t.to})`);
    case 'last_month':
      return text(`上个月 ${t.baseline} → ${t.to}`, `last month (${t.baseline} → ${t.to})`);
    default:
      return text(t.to, t.to);
  }
}
