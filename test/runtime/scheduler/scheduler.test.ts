import { afterEach, describe, expect, it } from 'vitest';
import type { JobRunRepo } from '../../../src/app/ports/delivery.port.js';
import { parseScheduleSettings, type ScheduleSettings } from '../../../src/app/schedule/schedule-settings.schema.js';
import type { StepKind } from '../../../src/app/schedule/week-plan.js';
import { startScheduler, type Scheduler, type SchedulerOptions } from '../../../src/runtime/scheduler/scheduler.js';
import { openDb } from '../../../src/storage/db.js';
import { createRepositories } from '../../../src/storage/repositories.js';
import { MemoryJobRunRepo } from '../../fakes/memory-delivery.js';

const SH = parseScheduleSettings({ timezone: 'Asia/Shanghai' });
const NY = parseScheduleSettings({ timezone: 'America/New_York' });

function clockAt(iso: string) {
  let t = Date.parse(iso);
  return { now: () => new Date(t), set: (s: string) => { t = Date.parse(s); }, advance: (ms: number) => { t += ms; } };
}

const started: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

function sqliteJobRuns(): JobRunRepo {
  const db = openDb(':memory:');
  const repos = createRepositories(db);
  const a = repos.teams.ensureTeam({ name: 'East', timezone: 'Asia/Shanghai', locale: 'zh' });
  const b = repos.teams.ensureTeam({ name: 'NYC', timezone: 'America/New_York', locale: 'en' });
  expect([a.id, b.id]).toEqual([1, 2]);
  return repos.jobRuns;
}

function run(opts: Partial<SchedulerOptions> & { clock: () => Date; jobRuns: JobRunRepo }, settings: Record<number, ScheduleSettings> = { 1: SH }) {
  const calls: Array<{ teamId: number; week: string; step: StepKind; runKey: string; at: string; catchUp: boolean }> = [];
  const firstStart = opts.clock(); // the team "exists" since the test's start: no older digests
  const s = startScheduler({
    teams: Object.keys(settings).map(Number),
    settingsFor: (id) => settings[id] as ScheduleSettings,
    runStep: async (teamId, week, step, due) => { calls.push({ teamId, week, step, runKey: due.runKey, at: opts.clock().toISOString(), catchUp: due.catchUp }); },
    notBeforeFor: () => firstStart,
    cronPattern: false,
    ...opts,
  });
  started.push(s);
  return { s, calls };
}

for (const [label, makeRepo] of [['memory', () => new MemoryJobRunRepo()], ['sqlite', sqliteJobRuns]] as const) {
  describe(`scheduler with ${label} job runs`, () => {
    it('runs a due step once, however many ticks and schedulers see it', async () => {
      const clock = clockAt('2026-03-06T08:00:00Z'); // Fri 16:00 Shanghai
      const jobRuns = makeRepo();
      const a = run({ clock: clock.now, jobRuns });
      const b = run({ clock: clock.now, jobRuns }); // a second process on the same database
      await Promise.all([a.s.ready, b.s.ready]);
      for (let i = 0; i < 5; i++) {
        clock.advance(60_000);
        await Promise.all([a.s.tick(), b.s.tick()]);
      }
      const prompts = [...a.calls, ...b.calls].filter((c) => c.step === 'prompt');
      expect(prompts).toEqual([{ teamId: 1, week: '2026-W10', step: 'prompt', runKey: 'prompt', at: '2026-03-06T08:00:00.000Z', catchUp: false }]);
      expect(jobRuns.hasRun(1, '2026-W10', 'prompt')).toBe(true);
    });

    it('catches up at start: a prompt missed while down runs at once, the reminder it supersedes never', async () => {
      const clock = clockAt('2026-03-09T03:00:00Z'); // Mon 11:00 Shanghai, down since Friday morning
      const jobRuns = makeRepo();
      jobRuns.claim(1, '2026-W09', 'digest', '2026-03-02T04:00:00Z');
      jobRuns.finish(1, '2026-W09', 'digest', '2026-03-02T04:00:00Z');
      const { s, calls } = run({ clock: clock.now, jobRuns });
      const first = await s.ready;
      expect(first.ran).toEqual(['1/2026-W10/prompt', '1/2026-W11/nudge@2026-03-09']);
      expect(calls[0]).toMatchObject({ step: 'prompt', catchUp: true });
      expect(jobRuns.hasRun(1, '2026-W10', 'remind')).toBe(true);
      clock.set('2026-03-09T04:00:00Z');
      await s.tick();
      expect(calls.map((c) => c.runKey)).toEqual(['prompt', 'nudge@2026-03-09', 'digest']);
    });

    it('retries a step that threw: soon in the same process, and after a crash once the claim is stale', async () => {
      const clock = clockAt('2026-03-06T08:00:00Z');
      const jobRuns = makeRepo();
      let failures = 1;
      const calls: string[] = [];
      const a = run({
        clock: clock.now, jobRuns, retryBaseMs: 60_000,
        runStep: async (_t, week, step) => {
          if (step !== 'prompt') return;
          calls.push(`${week}/${step}@${clock.now().toISOString()}`);
          if (failures-- > 0) throw new Error('db busy');
        },
      });
      expect((await a.s.ready).failed).toEqual(['1/2026-W10/prompt']);
      clock.advance(30_000);
      await a.s.tick();
      expect(calls).toHaveLength(1); // backing off
      clock.advance(31_000);
      expect((await a.s.tick()).ran).toEqual(['1/2026-W10/prompt']);
      expect(calls).toEqual(['2026-W10/prompt@2026-03-06T08:00:00.000Z', '2026-W10/prompt@2026-03-06T08:01:01.000Z']);

      // Crash mid-step: a claim never finished. Another process takes it over only once it is stale.
      clock.set('2026-03-09T02:00:00Z');
      expect(jobRuns.claim(1, '2026-W10', 'remind', clock.now().toISOString())).toBe(true);
      const b = run({ clock: clock.now, jobRuns });
      await b.s.ready;
      expect(b.calls.filter((c) => c.step === 'remind')).toEqual([]);
      clock.advance(16 * 60_000);
      await b.s.tick();
      expect(b.calls.filter((c) => c.step === 'remind')).toHaveLength(1);
      expect(jobRuns.hasRun(1, '2026-W10', 'remind')).toBe(true);
    });

    it('keeps teams in Shanghai and New York on their own clocks across the March DST change', async () => {
      const clock = clockAt('2026-03-05T00:00:00Z');
      const jobRuns = makeRepo();
      const { s, calls } = run({ clock: clock.now, jobRuns }, { 1: SH, 2: NY });
      await s.ready;
      for (let t = 0; t < 10 * 24 * 60; t += 5) {
        clock.advance(5 * 60_000);
        await s.tick();
      }
      const weekly = calls.filter((c) => c.step !== 'nudge').map((c) => `${c.teamId} ${c.week} ${c.runKey} ${c.at}`);
      expect(weekly).toEqual([
        '1 2026-W10 prompt 2026-03-06T08:00:00.000Z',
        '2 2026-W10 prompt 2026-03-06T21:00:00.000Z', // 16:00 EST
        '1 2026-W10 remind 2026-03-09T02:00:00.000Z',
        '1 2026-W10 digest 2026-03-09T04:00:00.000Z',
        '2 2026-W10 remind 2026-03-09T14:00:00.000Z', // 10:00 EDT
        '2 2026-W10 digest 2026-03-09T16:00:00.000Z', // 12:00 EDT
        '1 2026-W11 prompt 2026-03-13T08:00:00.000Z',
        '2 2026-W11 prompt 2026-03-13T20:00:00.000Z', // 16:00 EDT
      ]);
    });
  });
}

describe('scheduler runtime', () => {
  it('one team\'s broken settings do not stop the others', async () => {
    const clock = clockAt('2026-03-06T08:00:00Z');
    const { s, calls } = run({
      clock: clock.now, jobRuns: new MemoryJobRunRepo(), teams: [7, 1],
      settingsFor: (id) => (id === 7 ? parseScheduleSettings({ timezone: 'Nowhere/Land' }) : SH),
    });
    await s.ready;
    expect(calls.filter((c) => c.step !== 'nudge').map((c) => `${c.teamId}/${c.step}`)).toEqual(['1/prompt']);
  });

  it('ticks with node-cron until stopped', async () => {
    let ticks = 0;
    const s = startScheduler({
      teams: () => { ticks++; return []; }, settingsFor: () => SH, runStep: async () => {},
      jobRuns: new MemoryJobRunRepo(), cronPattern: '* * * * * *', // every second
    });
    await s.ready;
    await new Promise((r) => setTimeout(r, 2_200));
    await s.stop();
    const after = ticks;
    expect(after).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(ticks).toBe(after);
  });
});
