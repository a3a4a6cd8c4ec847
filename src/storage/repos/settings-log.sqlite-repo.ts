// The settings change log: who changed which key when, from what to what (for history and undo).
import { asc, eq } from 'drizzle-orm';
import type { SettingsChange, SettingsLogRepo } from '../../app/ports/repositories.port.js';
import type { Db } from '../db.js';
import { settingsChanges } from '../schema.js';

const toJson = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
const fromJson = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

type ChangeRow = typeof settingsChanges.$inferSelect;

/** A change as a row to store, and back (shared with the PostgreSQL repository). */
export const toChangeRow = (change: Omit<SettingsChange, 'id'>) => ({
  teamId: change.teamId, key: change.key, oldValue: toJson(change.oldValue), newValue: toJson(change.newValue),
  actor: change.actor, at: change.at, undoOf: change.undoOf,
});
export const toChange = (r: ChangeRow): SettingsChange => ({
  id: r.id, teamId: r.teamId, key: r.key, oldValue: fromJson(r.oldValue), newValue: fromJson(r.newValue), actor: r.actor, at: r.at, undoOf: r.undoOf,
});

export class SqliteSettingsLogRepo implements SettingsLogRepo {
  constructor(private readonly db: Db) {}

  record(change: Omit<SettingsChange, 'id'>): SettingsChange {
    const row = this.db.orm.insert(settingsChanges).values(toChangeRow(change)).returning({ id: settingsChanges.id }).get();
    return { ...change, id: row.id };
  }

  list(teamId: number): SettingsChange[] {
    return this.db.orm.select().from(settingsChanges).where(eq(settingsChanges.teamId, teamId)).orderBy(asc(settingsChanges.id)).all().map(toChange);
  }
}
