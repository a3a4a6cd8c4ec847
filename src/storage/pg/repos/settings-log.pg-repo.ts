// The settings change log on PostgreSQL (the async SettingsLogRepo port); codecs are SQLite's.
import { asc, eq } from 'drizzle-orm';
import type { SettingsChange } from '../../../app/ports/repositories.port.js';
import type { AsyncSettingsLogRepo } from '../../../app/ports/async.port.js';
import type { PgDb } from '../db.js';
import { settingsChanges } from '../schema.js';
import { toChange, toChangeRow } from '../../repos/settings-log.sqlite-repo.js';
import { StorageError } from '../../errors.js';

export class PgSettingsLogRepo implements AsyncSettingsLogRepo {
  constructor(private readonly db: PgDb) {}

  async record(change: Omit<SettingsChange, 'id'>): Promise<SettingsChange> {
    const [row] = await this.db.orm.insert(settingsChanges).values(toChangeRow(change)).returning({ id: settingsChanges.id });
    if (!row) throw new StorageError('settings_change_not_recorded', `the change of ${change.key} could not be recorded`);
    return { ...change, id: row.id };
  }

  async list(teamId: number): Promise<SettingsChange[]> {
    return (await this.db.orm.select().from(settingsChanges).where(eq(settingsChanges.teamId, teamId)).orderBy(asc(settingsChanges.id))).map(toChange);
  }
}
