import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, parseScheduleSettings, ScheduleSettingsError } from '../../../src/app/schedule/schedule-settings.schema.js';

function issuesOf(raw: unknown): string[] {
  try {
    parseScheduleSettings(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ScheduleSettingsError);
    return (e as ScheduleSettingsError).issues;
  }
  throw new Error('expected an error');
}

describe('parseScheduleSettings', () => {
  it('fills defaults: Fri 16:00 prompt, Mon 10:00 reminder, Mon 12:00 deadline, 09:30 nudges', () => {
    expect(parseScheduleSettings(undefined)).toEqual(DEFAULT_SCHEDULE);
    expect(parseScheduleSettings({}, 'America/New_York').timezone).toBe('America/New_York');
    expect(DEFAULT_SCHEDULE).toMatchObject({
      prompt: { day: 'fri', time: '16:00' }, reminders: [{ day: 'mon', time: '10:00' }],
      deadline: { day: 'mon', time: '12:00' }, nudge: { time: '09:30' },
    });
  });

  it('accepts overrides and sorts/dedupes holidays', () => {
    const s = parseScheduleSettings({ timezone: 'Europe/Berlin', prompt: { day: 'thu', time: '17:30' }, reminders: [], holidays: ['2026-12-25', '2026-10-01', '2026-12-25'] });
    expect(s).toMatchObject({ timezone: 'Europe/Berlin', prompt: { day: 'thu', time: '17:30' }, reminders: [], holidays: ['2026-10-01', '2026-12-25'] });
  });

  it('names the key and what is expected', () => {
    expect(issuesOf({ prompt: { day: 'fri', time: '25:00' } })).toEqual([expect.stringMatching(/^prompt\.time: expected a 24-hour time HH:MM/)]);
    expect(issuesOf({ timezone: 'Mars/Olympus' })).toEqual([expect.stringMatching(/^timezone: expected an IANA timezone/)]);
    expect(issuesOf({ deadline: { day: 'monday', time: '12:00' } })[0]).toMatch(/^deadline\.day: expected one of mon, tue/);
    expect(issuesOf({ holidays: ['2026-10-01', '2026-02-30'] })).toEqual([expect.stringMatching(/^holidays\.1: not a real calendar date/)]);
    expect(issuesOf({ promt: {} })[0]).toMatch(/promt/);
    expect(issuesOf('fri 16:00')[0]).toMatch(/expected an object/);
  });

  it('requires reminders between prompt and deadline', () => {
    const issues = issuesOf({ reminders: [{ day: 'mon', time: '10:00' }, { day: 'mon', time: '13:00' }] });
    expect(issues).toEqual([expect.stringMatching(/^reminders\.1: mon 13:00 is not between the prompt \(fri 16:00\) and the deadline \(mon 12:00\)/)]);
    // A deadline at the prompt's own weekday and time means one week later, so the reminder fits.
    expect(parseScheduleSettings({ deadline: { day: 'fri', time: '16:00' } }).deadline).toEqual({ day: 'fri', time: '16:00' });
  });
});
