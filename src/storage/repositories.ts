// Wires the SQLite repositories into the app's Repositories port.
import type { Repositories } from '../app/ports/repositories.port.js';
import type { Db } from './db.js';
import { SqliteCustomerRepo } from './repos/customer.sqlite-repo.js';
import { SqliteImportStaging } from './repos/import-staging.sqlite-repo.js';
import { SqliteInboundLog, type InboundLogOptions } from './repos/inbound.sqlite-repo.js';
import { SqliteJobRunRepo, type JobRunOptions } from './repos/job-run.sqlite-repo.js';
import { SqliteOutboxRepo } from './repos/outbox.sqlite-repo.js';
import { SqliteReportRepo } from './repos/report.sqlite-repo.js';
import { SqliteScoreRepo } from './repos/score.sqlite-repo.js';
import { SqliteSettingsLogRepo } from './repos/settings-log.sqlite-repo.js';
import { SqliteTaskRepo } from './repos/task.sqlite-repo.js';
import { SqliteTeamRepo } from './repos/team.sqlite-repo.js';

export interface SqliteRepositories extends Repositories {
  teams: SqliteTeamRepo;
  customers: SqliteCustomerRepo;
  reports: SqliteReportRepo;
  scores: SqliteScoreRepo;
  tasks: SqliteTaskRepo;
  settingsLog: SqliteSettingsLogRepo;
  outbox: SqliteOutboxRepo;
  jobRuns: SqliteJobRunRepo;
  inbound: SqliteInboundLog;
}

export interface RepositoryOptions {
  jobRuns?: JobRunOptions;
  inbound?: InboundLogOptions;
  /** Clock for created-at stamps the ports do not pass in (team creation). */
  now?: () => string;
}

export function createRepositories(db: Db, options: RepositoryOptions = {}): SqliteRepositories {
  return {
    teams: new SqliteTeamRepo(db, options.now),
    customers: new SqliteCustomerRepo(db),
    reports: new SqliteReportRepo(db),
    scores: new SqliteScoreRepo(db),
    tasks: new SqliteTaskRepo(db),
    settingsLog: new SqliteSettingsLogRepo(db),
    outbox: new SqliteOutboxRepo(db),
    jobRuns: new SqliteJobRunRepo(db, options.jobRuns),
    inbound: new SqliteInboundLog(db, options.inbound),
    // BEGIN IMMEDIATE takes the write lock up front (no lock-upgrade deadlock between the bot and the
    // CLI); a nested call becomes a SAVEPOINT inside the outer transaction.
    transaction: <T>(fn: () => T): T => db.sqlite.transaction(fn).immediate(),
    importStaging: () => new SqliteImportStaging(db),
  };
}
