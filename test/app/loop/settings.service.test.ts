// Stored settings: validated by the config file's schema, logged, undoable; scores follow the settings
// they were computed with (issue 8 item 20).
import { describe, expect, it } from 'vitest';
import { createHarness, WEEKS } from '../support/app-harness.js';
import { createSettingsResolver, parseRadarSettings } from '../../../src/config/radar-config.js';
import { ensureFlagged, ensureScored, ensureStored, flaggedScores } from '../../../src/app/scoring/scoring.service.js';
import { changeSetting, settingsHistory, undoLastChange, SettingsChangeError } from '../../../src/app/settings/settings.service.js';
import { teamSettings } from '../../../src/app/settings/team-settings.js';

const W = WEEKS.at(-1)!;

describe('scores and the settings they were computed with', () => {
  it('re-scores a stored week when the scoring config changed (config file edited between runs)', () => {
    const h = createHarness();
    const ctx = h.app.ctx;
    const before = flaggedScores(ensureScored(ctx, h.teamId, W)).map((s) => s.customerId);
    expect(before).toEqual([h.customers.huaxing]);
    // Everyone with any risk at all is B now: the stored week must not be served as it was.
    ctx.settings = parseRadarSettings({ scoring: { grades: { A: 99, B: 0, hysteresis: 0 } } });
    const after = ensureScored(ctx, h.teamId, W);
    expect(after.filter((s) => s.grade !== null).length).toBe(after.length);
    expect(after.length).toBe(3);
    // An older week is re-scored when it is read, too.
    expect(ensureScored(ctx, h.teamId, WEEKS[1]).every((s) => s.grade !== null)).toBe(true);
    // And the same settings again serve the stored week without change.
    expect(ensureScored(ctx, h.teamId, W).map((s) => s.index)).toEqual(after.map((s) => s.index));
  });
});

describe('reading stored scores without scoring again', () => {
  it("a week's flags come from the stored rows; changed settings score the week again first", () => {
    const h = createHarness();
    const ctx = h.app.ctx;
    expect(ctx.repos.scores.storedWeekHash(h.teamId, W)).toBeUndefined();
    ensureStored(ctx, h.teamId, W); // scores and stores the week (and the weeks before it)
    expect(ctx.repos.scores.storedWeekHash(h.teamId, W)).toMatch(/^[0-9a-f]{16}$/);
    const flags = ensureFlagged(ctx, h.teamId, W);
    expect(flags.map((s) => s.customerId)).toEqual([h.customers.huaxing]);
    expect(flags).toEqual(flaggedScores(ensureScored(ctx, h.teamId, W)));
    // A stored row changed behind the scorer's back stays as stored: a stored week is read, never re-scored.
    ctx.repos.scores.saveWeekScores(h.teamId, W, ensureScored(ctx, h.teamId, W).map((s) => (s.grade ? { ...s, index: 99.5 } : s)), ctx.repos.scores.storedWeekHash(h.teamId, W));
    expect(ensureFlagged(ctx, h.teamId, W).map((s) => s.index)).toEqual([99.5]);
    // Other settings: the week is stale and scored again.
    ctx.settings = parseRadarSettings({ scoring: { grades: { A: 99, B: 0, hysteresis: 0 } } });
    expect(ensureFlagged(ctx, h.teamId, W)).toHaveLength(3);
  });
});

describe('settings changes', () => {
  const setup = () => {
    const h = createHarness();
    h.app.ctx.settingsResolver = createSettingsResolver(null);
    return h;
  };

  it('changes the grading at once, records who/when/old/new, and undoes', () => {
    const h = setup();
    const ctx = h.app.ctx;
    expect(flaggedScores(ensureScored(ctx, h.teamId, W)).length).toBe(1);
    const r = changeSetting(ctx, h.teamId, { key: 'scoring.grades.B', value: 0, actor: 'manager@example.com' });
    expect(r.rescored).toBe(W);
    expect(teamSettings(ctx, h.teamId).scoring.grades.B).toBe(0);
    expect(flaggedScores(ctx.repos.scores.scoresForWeek(h.teamId, W)).length).toBe(3); // stored re-scored, not only in memory
    const undo = undoLastChange(ctx, h.teamId, 'director@example.com');
    expect(undo?.change).toMatchObject({ key: 'scoring.grades.B', oldValue: 0, newValue: null, undoOf: r.change.id });
    expect(teamSettings(ctx, h.teamId).scoring.grades.B).toBe(50);
    expect(flaggedScores(ensureScored(ctx, h.teamId, W)).length).toBe(1);
    expect(settingsHistory(ctx, h.teamId).map((c) => [c.key, c.oldValue, c.newValue, c.actor])).toEqual([
      ['scoring.grades.B', null, 0, 'manager@example.com'],
      ['scoring.grades.B', 0, null, 'director@example.com'],
    ]);
    expect(undoLastChange(ctx, h.teamId, 'x')).toBeNull();
  });

  it('refuses bad values naming the field, and keeps what was stored', () => {
    const h = setup();
    const ctx = h.app.ctx;
    changeSetting(ctx, h.teamId, { key: 'routing.routes.silent', value: ['rep'], actor: 'm' });
    expect(() => changeSetting(ctx, h.teamId, { key: 'scoring.grades.A', value: 10, actor: 'm' })).toThrow(/scoring\.grades\.A: must be ≥ grades\.B/);
    expect(() => changeSetting(ctx, h.teamId, { key: 'scoring.grades.A', value: 'high', actor: 'm' })).toThrow(/scoring\.grades\.A/);
    expect(() => changeSetting(ctx, h.teamId, { key: 'routing.routes.overdue', value: ['boss'], actor: 'm' })).toThrow(/routing\.routes\.overdue\[0\]/);
    expect(() => changeSetting(ctx, h.teamId, { key: 'scoring.grades.C', value: 1, actor: 'm' })).toThrow(SettingsChangeError);
    expect(settingsHistory(ctx, h.teamId)).toHaveLength(1);
    // A fresh process sees the stored change over the (default) config.
    const fresh = { ...ctx, settings: parseRadarSettings({}) };
    expect(teamSettings(fresh, h.teamId).routing.routes.silent).toEqual(['rep']);
  });
});
