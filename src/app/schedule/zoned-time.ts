// Wall-clock time in an IANA timezone with nothing but Intl: the instant for "Friday 16:00 in
// America/New_York", correct on both sides of a DST change.

const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  /** `YYYY-MM-DD` */
  date: string;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday */
  isoDay: number;
}

/** What a clock on the wall in `timeZone` shows at `instant`. */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const ms = wallMs(instant.getTime(), timeZone);
  const d = new Date(ms);
  return {
    date: d.toISOString().slice(0, 10),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    isoDay: d.getUTCDay() || 7,
  };
}

// The wall clock at `t` encoded as if it were UTC milliseconds (seconds kept, ms dropped).
function wallMs(t: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(t));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
}

/** UTC offset of `timeZone` at `t`, in ms (New York in winter: -5 h). */
function offsetAt(t: number, timeZone: string): number {
  const whole = Math.floor(t / 1000) * 1000;
  return wallMs(whole, timeZone) - whole;
}

/**
 * The instant a wall clock in `timeZone` shows `date` `time` (`HH:MM`). Like Temporal's
 * 'compatible' disambiguation: a time skipped by a spring-forward gap moves forward by the gap
 * (02:30 → 03:30), a time repeated by a fall-back is its first occurrence.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const wall = Date.parse(`${date}T00:00:00Z`) + (h * 60 + m) * MINUTE;
  if (Number.isNaN(wall)) throw new RangeError(`bad date/time: ${date} ${time}`);
  // Offsets a day either side bracket any transition near this wall time.
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const candidates = [...new Set([before, after, offsetAt(wall, timeZone)])]
    .map((o) => wall - o)
    .filter((t) => wallMs(t, timeZone) === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  // In a gap: the offset before the change carries the wall time forward past it.
  return new Date(wall - before);
}

export const ISO_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type IsoDayName = (typeof ISO_DAYS)[number];

/** 1 = Monday … 7 = Sunday, for a `YYYY-MM-DD` date. */
export function isoDayOfDate(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

/** Minutes since midnight of `HH:MM`. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
