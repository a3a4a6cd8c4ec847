import { describe, expect, it } from 'vitest';
import { dueSteps, nextStepAt, type DueStep } from '../../../src/app/schedule/due-steps.js';
import { parseScheduleSettings } from '../../../src/app/schedule/schedule-settings.schema.js';
import { planWeek, promptTimeFor } from '../../../src/app/schedule/week-plan.js';

const SH = parseScheduleSettings({ timezone: 'Asia/Shanghai' });
const NY = parseScheduleSettings({ timezone: 'America/New_York' });

const never = () => false;
const keys = (steps: DueStep[]) => steps.map((s) => `${s.week}/${s.runKey}`);
const at = (iso: string) => new Date(iso);

/** Tick every `stepMin` minutes over [from, to), running whatever is due, like the scheduler. */
function simulate(settings: typeof SH, from: string, to: string, stepMin = 5, ran = new Map<string, Date>()) {
  const runs: Array<{ key: string; at: Date; step: DueStep }> = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += stepMin * 60_000) {
    const now = new Date(t);
    for (const s of dueSteps({ settings, now, hasRun: (w, k) => ran.has(`${w}/${k}`), notBefore: new Date(from) })) {
      ran.set(`${s.week}/${s.runKey}`, now);
      for (const k of s.supersedes) ran.set(`${s.week}/${k}`, now);
      runs.push({ key: `${s.week}/${s.runKey}`, at: now, step: s });
    }
  }
  return runs;
}

describe('planWeek', () => {
  it('puts the prompt in week W and the reminder and deadline on Monday of W+1', () => {
    const p = planWeek('2026-W10', SH);
    expect(p.prompt.at.toISOString()).toBe('2026-03-06T08:00:00.000Z');
    expect(p.reminders.map((r) => [r.runKey, r.at.toISOString()])).toEqual([['remind', '2026-03-09T02:00:00.000Z']]);
    expect(p.digest.at.toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('follows New York DST: EST prompt, EDT deadline in the same report week', () => {
    const p = planWeek('2026-W10', NY);
    expect(p.prompt.at.toISOString()).toBe('2026-03-06T21:00:00.000Z');
    expect(p.digest.at.toISOString()).toBe('2026-03-09T16:00:00.000Z');
    const nov = planWeek('2026-W44', NY); // Fri Oct 30 (EDT) → Mon Nov 2 (EST)
    expect(nov.prompt.at.toISOString()).toBe('2026-10-30T20:00:00.000Z');
    expect(nov.digest.at.toISOString()).toBe('2026-11-02T17:00:00.000Z');
  });

  it('uses each rep\'s own timezone for the prompt; the team step starts at the earliest', () => {
    expect(promptTimeFor('2026-W10', SH, 'America/New_York').toISOString()).toBe('2026-03-06T21:00:00.000Z');
    expect(promptTimeFor('2026-W10', SH, null).toISOString()).toBe('2026-03-06T08:00:00.000Z');
    const p = planWeek('2026-W10', NY, ['Asia/Shanghai', 'Europe/London']);
    expect(p.prompt.at.toISOString()).toBe('2026-03-06T08:00:00.000Z');
  });

  it('holidays: the prompt moves back to the previous working day, reminders on a holiday are skipped, the deadline moves forward', () => {
    const fri = planWeek('2026-W10', { ...SH, holidays: ['2026-03-06'] });
    expect(fri.prompt.date).toBe('2026-03-05');
    expect(fri.prompt.at.toISOString()).toBe('2026-03-05T08:00:00.000Z');
    const thuFri = planWeek('2026-W10', { ...SH, holidays: ['2026-03-05', '2026-03-06'] });
    expect(thuFri.prompt.date).toBe('2026-03-04');
    const mon = planWeek('2026-W10', { ...SH, holidays: ['2026-03-09'] });
    expect(mon.reminders).toEqual([]);
    expect(mon.digest.date).toBe('2026-03-10');
    expect(mon.digest.at.toISOString()).toBe('2026-03-10T04:00:00.000Z');
    // Golden Week style: deadline on Thu Oct 1 … Wed Oct 7 → Thu Oct 8.
    const golden = parseScheduleSettings({ timezone: 'Asia/Shanghai', deadline: { day: 'thu', time: '12:00' }, reminders: [],
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'] });
    expect(planWeek('2026-W40', golden).digest.date).toBe('2026-10-08');
  });
});

describe('dueSteps on time', () => {
  it('runs each step once at its instant over two ordinary weeks (Shanghai)', () => {
    const runs = simulate(SH, '2026-03-02T00:00:00Z', '2026-03-16T00:00:00Z');
    const steps = runs.filter((r) => r.step.step !== 'nudge');
    expect(steps.map((r) => [r.key, r.at.toISOString(), r.step.catchUp])).toEqual([
      // Started on Monday 08:00: last Friday's prompt is caught up (still before the deadline).
      ['2026-W09/prompt', '2026-03-02T00:00:00.000Z', true],
      ['2026-W09/remind', '2026-03-02T02:00:00.000Z', false],
      ['2026-W09/digest', '2026-03-02T04:00:00.000Z', false],
      ['2026-W10/prompt', '2026-03-06T08:00:00.000Z', false],
      ['2026-W10/remind', '2026-03-09T02:00:00.000Z', false],
      ['2026-W10/digest', '2026-03-09T04:00:00.000Z', false],
      ['2026-W11/prompt', '2026-03-13T08:00:00.000Z', false],
    ]);
    const nudges = runs.filter((r) => r.step.step === 'nudge');
    expect(nudges.map((r) => r.step.runKey)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'].map((d) => `nudge@${d}`));
    expect(nudges.every((r) => r.at.getTime() === Date.parse(`${r.step.date}T01:30:00Z`))).toBe(true);
  });

  for (const [label, from, to, expected] of [
    ['March', '2026-02-27T00:00:00Z', '2026-03-21T00:00:00Z', ['2026-02-27T21:00:00.000Z', '2026-03-06T21:00:00.000Z', '2026-03-13T20:00:00.000Z', '2026-03-20T20:00:00.000Z']],
    ['November', '2026-10-23T00:00:00Z', '2026-11-14T00:00:00Z', ['2026-10-23T20:00:00.000Z', '2026-10-30T20:00:00.000Z', '2026-11-06T21:00:00.000Z', '2026-11-13T21:00:00.000Z']],
  ] as const) {
    it(`New York across the ${label} DST change: every Friday 16:00 prompt exactly once, none skipped`, () => {
      const runs = simulate(NY, from, to, 1);
      const prompts = runs.filter((r) => r.step.step === 'prompt');
      expect(prompts.map((r) => r.at.toISOString())).toEqual(expected);
      const digests = runs.filter((r) => r.step.step === 'digest');
      // Monday 12:00 local every time, whichever offset applies.
      for (const d of digests) expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(d.at)).toBe('Mon 12:00');
      expect(new Set(runs.map((r) => r.key)).size).toBe(runs.length);
    });
  }

  it('nudges a 02:30 step on the spring-forward night once, at 03:30', () => {
    const s = parseScheduleSettings({ timezone: 'America/New_York', nudge: { time: '02:30', days: ['sun'] } });
    const runs = simulate(s, '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z', 1).filter((r) => r.step.step === 'nudge');
    expect(runs.map((r) => r.at.toISOString())).toEqual(['2026-03-08T07:30:00.000Z']);
  });
});

describe('dueSteps catch-up', () => {
  const ranSet = (...ks: string[]) => (w: string, k: string) => ks.includes(`${w}/${k}`);
  // The team has existed since March; nudges are tested on their own below.
  const weekly = (now: Date, hasRun: (w: string, k: string) => boolean, settings = SH) =>
    dueSteps({ settings, now, hasRun, notBefore: at('2026-03-01T00:00:00Z') }).filter((s) => s.step !== 'nudge');

  it('runs a missed prompt when the bot comes back before the deadline', () => {
    const steps = weekly(at('2026-03-07T02:00:00Z'), ranSet('2026-W09/digest'));
    expect(keys(steps)).toEqual(['2026-W10/prompt']);
    expect(steps[0]?.catchUp).toBe(true);
  });

  it('a caught-up prompt supersedes a reminder that also passed', () => {
    const steps = weekly(at('2026-03-09T03:00:00Z'), ranSet('2026-W09/digest'));
    expect(keys(steps)).toEqual(['2026-W10/prompt']);
    expect(steps[0]?.supersedes).toEqual(['remind']);
  });

  it('runs a missed reminder before the deadline, not after', () => {
    const before = weekly(at('2026-03-09T03:00:00Z'), ranSet('2026-W09/digest', '2026-W10/prompt'));
    expect(keys(before)).toEqual(['2026-W10/remind']);
    const after = weekly(at('2026-03-09T04:30:00Z'), ranSet('2026-W09/digest', '2026-W10/prompt'));
    expect(keys(after)).toEqual(['2026-W10/digest']);
  });

  it('of several missed reminders only the latest runs', () => {
    const s = parseScheduleSettings({ timezone: 'Asia/Shanghai', reminders: [{ day: 'sun', time: '18:00' }, { day: 'mon', time: '09:00' }, { day: 'mon', time: '11:00' }] });
    const steps = weekly(at('2026-03-09T03:30:00Z'), ranSet('2026-W09/digest', '2026-W10/prompt'), s);
    expect(keys(steps)).toEqual(['2026-W10/remind#3']);
    expect(steps[0]?.supersedes).toEqual(['remind', 'remind#2']);
  });

  it('sends a missed digest any time later, but no prompt for a closed week', () => {
    const wed = weekly(at('2026-03-11T06:00:00Z'), ranSet('2026-W09/digest'));
    expect(keys(wed)).toEqual(['2026-W10/digest']);
    expect(wed[0]?.catchUp).toBe(true);
    // Not for deadlines before the team existed.
    expect(dueSteps({ settings: SH, now: at('2026-03-11T06:00:00Z'), hasRun: never, notBefore: at('2026-03-10T00:00:00Z') }).filter((s) => s.step !== 'nudge')).toEqual([]);
    // Without notBefore, up to two report weeks back.
    expect(keys(dueSteps({ settings: SH, now: at('2026-03-14T06:00:00Z'), hasRun: never }))).toEqual(['2026-W09/digest', '2026-W10/digest', '2026-W11/prompt']);
  });

  it('nothing more for a week whose digest already ran (e.g. by `radar cycle digest`)', () => {
    expect(weekly(at('2026-03-08T02:00:00Z'), ranSet('2026-W09/digest', '2026-W10/digest'))).toEqual([]);
  });

  it('nudges only today\'s, not on weekends or holidays', () => {
    const hasRun = ranSet('2026-W09/digest', '2026-W10/prompt', '2026-W10/remind', '2026-W10/digest', '2026-W11/prompt');
    // Tuesday 15:00, this morning's nudge missed: still today's → due.
    expect(keys(dueSteps({ settings: SH, now: at('2026-03-10T07:00:00Z'), hasRun }))).toEqual(['2026-W11/nudge@2026-03-10']);
    expect(keys(dueSteps({ settings: SH, now: at('2026-03-10T01:29:00Z'), hasRun }))).toEqual([]);
    expect(keys(dueSteps({ settings: SH, now: at('2026-03-14T03:00:00Z'), hasRun }))).toEqual([]); // Saturday
    expect(keys(dueSteps({ settings: { ...SH, holidays: ['2026-03-10'] }, now: at('2026-03-10T07:00:00Z'), hasRun }))).toEqual([]);
  });

  it('no prompt or reminder on a holiday: the prompt came the day before', () => {
    const s = { ...SH, holidays: ['2026-03-06', '2026-03-09'] };
    const runs = simulate(s, '2026-03-04T00:00:00Z', '2026-03-12T00:00:00Z', 5);
    expect(runs.filter((r) => r.step.step !== 'nudge').map((r) => [r.key, r.at.toISOString()])).toEqual([
      ['2026-W10/prompt', '2026-03-05T08:00:00.000Z'],
      ['2026-W10/digest', '2026-03-10T04:00:00.000Z'],
    ]);
  });

  it('nextStepAt finds the coming prompt', () => {
    expect(nextStepAt(SH, at('2026-03-09T04:00:00Z'))?.toISOString()).toBe('2026-03-13T08:00:00.000Z');
  });

  it('nextStepAt counts the monthly review: this month\'s when still ahead, else next month\'s', () => {
    // Wednesday 1 April 2026 is the first working day: the review is at 10:00 Shanghai (02:00Z).
    expect(nextStepAt(SH, at('2026-03-31T20:00:00Z'))?.toISOString()).toBe('2026-04-01T02:00:00.000Z');
    expect(nextStepAt(SH, at('2026-03-31T20:00:00Z'), [], false)!.getTime()).toBeGreaterThan(Date.parse('2026-04-01T02:00:00Z'));
    // A holiday on the 1st moves it to the 2nd; asked on 31 March (20:00 Shanghai), next month's plan is found.
    expect(nextStepAt({ ...SH, holidays: ['2026-04-01'] }, at('2026-03-31T12:00:00Z'))?.toISOString()).toBe('2026-04-02T02:00:00.000Z');
  });
});
