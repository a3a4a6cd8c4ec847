import { describe, expect, it } from 'vitest';
import { buildDigest, isReachable } from '../../../src/core/digest/build-digest.js';
import { digestInput } from './digest-fixture.js';
import { member, score } from '../follow-up/fixtures.js';

describe('buildDigest', () => {
  const model = buildDigest(digestInput());

  it('lists red flags highest index first with grade, delta, reasons, rep and tasks', () => {
    expect(model.flags.map((f) => [f.customerName, f.grade, f.index, f.delta])).toEqual([
      ['华星科技', 'A', 88, 9], ['Acme Corp', 'A', 74, null], ['蓝海物流', 'B', 61, 12],
    ]);
    const top = model.flags[0]!;
    expect(top.reasons).toHaveLength(3); // top reasons only
    expect(top.reasons[0]!.en).toContain('45 days overdue');
    expect(top.tags).toEqual(['overdue', 'silent', 'declining', 'cycle_slip']);
    expect(top.rep?.name).toBe('Li Wei');
    // Tasks in tag order (primary tag first); the primary task is the overdue one.
    expect(top.tasks.map((t) => t.id)).toEqual([12, 11]);
    expect(top.primaryTaskId).toBe(12);
    expect(top.tasks[0]!.assignee?.name).toBe('Zhao Lei');
    expect(top.tasks[0]!.collaborators.map((p) => p.name)).toEqual(['Li Wei']); // overdue → finance + owning rep
    expect(model.flags[2]!.tasks[0]!.assignee).toBeNull();
  });

  it('who has not submitted (away excluded) and who is unreachable', () => {
    expect(model.missingReports.map((p) => p.name)).toEqual(['Zhang Min']);
    expect(model.away.map((p) => p.name)).toEqual(['Liu Yang']);
    expect(model.unreachable.map((p) => p.name)).toEqual(['Wu Hao']);
    const slackOnly = buildDigest(digestInput({ members: [member(1, 'Li Wei', 'rep', { slackUserId: null })], platform: 'slack' }));
    expect(slackOnly.unreachable.map((p) => p.name)).toEqual(['Li Wei']);
    expect(isReachable({ slackUserId: null, feishuOpenId: 'ou_1' }, 'feishu')).toBe(true);
  });

  it('carried tasks from earlier weeks, overdue first; resolved this week only', () => {
    expect(model.carriedTasks.map((t) => [t.id, t.overdue])).toEqual([[18, true], [11, true], [14, false]]);
    expect(model.resolved.map((t) => [t.id, t.state, t.closeNote])).toEqual([[16, 'dismissed', 'one-off, handled'], [15, 'done', 'recovered']]);
  });

  it('per-rep table and counts', () => {
    expect(model.reps.map((r) => [r.rep.name, r.submitted, r.late, r.away, r.entries, r.customers, r.revenue, r.flags])).toEqual([
      ['Li Wei', true, false, false, 2, 2, 12000.5, 2],
      ['Liu Yang', false, false, true, 0, 1, 0, 0],
      ['Zhang Min', false, false, false, 1, 2, 8000, 1],
    ]);
    expect(model.counts).toEqual({
      customers: 5, flagged: 3, gradeA: 2, gradeB: 1, newFlags: 2, reps: 3, submitted: 1, submittedEmpty: 0, missing: 1, unreachable: 1,
      openTasks: 5, overdueTasks: 2, resolved: 2,
    });
    expect(model.totals).toEqual({ revenue: 20000.5, entries: 3 });
  });

  it('keeps the last 8 trend points up to the week', () => {
    expect(model.trend.map((p) => p.week)).toEqual(['2026-W41', '2026-W42', '2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48']);
  });

  it('is JSON-serialisable and deterministic', () => {
    const again = buildDigest(digestInput());
    expect(JSON.parse(JSON.stringify(model))).toEqual(again);
  });

  it('ties on index break by grade then customer id; an empty week is fine', () => {
    const tie = buildDigest(digestInput({ scores: [score(103, 70, 'B', ['silent']), score(102, 70, 'A', ['silent']), score(101, 70, 'B', ['silent'])], tasks: [] }));
    expect(tie.flags.map((f) => f.customerId)).toEqual([102, 101, 103]);
    const empty = buildDigest(digestInput({ scores: [], tasks: [], entries: [], reportStatuses: [], trend: [] }));
    expect(empty.flags).toEqual([]);
    expect(empty.counts.flagged).toBe(0);
  });
});
