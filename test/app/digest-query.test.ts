// Issue 9.4: the digest's writes (scoring the week, syncing follow-ups) are the digest step's
// `prepareDigestWeek`; `digestModel` only reads, once per team; "away" is judged like the reminders do.
import { describe, expect, it } from 'vitest';
import { digestModel, latestProgress, prepareDigestWeek } from '../../src/app/digest/digest.service.js';
import { runDigestStep } from '../../src/app/digest/digest.job.js';
import { ensureScored } from '../../src/app/scoring/scoring.service.js';
import { syncFollowUps } from '../../src/app/follow-up/follow-up.service.js';
import { missingRepIds } from '../../src/app/weekly-report/missing-reps.js';
import { missingReps } from '../../src/app/weekly-report/remind.job.js';
import { runPromptStep } from '../../src/app/weekly-report/prompt.job.js';
import { buildDigest, reachableOn, withUnreachable } from '../../src/core/digest/build-digest.js';
import { isAway } from '../../src/core/team.js';
import { teamNow, type AppContext } from '../../src/app/context.js';
import type { Repositories } from '../../src/app/ports/repositories.port.js';
import { ACTIVE_STATES } from '../../src/core/follow-up/task.js';
import { outboxKeys } from '../../src/app/radar-app.js';
import { createHarness, RecordingChatPort } from './support/app-harness.js';

// The harness has reports for W44–W47 and nothing scored yet.
const WEEK = '2026-W47';

// Repository methods that change stored data (every other method of the ports only reads).
const WRITE = /^(add|apply|claim|clear|close|enqueue|ensure|finish|firstSeen|insert|invalidate|mark|prune|record|save|set|update|upsert|transaction|importStaging)/;

/** The repositories behind a proxy that records every method called on them, as `repo.method`. */
function recording(repos: Repositories): { repos: Repositories; calls: string[] } {
  const calls: string[] = [];
  const wrap = (name: string, target: object): object => new Proxy(target, {
    get(t, key) {
      const value: unknown = Reflect.get(t, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(`${name}.${String(key)}`);
        return (value as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
  const out = Object.fromEntries(Object.entries(repos).map(([name, value]) => [name, typeof value === 'function'
    ? (...args: unknown[]) => {
      calls.push(name);
      return (value as (...a: unknown[]) => unknown)(...args);
    }
    : wrap(name, value as object)]));
  return { repos: out as unknown as Repositories, calls };
}

/** The old digestModel's trend: flags and average index per stored week, up to WEEK. */
function trendOf(ctx: AppContext, teamId: number) {
  const byWeek = new Map<string, { flagged: number; sum: number; n: number }>();
  for (const row of ctx.repos.scores.indexHistory(teamId, '2026-W40', WEEK)) {
    const w = byWeek.get(row.week) ?? { flagged: 0, sum: 0, n: 0 };
    byWeek.set(row.week, w);
    if (row.grade !== null) w.flagged += 1;
    w.sum += row.index;
    w.n += 1;
  }
  return [...byWeek].map(([week, t]) => ({ week: week as typeof WEEK, flagged: t.flagged, avgIndex: Math.round(t.sum / t.n) }));
}

const writesIn = (calls: readonly string[]) => calls.filter((c) => WRITE.test(c.split('.').at(-1)!));

describe('digestModel reads; prepareDigestWeek writes', () => {
  it('calls no repository write method, on an unscored week and on a prepared one', () => {
    const h = createHarness();
    const rec = recording(h.app.ctx.repos);
    const ctx: AppContext = { ...h.app.ctx, repos: rec.repos };

    const unscored = digestModel(ctx, h.teamId, WEEK);
    expect(rec.calls.length).toBeGreaterThan(0);
    expect(writesIn(rec.calls)).toEqual([]);
    // Nothing was scored nor opened by reading.
    expect(h.app.ctx.repos.scores.storedWeekHash(h.teamId, WEEK)).toBeUndefined();
    expect(h.app.ctx.repos.tasks.listTasks(h.teamId)).toEqual([]);
    expect(unscored.flags).toEqual([]);

    // The same proxy sees the writes of the step that prepares the week.
    rec.calls.length = 0;
    const sync = prepareDigestWeek(ctx, h.teamId, WEEK);
    expect(writesIn(rec.calls)).toEqual(expect.arrayContaining(['scores.saveWeekScores', 'tasks.insertTask', 'tasks.addEvent']));
    expect(sync?.created.length).toBeGreaterThan(0);

    rec.calls.length = 0;
    const prepared = digestModel(ctx, h.teamId, WEEK);
    expect(writesIn(rec.calls)).toEqual([]);
    expect(prepared.flags.length).toBeGreaterThan(0);
    expect(prepared.flags.flatMap((f) => f.tasks).length).toBeGreaterThan(0);
  });

  it('once prepared, an unscored week reads as the old scoring-and-syncing digestModel built it', () => {
    // The old digestModel: score, sync (latest week), then build from the scores it had just computed.
    const before = createHarness();
    const { ctx } = before.app;
    const scores = ensureScored(ctx, before.teamId, WEEK);
    syncFollowUps(ctx, before.teamId, WEEK, scores);
    const team = ctx.repos.teams.getTeam(before.teamId)!;
    const tasks = ctx.repos.tasks.listTasks(before.teamId);
    const old = buildDigest({
      teamId: before.teamId, week: WEEK, today: teamNow(ctx, team.timezone).today, scores,
      customers: ctx.repos.customers.listCustomers(before.teamId), members: ctx.repos.teams.listMembers(before.teamId), tasks,
      progress: latestProgress(ctx.repos.tasks.progressEvents(tasks.filter((t) => ACTIVE_STATES.includes(t.state)).map((t) => t.id)), WEEK),
      reportStatuses: ctx.repos.reports.reportStatuses(before.teamId, WEEK), entries: ctx.repos.reports.entriesForWeek(before.teamId, WEEK),
      trend: trendOf(ctx, before.teamId),
      config: ctx.settings.routing,
    });

    const now = createHarness();
    prepareDigestWeek(now.app.ctx, now.teamId, WEEK);
    const read = digestModel(now.app.ctx, now.teamId, WEEK);
    expect(read.flags.length).toBeGreaterThan(0);
    expect(read.trend.map((p) => p.week)).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47']);
    expect(read).toEqual(old);
    expect(withUnreachable(read, reachableOn('slack'))).toEqual(withUnreachable(old, reachableOn('slack')));
    // Reading again changes nothing.
    expect(digestModel(now.app.ctx, now.teamId, WEEK)).toEqual(read);
  });

  it('an older week is scored but leaves the tasks alone unless the digest goes out (syncTasks)', () => {
    const h = createHarness();
    expect(prepareDigestWeek(h.app.ctx, h.teamId, '2026-W46')).toBeNull();
    expect(h.app.ctx.repos.scores.storedWeekHash(h.teamId, '2026-W46')).toBeTruthy();
    expect(h.app.ctx.repos.tasks.listTasks(h.teamId)).toEqual([]);
    expect(prepareDigestWeek(h.app.ctx, h.teamId, '2026-W46', { syncTasks: true })?.created.length).toBeGreaterThan(0);
  });

  it('the digest step builds the team digest once and gives each platform its own unreachable list', async () => {
    const h = createHarness();
    // A second platform on which only the manager is found.
    const feishuChat = new RecordingChatPort();
    feishuChat.lookupUserByEmail = async (email) => (email.startsWith('manager@') ? 'ou_manager' : null);
    const rec = recording(h.app.ctx.repos);
    const app = { ...h.app, ctx: { ...h.app.ctx, repos: rec.repos }, platforms: [...h.app.platforms, { platform: 'feishu' as const, chat: feishuChat, managerChannel: 'oc_mgr' }] };
    await runDigestStep(app, h.teamId, WEEK);
    // One read of the team's digest for both platforms (the week's report statuses are read once).
    expect(rec.calls.filter((c) => c === 'reports.reportStatuses')).toHaveLength(1);
    const unreachableNote = (platform: 'slack' | 'feishu') => h.app.ctx.repos.outbox.byKey(outboxKeys.digest(h.teamId, WEEK, platform))!.card.blocks
      .filter((b): b is Extract<typeof b, { type: 'note' }> => b.type === 'note' && String(b.text[0]).startsWith('Unreachable'))
      .map((b) => b.text.slice(1).join(''));
    const digest = digestModel(h.app.ctx, h.teamId, WEEK);
    const everyoneButManager = digest.members.filter((m) => m.id !== h.members.manager.id).map((m) => m.name);
    expect(everyoneButManager.length).toBeGreaterThan(0);
    expect(withUnreachable(digest, reachableOn('feishu')).unreachable.map((m) => m.name)).toEqual(everyoneButManager);
    expect(withUnreachable(digest, reachableOn('slack')).unreachable).toEqual([]);
    expect(unreachableNote('slack')).toEqual([]);
    expect(unreachableNote('feishu')).toHaveLength(1);
    for (const name of everyoneButManager) expect(unreachableNote('feishu')[0]).toContain(name);
    expect(unreachableNote('feishu')[0]).not.toContain(h.members.manager.name);
  });
});

describe('away: the digest and the reminders judge it the same way', () => {
  it('isAway: away through the awayUntil day itself', () => {
    expect(isAway({ awayUntil: '2026-11-30' }, '2026-11-30')).toBe(true);
    expect(isAway({ awayUntil: '2026-11-30' }, '2026-12-01')).toBe(false);
    expect(isAway({ awayUntil: null }, '2026-11-30')).toBe(false);
  });

  // W48: prompt Friday 2026-11-27, deadline Monday 2026-11-30. Drawn on Tuesday after the deadline, the
  // digest once judged away on "today" and listed a rep away until the deadline as missing, while the
  // reminders (judging the prompt day) had skipped them.
  for (const [label, until, away] of [
    ['the day before the prompt', '2026-11-26', false],
    ['the prompt day', '2026-11-27', true],
    ['the deadline day', '2026-11-30', true],
  ] as const) {
    it(`a rep away until ${label} (${until}) is ${away ? 'away' : 'missing'} in both, even when the digest is drawn after the deadline`, async () => {
      const h = createHarness();
      const week = '2026-W48';
      h.app.ctx.repos.teams.setAway(h.members.rep2.id, until);
      h.setNow(new Date('2026-12-01T02:00:00Z')); // Tuesday 10:00 in Shanghai
      const digest = digestModel(h.app.ctx, h.teamId, week);
      const reminded = missingReps(h.app, h.teamId, week).map((m) => m.id);
      expect(digest.missingReports.map((p) => p.id).sort()).toEqual([...reminded].sort());
      expect(missingRepIds(h.app.ctx, h.teamId, week).sort()).toEqual([...reminded].sort());
      expect(reminded.includes(h.members.rep2.id)).toBe(!away);
      expect(digest.away.map((p) => p.id)).toEqual(away ? [h.members.rep2.id] : []);
      expect(digest.reps.find((r) => r.rep.id === h.members.rep2.id)?.away).toBe(away);
      const prompted = await runPromptStep(h.app, h.teamId, week);
      expect(prompted.skippedAway).toBe(away ? 1 : 0);
    });
  }
});
