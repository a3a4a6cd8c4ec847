// Wires the PostgreSQL repositories behind the async ports. Only the repositories scoring needs exist so
// far (teams, customers, reports, scores); tasks, settings log, outbox, job runs, inbound and import
// staging follow with the async conversion of the app.
import type { AsyncCustomerRepo, AsyncReportRepo, AsyncScoreRepo, AsyncTeamRepo } from '../../app/ports/async.port.js';
import type { PgDb } from './db.js';
import { PgCustomerRepo } from './repos/customer.pg-repo.js';
import { PgReportRepo } from './repos/report.pg-repo.js';
import { PgScoreRepo } from './repos/score.pg-repo.js';
import { PgTeamRepo } from './repos/team.pg-repo.js';

export interface PgRepositories {
  teams: AsyncTeamRepo;
  customers: AsyncCustomerRepo;
  reports: AsyncReportRepo;
  scores: AsyncScoreRepo;
  /** One transaction; repository calls awaited inside `fn` join it (nested calls too). */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}

export function createPgRepositories(db: PgDb, options: { now?: () => string } = {}): PgRepositories {
  return {
    teams: new PgTeamRepo(db, options.now),
    customers: new PgCustomerRepo(db),
    reports: new PgReportRepo(db),
    scores: new PgScoreRepo(db),
    transaction: (fn) => db.transaction(fn),
  };
}
