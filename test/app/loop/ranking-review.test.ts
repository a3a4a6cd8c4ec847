// Ranking and monthly review on a seeded book; what they should say is worked out here from the book's
// lines and the stored rows by plain loops, not with the code under test.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBook, type Book } from './seeded-book.js';
import { teamRanking } from '../../../src/app/review/ranking.service.js';
import { monthlyReview } from '../../../src/app/review/review.service.js';
import { monthPeriod } from '../../../src/core/review/period.js';
import { addWeeks, weekRange } from '../../../src/core/weekly-report/week.js';

let book: Book;
beforeAll(() => {
  book = buildBook();
});

const weeksOf = (lines: Book['lines'], rep: string) => new Set(lines.filter((l) => l.rep === rep).map((l) => l.week));

describe('periods', () => {
  it('a month is the ISO weeks whose Thursday falls in it', () => {
    expect(monthPeriod('2026-11').weeks).toEqual(['2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    expect(monthPeriod('2026-10').weeks).toEqual(['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44']);
    // 2026 has 53 ISO weeks; W53's Thursday is 31 December.
    expect(monthPeriod('2026-12').weeks.at(-1)).toBe('2026-W53');
    expect(monthPeriod('2027-01').weeks[0]).toBe('2027-W01');
  });
});

describe('team ranking', () => {
  it('counts submissions, on-time weeks and streaks over the 8 weeks ending at the week', () => {
    const rows = teamRanking(book.ctx, book.teamId, { week: '2026-W48' }).rows;
    const period = weekRange('2026-W41', '2026-W48');
    const by = new Map(rows.map((r) => [r.rep, r]));
    expect([...by.keys()].sort()).toEqual(['ann@example.com', 'bob@example.com', 'cat@example.com']);
    for (const rep of ['ann@example.com', 'bob@example.com', 'cat@example.com']) {
      const reported = weeksOf(book.lines, rep);
      const first = [...reported].sort()[0]!;
      const expected = period.filter((w) => w >= first);
      const late = rep === 'bob@example.com' ? new Set(['2026-W47']) : new Set<string>();
      const row = by.get(rep)!;
      expect(row.weeks).toBe(expected.length);
      expect(row.submitted).toBe(expected.filter((w) => reported.has(w)).length);
      expect(row.onTime).toBe(expected.filter((w) => reported.has(w) && !late.has(w)).length);
      let streak = 0;
      for (let w = '2026-W48'; reported.has(w) && !late.has(w); w = addWeeks(w, -1)) streak += 1;
      expect(row.streak).toBe(streak);
      const revenue = book.lines.filter((l) => l.rep === rep && period.includes(l.week)).reduce((s, l) => s + l.revenue, 0);
      expect(row.revenue).toBe(revenue);
    }
    // Hand-checked against the book: bob missed W45 and was late in W47; cat started in W44.
    expect(by.get('bob@example.com')).toMatchObject({ weeks: 8, submitted: 7, onTime: 6, streak: 1 });
    expect(by.get('cat@example.com')).toMatchObject({ weeks: 5, submitted: 5, onTime: 5, streak: 5 });
    expect(by.get('ann@example.com')!.streak).toBe(13);
    // The weeks before W41 are only partly in the history: no change to compare with.
    expect(by.get('ann@example.com')!.revenueChange).toBeNull();
    expect(rows.map((r) => r.rep)).toEqual(['ann@example.com', 'cat@example.com', 'bob@example.com']);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  it('credits resolved follow-ups to the customer\'s rep, with the recovery seen in the outcome log', () => {
    const rows = teamRanking(book.ctx, book.teamId, { month: '2026-11' }).rows;
    const { from, to } = monthPeriod('2026-11');
    const tasks = book.ctx.repos.tasks.listTasks(book.teamId)
      .filter((t) => t.state === 'done' && t.closedAt !== null && t.closedAt.slice(0, 10) >= from && t.closedAt.slice(0, 10) <= to);
    const owner = new Map(book.ctx.repos.customers.listCustomers(book.teamId).map((c) => [c.id, c.ownerRepId]));
    for (const row of rows) {
      const mine = tasks.filter((t) => owner.get(t.customerId) === row.repId || t.assigneeId === row.repId);
      expect(row.followUpsResolved).toBe(mine.length);
      const readings = mine.map((t) => t.indexAfter4w ?? t.indexAfter2w ?? t.indexAtClose).filter((x): x is number => x !== null);
      expect(row.recovered).toBe(readings.filter((x) => x < 50).length);
    }
    // ann's Payless Ltd was paid and resolved by finance on 2026-11-18.
    expect(rows.find((r) => r.rep === 'ann@example.com')).toMatchObject({ followUpsResolved: 1, recovered: 1, recoveryRate: 1 });
    const oct = (rep: string) => book.lines.filter((l) => l.rep === rep && monthPeriod('2026-10').weeks.includes(l.week)).reduce((s, l) => s + l.revenue, 0);
    const nov = (rep: string) => book.lines.filter((l) => l.rep === rep && monthPeriod('2026-11').weeks.includes(l.week)).reduce((s, l) => s + l.revenue, 0);
    for (const row of rows) {
      expect(row.revenuePrevious).toBe(oct(row.rep));
      expect(row.revenueChange).toBeCloseTo((nov(row.rep) - oct(row.rep)) / oct(row.rep), 3);
    }
  });
});

describe('monthly review', () => {
  it('counts flags raised by tag and grade as episodes starting in the month', () => {
    for (const month of ['2026-10', '2026-11']) {
      const review = monthlyReview(book.ctx, book.teamId, month);
      const weeks = monthPeriod(month).weeks;
      let raised = 0;
      const byTag: Record<string, number> = {};
      const byGrade = { A: 0, B: 0 };
      for (const w of weeks) {
        const prev = new Map(book.ctx.repos.scores.scoresForWeek(book.teamId, addWeeks(w, -1)).map((s) => [s.customerId, s.grade]));
        for (const s of book.ctx.repos.scores.scoresForWeek(book.teamId, w)) {
          if (s.grade === null || (prev.get(s.customerId) ?? null) !== null) continue;
          raised += 1;
          byGrade[s.grade] += 1;
          for (const t of s.tags) byTag[t] = (byTag[t] ?? 0) + 1;
        }
      }
      expect(review.month).toBe(month);
      expect(review.flags.raised).toBe(raised);
      expect(review.flags.byTag).toEqual(byTag);
      expect(review.flags.byGrade).toEqual(byGrade);
    }
    // Payless Ltd and Lost Corp were first flagged in W44 (October).
    expect(monthlyReview(book.ctx, book.teamId, '2026-10').flags.raised).toBeGreaterThanOrEqual(2);
  });

  it('counts tasks and follows the closed ones through the outcome log', () => {
    const review = monthlyReview(book.ctx, book.teamId, '2026-11');
    const { weeks, from, to } = monthPeriod('2026-11');
    const tasks = book.ctx.repos.tasks.listTasks(book.teamId);
    const inMonth = (at: string) => at.slice(0, 10) >= from && at.slice(0, 10) <= to;
    const withEvent = (kinds: string[]) => tasks.filter((t) => book.ctx.repos.tasks.events(t.id).some((e) => kinds.includes(e.kind) && inMonth(e.at))).length;
    expect(review.tasks.opened).toBe(tasks.filter((t) => weeks.includes(t.createdWeek)).length);
    expect(review.tasks.claimed).toBe(withEvent(['claimed']));
    expect(review.tasks.resolved).toBe(withEvent(['done', 'recovered']));
    expect(review.tasks.dismissed).toBe(1);
    // Claimed on the 17th, opened with the W44 digest on 2 November: 15 days; resolved a day later.
    expect(review.tasks.byRole.find((r) => r.role === 'finance')).toMatchObject({ medianDaysToClaim: 15, medianDaysToResolve: 16 });

    const closed = tasks.filter((t) => t.closedAt !== null && inMonth(t.closedAt));
    expect(review.outcomes.map((o) => o.taskId).sort()).toEqual(closed.map((t) => t.id).sort());
    const payless = review.outcomes.find((o) => o.customer === 'Payless Ltd')!;
    const w44 = book.ctx.repos.scores.scoresForWeek(book.teamId, '2026-W44').find((s) => s.customerId === book.customer('Payless Ltd'))!;
    expect(payless).toMatchObject({ tag: 'overdue', role: 'finance', closedAs: 'resolved', before: w44.index, result: 'recovered' });
    expect(payless.after2w).toBeLessThan(50);
    // Lost Corp was dismissed as "fine" and marked lost a week later.
    expect(review.outcomes.find((o) => o.customer === 'Lost Corp' && o.tag === 'complaints')).toMatchObject({ closedAs: 'dismissed', result: 'lost' });
    expect(review.recovered).toEqual(['Payless Ltd']);
    expect(review.lost).toEqual(['Lost Corp']);
    expect(review.interventions.find((i) => i.tag === 'overdue' && i.role === 'finance')).toMatchObject({ closed: 1, recovered: 1 });
  });

  it('tells the cases worth discussing with their story, and the scorer\'s track record', () => {
    const review = monthlyReview(book.ctx, book.teamId, '2026-11');
    expect(review.cases.map((c) => [c.kind, c.customer])).toEqual([['recovery', 'Payless Ltd'], ['miss', 'Lost Corp']]);
    const miss = review.cases[1]!;
    expect(miss.story.events.map((e) => e.kind)).toContain('dismissed');
    expect(miss.story.events.find((e) => e.kind === 'progress')?.note).toContain('visit planned');
    expect(miss.story.flags[0]!.week).toBe('2026-W44');
    // Lost in W47; flagged without a break since W44: three weeks of warning.
    let start = '2026-W47';
    const graded = (w: string) => book.ctx.repos.scores.scoresForWeek(book.teamId, w).find((s) => s.customerId === book.customer('Lost Corp'))?.grade ?? null;
    while (graded(addWeeks(start, -1)) !== null) start = addWeeks(start, -1);
    expect(review.trackRecord.badOutcomes).toEqual([{ customer: 'Lost Corp', kind: 'lost', week: '2026-W47', flaggedBefore: true, weeksBefore: 47 - Number(start.slice(-2)) }]);
    expect(review.trackRecord.flaggedBefore).toBe(1);
  });
});
