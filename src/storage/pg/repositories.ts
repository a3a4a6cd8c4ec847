// Wires the PostgreSQL repositories behind the async ports (the app reaches them through the storage
// bridge, src/storage/pg/bridge/, as the sync ports it was written against).
import type {
  AsyncCustomerRepo, AsyncImportStaging, AsyncInboundLog, AsyncJobRunRepo, AsyncOutboxRepo, AsyncReportRepo, AsyncScoreRepo,
  AsyncSettingsLogRepo, AsyncTaskRepo, AsyncTeamRepo,
} from '../../app/ports/async.port.js';
import type { PgDb } from './db.js';
import type { InboundLogOptions } from '../repos/inbound.sqlite-repo.js';
import type { JobRunOptions } from '../repos/job-run.sqlite-repo.js';
import { PgCustomerRepo } from './repos/customer.pg-repo.js';
import { PgImportStaging } from './repos/import-staging.pg-repo.js';
import { PgInboundLog } from './repos/inbound.pg-repo.js';
import { PgJobRunRepo } from './repos/job-run.pg-repo.js';
import { PgOutboxRepo } from './repos/outbox.pg-repo.js';
import { PgReportRepo } from './repos/report.pg-repo.js';
import { PgScoreRepo } from './repos/score.pg-repo.js';
import { PgSettingsLogRepo } from './repos/settings-log.pg-repo.js';
import { PgTaskRepo } from './repos/task.pg-repo.js';
import { PgTeamRepo } from './repos/team.pg-repo.js';

export interface PgRepositories {
  teams: AsyncTeamRepo;
  customers: AsyncCustomerRepo;
  reports: AsyncReportRepo;
  scores: AsyncScoreRepo;
  tasks: AsyncTaskRepo;
  settingsLog: AsyncSettingsLogRepo;
  outbox: AsyncOutboxRepo;
  jobRuns: AsyncJobRunRepo;
  inbound: AsyncInboundLog;
  /** One transaction; repository calls awaited inside `fn` join it (nested calls too). */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** A private staging area for one import (its own tables, dropped on close). */
  importStaging(): Promise<AsyncImportStaging>;
}

export interface PgRepositoryOptions {
  now?: () => string;
  jobRuns?: JobRunOptions;
  inbound?: InboundLogOptions;
}

export function createPgRepositories(db: PgDb, options: PgRepositoryOptions = {}): PgRepositories {
  return {
    teams: new PgTeamRepo(db, options.now),
    customers: new PgCustomerRepo(db),
    reports: new PgReportRepo(db),
    scores: new PgScoreRepo(db),
    tasks: new PgTaskRepo(db),
    settingsLog: new PgSettingsLogRepo(db),
    outbox: new PgOutboxRepo(db),
    jobRuns: new PgJobRunRepo(db, options.jobRuns),
    inbound: new PgInboundLog(db, options.inbound),
    transaction: (fn) => db.transaction(fn),
    importStaging: () => PgImportStaging.create(db),
  };
}
