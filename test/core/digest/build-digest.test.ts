import { describe, expect, it } from 'vitest';
import { buildDigest, isReachable, reachableOn, withUnreachable } from '../../../src/core/digest/build-digest.js';
import { digestInput, digestOf } from './digest-fixture.js';
import { member, score } from '../follow-up/fixtures.js';

describe('buildDigest', () => {
  const model = digestOf();

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
    const slackOnly = withUnreachable(buildDigest(digestInput({ members: [member(1, 'Li Wei', 'rep', { identities: [{ platform: 'feishu', userId: 'ou_1' }] })] })), reachableOn('slack'));
    expect(slackOnly.unreachable.map((p) => p.name)).toEqual(['Li Wei']);
    expect(isReachable({ identities: [{ platform: 'feishu', userId: 'ou_1' }] }, 'feishu')).toBe(true);
  });

  it('is built once for the team; each platform adds its own unreachable list and count, nothing else differs', () => {
    const members = [
      // Li Wei is on Feishu only, Zhang Min on Slack only, Wu Hao on neither.
      member(1, 'Li Wei', 'rep', { identities: [{ platform: 'feishu', userId: 'ou_1' }] }),
      member(2, 'Zhang Min', 'rep', { identities: [{ platform: 'slack', userId: 'U2' }] }),
      member(8, 'Wu Hao', 'tech_support', { identities: [] }),
    ];
    const team = buildDigest(digestInput({ members }));
    expect(team.members.map((p) => p.name)).toEqual(['Li Wei', 'Wu Hao', 'Zhang Min']);
    expect('unreachable' in team).toBe(false);
    const slack = withUnreachable(team, reachableOn('slack'));
    const feishu = withUnreachable(team, reachableOn('feishu'));
    expect(slack.unreachable.map((p) => p.name)).toEqual(['Li Wei', 'Wu Hao']);
    expect(feishu.unreachable.map((p) => p.name)).toEqual(['Wu Hao', 'Zhang Min']);
    expect(withUnreachable(team, reachableOn()).unreachable.map((p) => p.name)).toEqual(['Wu Hao']);
    expect([slack.counts.unreachable, feishu.counts.unreachable]).toEqual([2, 2]);
    // Any predicate: the platform's test of reachability is the caller's.
    expect(withUnreachable(team, () => true).unreachable).toEqual([]);
    const { unreachable: _s, counts: { unreachable: _sc, ...slackCounts }, ...slackRest } = slack;
    const { unreachable: _f, counts: { unreachable: _fc, ...feishuCounts }, ...feishuRest } = feishu;
    expect(slackRest).toEqual(feishuRest);
    expect(slackCounts).toEqual(feishuCounts);
    // The platform's model is what `radar digest --json` prints: no member list in it.
    expect(Object.keys(slack)).toEqual(['teamId', 'week', 'today', 'counts', 'flags', 'missingReports', 'away', 'unreachable', 'carriedTasks', 'resolved', 'reps', 'totals', 'trend']);
  });

  it('judges away on `awayOn` (the prompt day), not on today', () => {
    // Liu Yang is away until 2026-12-31; judged on a day after that they owe the report.
    const later = digestOf({ awayOn: '2027-01-01' });
    expect(later.away).toEqual([]);
    expect(later.missingReports.map((p) => p.name)).toEqual(['Liu Yang', 'Zhang Min']);
    expect(later.reps.find((r) => r.rep.name === 'Liu Yang')?.away).toBe(false);
    expect(digestOf({ awayOn: '2026-12-31', today: '2027-02-01' }).away.map((p) => p.name)).toEqual(['Liu Yang']);
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
    const again = digestOf();
    expect(JSON.parse(JSON.stringify(model))).toEqual(again);
    const team = buildDigest(digestInput());
    expect(JSON.parse(JSON.stringify(team))).toEqual(buildDigest(digestInput()));
  });

  it('ties on index break by grade then customer id; an empty week is fine', () => {
    const tie = buildDigest(digestInput({ scores: [score(103, 70, 'B', ['silent']), score(102, 70, 'A', ['silent']), score(101, 70, 'B', ['silent'])], tasks: [] }));
    expect(tie.flags.map((f) => f.customerId)).toEqual([102, 101, 103]);
    const empty = buildDigest(digestInput({ scores: [], tasks: [], entries: [], reportStatuses: [], trend: [] }));
    expect(empty.flags).toEqual([]);
    expect(empty.counts.flagged).toBe(0);
  });
});
