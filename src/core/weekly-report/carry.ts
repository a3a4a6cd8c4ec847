// "No change / 本周无变化": next week's values from the last entry. Stocks (receivable, stage, dates…) are
// kept, the debt keeps ageing while it is unpaid, and this week's flows (contacts, revenue, complaints…)
// are unknown. The same ageing pre-fills the form, so it shows what the scorer already estimates.
import type { EntryValues, ReportTemplate } from './template.js';
import { carryOverValues } from './template.js';
import { weeksBetween, type WeekId } from './week.js';

/** The flows a week's form starts at when the rep opens it: nothing new until they say so. */
const FLOW_DEFAULTS: Partial<Record<keyof EntryValues, number>> = {
  contacts: 0, revenue: 0, complaints: 0, requirementChanges: 0, faults: 0,
};

/**
 * Overdue days aged by the calendar between the last entry's week and `week`: +7 a week while something is
 * owed (receivable not 0; an unknown amount still counts as owed). Nothing owed, or not overdue: unchanged.
 */
export function agedOverdueDays(last: EntryValues, lastWeek: WeekId, week: WeekId): number | null {
  const days = last.overdueDays;
  const weeks = weeksBetween(lastWeek, week);
  if (days === null || days <= 0 || last.receivable === 0 || weeks <= 0) return days;
  return days + 7 * weeks;
}

/** The entry stored for a customer the rep marks "no change": last values carried, debt aged, flows unknown. */
export function carriedEntry(template: ReportTemplate, last: EntryValues, lastWeek: WeekId, week: WeekId): EntryValues {
  return { ...carryOverValues(template, last), overdueDays: agedOverdueDays(last, lastWeek, week) };
}

/**
 * What the form for `week` starts with: carried values with the debt aged (as the scorer estimates it), and
 * this week's counts and revenue at 0 so a rep types only what changed. Fields the template leaves out stay empty.
 */
export function prefillEntry(template: ReportTemplate, last: EntryValues | null, lastWeek: WeekId | null, week: WeekId): EntryValues {
  const start = last && lastWeek ? carriedEntry(template, last, lastWeek, week) : carryOverValues(template, null);
  const out = { ...start } as unknown as Record<string, unknown>;
  for (const field of template.fields) {
    const zero = FLOW_DEFAULTS[field.id];
    if (zero !== undefined && !field.carryOver && out[field.id] === null) out[field.id] = zero;
  }
  return out as unknown as EntryValues;
}
