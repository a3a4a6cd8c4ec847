// The repository ports made asynchronous, for storage behind a network (PostgreSQL, node-postgres).
// `Async<P>` has P's methods, each returning a Promise of the same result. Today the app calls the sync
// ports (SQLite); the conversion will switch its call sites to these shapes, with SQLite wrapped (see
// src/storage/async.ts) and PostgreSQL implementing them natively (src/storage/pg/repos/).
import type { CustomerRepo, ImportStaging, ReportRepo, ScoreRepo, SettingsLogRepo, TaskRepo, TeamRepo } from './repositories.port.js';
import type { InboundLog, JobRunRepo, OutboxRepo } from './delivery.port.js';

/** Each method of T returns a Promise of what T's returns (already-async methods stay as they are). */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K];
};

/**
 * TeamRepo with getSetting kept generic (a mapped type loses a method's own type parameter).
 */
export type AsyncTeamRepo = Omit<Async<TeamRepo>, 'getSetting'> & {
  getSetting<T>(teamId: number, key: string): Promise<T | null>;
};
export type AsyncCustomerRepo = Async<CustomerRepo>;
export type AsyncReportRepo = Async<ReportRepo>;
export type AsyncScoreRepo = Async<ScoreRepo>;
export type AsyncTaskRepo = Async<TaskRepo>;
export type AsyncSettingsLogRepo = Async<SettingsLogRepo>;
export type AsyncOutboxRepo = Async<OutboxRepo>;
export type AsyncJobRunRepo = Async<JobRunRepo>;
export type AsyncInboundLog = Async<InboundLog>;
export type AsyncImportStaging = Async<ImportStaging>;
