// "No change" weeks (issue 12.2): a carried entry is not fresh evidence. For activity, trends and bursts it
// reads like a missing report; payment keeps ageing; a later report's last-contact date still shows the silence.
import { describe, expect, it } from 'vitest';
import { scoreWeek, type WeekEntryRow } from '../../../src/core/customer-risk/score-week.js';
import type { CustomerProfile, CustomerScore } from '../../../src/core/customer-risk/types.js';
import { carriedEntry } from '../../../src/core/weekly-report/carry.js';
import { DEFAULT_TEMPLATE, EMPTY_ENTRY, type EntryValues } from '../../../src/core/weekly-report/template.js';
import { addWeeks, weekRange, weekStartDate } from '../../../src/core/weekly-report/week.js';

const END = '2026-W48';
const weeks = weekRange(addWeeks(END, -15), END);
const customer: CustomerProfile = { id: 1, name: 'C1', tier: 'normal', industry: null, region: null, since: null };

function week(i: number, patch: Partial<EntryValues> = {}): EntryValues {
  return {
    ...EMPTY_ENTRY, contacts: 3, lastContact: weekStartDate(weeks[i]!), revenue: 10000, receivable: 0, overdueDays: 0,
    complaints: 0, requirementChanges: 0, faults: 0, usage: 'high', stage: 'live', health: 'green', ...patch,
  };
}

/** 16 weeks; the last `tail` weeks are made by `last(i, previous)` (null = no report). */
function score(tail: number, last: (i: number, prev: WeekEntryRow) => WeekEntryRow | null, patch: (i: number) => Partial<EntryValues> = () => ({})): CustomerScore {
  const rows: WeekEntryRow[] = [];
  weeks.forEach((w, i) => {
    if (i < weeks.length - tail) {
      rows.push({ week: w, customerId: 1, values: week(i, patch(i)), repId: 1 });
      return;
    }
    const prev = [...rows].reverse().find((r) => r.customerId === 1)!;
    const row = last(i, prev);
    if (row) rows.push(row);
  });
  return scoreWeek({ customers: [customer], entries: rows, week: END })[0]!;
}

const carry = (i: number, prev: WeekEntryRow): WeekEntryRow =>
  ({ week: weeks[i]!, customerId: 1, repId: 1, carried: true, values: carriedEntry(DEFAULT_TEMPLATE, prev.values, prev.week, weeks[i]!) });
const missing = () => null;
const dims = (s: CustomerScore) => Object.fromEntries(Object.entries(s.dimensions).map(([k, d]) => [k, d.score]));

describe('carried weeks', () => {
  it('read like missing reports for revenue, complaints, fit, churn and the deal cycle', () => {
    const troubled = (i: number) => (i >= 10 ? { revenue: 0, complaints: i % 2, faults: 1, requirementChanges: i % 2, usage: 'low' as const } : {});
    const carried = dims(score(3, carry, troubled));
    const absent = dims(score(3, missing, troubled));
    for (const d of ['revenue', 'complaints', 'fit', 'churn', 'cycle']) expect(carried[d], d).toBe(absent[d]);
    // Usage "low" carried twice more is not a longer low-usage streak; counts carried are not new events.
    expect(score(3, carry, troubled).dimensions.fit.facts.recentFaults).toBe(score(3, missing, troubled).dimensions.fit.facts.recentFaults);
  });

  it('do not confirm a trend even when the carried row still holds last week\'s flows', () => {
    // A carried row written by an older client that kept last week's numbers: the scorer ignores them.
    const stale = (i: number, prev: WeekEntryRow): WeekEntryRow => ({ ...carry(i, prev), values: { ...prev.values, contacts: 9, revenue: 99999, complaints: 3 } });
    const declining = (i: number) => (i >= 9 ? { revenue: 1000, complaints: 1 } : {});
    const a = dims(score(2, stale, declining));
    const b = dims(score(2, missing, declining));
    expect({ revenue: a.revenue, complaints: a.complaints }).toEqual({ revenue: b.revenue, complaints: b.complaints });
    // Nine contacts in the carried row are not contact: the carried weeks are no evidence against silence.
    expect(score(2, stale, declining).dimensions.activity.facts.usualContacts).toBe(score(2, missing, declining).dimensions.activity.facts.usualContacts);
  });

  it('keep payment ageing: last week\'s overdue days +7 a week while owed', () => {
    const owed = (i: number) => (i >= 12 ? { receivable: 50000, overdueDays: 20 + (i - 12) * 7 } : {});
    // Reported: 20, 27, 34 days in weeks 12–14; week 15 carried → 41.
    const carried = score(1, carry, owed);
    expect(carried.dimensions.payment.facts.overdueDays).toBe(41);
    expect(carried.dimensions.payment.score).toBeGreaterThan(0);
    // Nothing owed: carried days do not grow.
    const paid = score(1, carry, (i) => (i >= 12 ? { receivable: 0, overdueDays: 5 } : {}));
    expect(paid.dimensions.payment.facts.overdueDays).toBe(5);
  });

  it('let silence accrue: a later report with the same last-contact date counts the carried weeks as silent', () => {
    const quietFrom = 11;
    const patch = (i: number) => (i >= quietFrom ? { contacts: 0, lastContact: weekStartDate(weeks[quietFrom - 1]!) } : {});
    // Weeks 13–14 carried, then week 15 reported with no contact and the old last-contact date.
    const rows = (i: number, prev: WeekEntryRow) => (i < 15 ? carry(i, prev) : { week: weeks[i]!, customerId: 1, repId: 1, values: week(i, patch(i)) });
    const s = score(3, rows, patch);
    expect(s.dimensions.activity.facts.silentWeeks).toBe(5);
    // Two carried weeks at the end: the earlier one is shown silent by the later one's last-contact date, the
    // latest is unknown like a missing report (3 reported quiet weeks + 1). Missing reports add nothing.
    expect(score(2, missing, patch).dimensions.activity.facts.silentWeeks).toBe(3);
    expect(score(2, carry, patch).dimensions.activity.facts.silentWeeks).toBe(4);
  });
});
