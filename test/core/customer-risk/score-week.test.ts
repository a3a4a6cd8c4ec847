// The set-based weekly run: grouping, window, excused weeks, quiet-week detection, peers, previous scores.
import { describe, expect, it } from 'vitest';
import { historyWindowStart, scoreHistory, scoreWeek, type WeekEntryRow } from '../../../src/core/customer-risk/score-week.js';
import type { CustomerProfile } from '../../../src/core/customer-risk/types.js';
import { DEFAULT_SCORING, parseScoringConfig } from '../../../src/core/customer-risk/weights.js';
import { EMPTY_ENTRY, type EntryValues } from '../../../src/core/weekly-report/template.js';
import { addWeeks, weekRange } from '../../../src/core/weekly-report/week.js';
import { END, NORMAL } from './history-builder.js';

const customers: CustomerProfile[] = Array.from({ length: 12 }, (_, i) => ({
  id: i + 1, name: `C${i + 1}`, tier: 'normal', industry: 'software', region: i < 6 ? 'East' : 'North', since: null,
}));
const weeks = weekRange(addWeeks(END, -19), END);
const entry = (patch: Partial<EntryValues> = {}): EntryValues => ({ ...EMPTY_ENTRY, ...NORMAL, contacts: 4, ...patch });

function book(patch: (customerId: number, weekIndex: number) => Partial<EntryValues> | null = () => ({})): WeekEntryRow[] {
  const rows: WeekEntryRow[] = [];
  weeks.forEach((week, w) => {
    for (const c of customers) {
      const p = patch(c.id, w);
      if (p) rows.push({ week, customerId: c.id, values: entry(p), repId: c.id <= 6 ? 1 : 2 });
    }
  });
  return rows;
}

describe('scoreWeek', () => {
  it('scores every customer with history in the window, and nobody else', () => {
    const rows = book().filter((r) => r.customerId !== 12);
    const scores = scoreWeek({ customers, entries: rows, week: END });
    expect(scores.map((s) => s.customerId).sort((a, b) => a - b)).toEqual(customers.slice(0, 11).map((c) => c.id));
    expect(scores.every((s) => s.grade === null)).toBe(true);
  });

  it('ignores entries outside the history window', () => {
    const old = { week: addWeeks(historyWindowStart(END), -1), customerId: 12, values: entry({ overdueDays: 120 }) };
    const scores = scoreWeek({ customers, entries: [old], week: END });
    expect(scores).toEqual([]);
    expect(historyWindowStart(END)).toBe(addWeeks(END, -(DEFAULT_SCORING.historyWeeks - 1)));
  });

  it('flags a silent customer but not a team-wide holiday week', () => {
    const holiday = weeks.length - 1;
    const rows = book((id, w) => (w === holiday || (id === 3 && w >= holiday - 3) ? { contacts: 0 } : {}));
    const scores = scoreWeek({ customers, entries: rows, week: END });
    expect(scores.filter((s) => s.grade).map((s) => s.customerId)).toEqual([3]);
    expect(scores.find((s) => s.customerId === 3)!.tags[0]).toBe('silent');
  });

  it('treats a rep whose every customer is quiet as away', () => {
    // rep 1 (customers 1–6) files three weeks of zero contacts; one customer of rep 2 really goes silent
    // (three weeks: a two-week quiet spell alone is no longer enough to flag anyone)
    const rows = book((id, w) => ((id <= 6 && w >= weeks.length - 3) || (id === 9 && w >= weeks.length - 3) ? { contacts: 0 } : {}));
    const flagged = scoreWeek({ customers, entries: rows, week: END }).filter((s) => s.grade).map((s) => s.customerId);
    expect(flagged).toEqual([9]);
    // without detection, rep 1's holiday would flag all six
    const naive = scoreWeek({ customers, entries: rows, week: END, detectQuietWeeks: false }).filter((s) => s.grade);
    expect(naive.length).toBeGreaterThan(1);
  });

  it('honours excused (customer, week) pairs', () => {
    const rows = book((id, w) => (id === 5 && w >= weeks.length - 3 ? { contacts: 0 } : {}));
    const excused = weeks.slice(-3).map((week) => ({ customerId: 5, week }));
    expect(scoreWeek({ customers, entries: rows, week: END }).find((s) => s.customerId === 5)!.grade).not.toBeNull();
    expect(scoreWeek({ customers, entries: rows, week: END, excused }).find((s) => s.customerId === 5)!.grade).toBeNull();
  });

  it('computes peer baselines by segment for the revenue reason', () => {
    const rows = book((id, w) => (id === 2 && w >= weeks.length - 3 ? { revenue: 2000 } : {}));
    const s = scoreWeek({ customers, entries: rows, week: END }).find((x) => x.customerId === 2)!;
    expect(s.tags[0]).toBe('declining');
    expect(s.dimensions.revenue.facts.peerSegment).toBe('software / East');
    expect(s.reasons[0]!.en).toContain('peers (software / East) ¥10,000 a week');
  });

  it('feeds previous scores forward in scoreHistory (delta, weeks in red)', () => {
    const rows = book((id, w) => (id === 4 && w >= weeks.length - 4 ? { overdueDays: 7 * (w - weeks.length + 5) + 3 } : {}));
    const byWeek = scoreHistory({ customers, entries: rows, from: weeks[10]!, to: END });
    expect([...byWeek.keys()]).toEqual(weeks.slice(10));
    const last = byWeek.get(END)!.find((s) => s.customerId === 4)!;
    const before = byWeek.get(addWeeks(END, -1))!.find((s) => s.customerId === 4)!;
    expect(last.delta).toBe(last.index - before.index);
    expect(last.weeksInRed).toBe(before.weeksInRed + 1);
    expect(last.weeksInRed).toBeGreaterThanOrEqual(2);
  });

  it('respects the configured window length', () => {
    const short = parseScoringConfig({ historyWeeks: 8 });
    expect(historyWindowStart(END, short)).toBe(addWeeks(END, -7));
    expect(scoreWeek({ customers, entries: book(), week: END, config: short })).toHaveLength(12);
  });
});
