// Test helper: build a customer's weekly history from short per-week patches.
import type { CustomerProfile, PreviousScore, ScoreInput, WeekObservation } from '../../../src/core/customer-risk/types.js';
import { EMPTY_ENTRY, type EntryValues } from '../../../src/core/weekly-report/template.js';
import { addWeeks, type WeekId } from '../../../src/core/weekly-report/week.js';

export const END: WeekId = '2026-W20';

export const CUSTOMER: CustomerProfile = { id: 1, name: '华星科技', tier: 'normal', industry: 'software', region: 'East', since: '2023-04-01' };

/** A healthy live customer's ordinary week. */
export const NORMAL: Partial<EntryValues> = {
  contacts: 3, revenue: 10000, receivable: 30000, overdueDays: 0, complaints: 0, requirementChanges: 0, faults: 0,
  usage: 'normal', stage: 'live', health: 'green',
};

type Week = Partial<EntryValues> | null | { excused: true; entry?: Partial<EntryValues> };

/** `weeks` oldest first, ending at END; `null` = no report that week. Each week merges `base` with its patch. */
export function history(weeks: Week[], base: Partial<EntryValues> = NORMAL): WeekObservation[] {
  const n = weeks.length;
  return weeks.map((w, i) => {
    const week = addWeeks(END, i - (n - 1));
    if (w === null) return { week, entry: null, excused: false };
    if ('excused' in w && w.excused === true) {
      const patch = (w as { entry?: Partial<EntryValues> }).entry;
      return { week, entry: patch ? { ...EMPTY_ENTRY, ...base, ...patch } : null, excused: true };
    }
    return { week, entry: { ...EMPTY_ENTRY, ...base, ...(w as Partial<EntryValues>) }, excused: false };
  });
}

/** `count` ordinary weeks followed by `tail`. */
export const steady = (count: number, tail: Week[] = [], base?: Partial<EntryValues>) =>
  history([...Array.from({ length: count }, () => ({})), ...tail], base);

export function input(hist: WeekObservation[], opts: { customer?: Partial<CustomerProfile>; previous?: PreviousScore | null } = {}): ScoreInput {
  return {
    customer: { ...CUSTOMER, ...opts.customer }, week: hist[hist.length - 1]!.week, history: hist, peer: null, previous: opts.previous ?? null,
  };
}
