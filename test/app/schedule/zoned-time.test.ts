import { describe, expect, it } from 'vitest';
import { isValidTimeZone, wallClock, zonedInstant } from '../../../src/app/schedule/zoned-time.js';

const NY = 'America/New_York';
const SH = 'Asia/Shanghai';

describe('zonedInstant', () => {
  it('maps Friday 16:00 to the right UTC instant on both sides of the March DST change (New York)', () => {
    expect(zonedInstant('2026-03-06', '16:00', NY).toISOString()).toBe('2026-03-06T21:00:00.000Z'); // EST
    expect(zonedInstant('2026-03-13', '16:00', NY).toISOString()).toBe('2026-03-13T20:00:00.000Z'); // EDT
    // The change day itself.
    expect(zonedInstant('2026-03-08', '01:59', NY).toISOString()).toBe('2026-03-08T06:59:00.000Z');
    expect(zonedInstant('2026-03-08', '03:00', NY).toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('and the November change', () => {
    expect(zonedInstant('2026-10-30', '16:00', NY).toISOString()).toBe('2026-10-30T20:00:00.000Z'); // EDT
    expect(zonedInstant('2026-11-06', '16:00', NY).toISOString()).toBe('2026-11-06T21:00:00.000Z'); // EST
    expect(zonedInstant('2026-11-02', '12:00', NY).toISOString()).toBe('2026-11-02T17:00:00.000Z');
  });

  it('moves a time skipped by spring-forward past the gap, and takes the first of a repeated time', () => {
    expect(zonedInstant('2026-03-08', '02:30', NY).toISOString()).toBe('2026-03-08T07:30:00.000Z'); // = 03:30 EDT
    expect(zonedInstant('2026-11-01', '01:30', NY).toISOString()).toBe('2026-11-01T05:30:00.000Z'); // first 01:30 (EDT)
  });

  it('has no DST in Asia/Shanghai', () => {
    expect(zonedInstant('2026-03-06', '16:00', SH).toISOString()).toBe('2026-03-06T08:00:00.000Z');
    expect(zonedInstant('2026-07-03', '16:00', SH).toISOString()).toBe('2026-07-03T08:00:00.000Z');
    expect(zonedInstant('2026-11-06', '00:00', SH).toISOString()).toBe('2026-11-05T16:00:00.000Z');
  });

  it('round-trips through wallClock', () => {
    for (const tz of [NY, SH, 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata']) {
      for (let d = 0; d < 400; d += 7) {
        const date = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
        const at = zonedInstant(date, '16:00', tz);
        expect(wallClock(at, tz)).toMatchObject({ date, hour: 16, minute: 0 });
      }
    }
  });
});

describe('wallClock / isValidTimeZone', () => {
  it('reads the local date, time and ISO weekday', () => {
    expect(wallClock(new Date('2026-03-06T21:00:00Z'), NY)).toEqual({ date: '2026-03-06', hour: 16, minute: 0, isoDay: 5 });
    expect(wallClock(new Date('2026-03-06T21:00:00Z'), SH)).toEqual({ date: '2026-03-07', hour: 5, minute: 0, isoDay: 6 });
  });

  it('knows IANA zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
