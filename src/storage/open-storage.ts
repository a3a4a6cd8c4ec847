// Where the book lives, chosen by RADAR_DB: a SQLite file (the embedded default: one process, no server)
// or a postgres:// URL (PostgreSQL: several bot replicas, an organisation's size). Both give the same
// Repositories; what only one dialect has (SQLite's online backup and integrity check) hangs off `sqlite`.
import type { Repositories } from '../app/ports/repositories.port.js';
import { openDb, type Db } from './db.js';
import { createRepositories } from './repositories.js';
import { openPgBridge, type PgBridgeOptions } from './pg/bridge/pg-bridge.js';
import { createBridgedRepositories } from './pg/bridge/bridged-repositories.js';
import { describePgUrl } from './pg/db.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Storage {
  readonly dialect: Dialect;
  /** The SQLite file's absolute path, or PostgreSQL's host:port/database (never a password). */
  readonly where: string;
  /** The postgres:// URL (for the replicas' leader lock), null on SQLite. */
  readonly url: string | null;
  readonly repos: Repositories;
  /** The SQLite database (backup, integrity check), null on PostgreSQL. */
  readonly sqlite: Db | null;
  close(): void;
}

export const isPostgresUrl = (setting: string): boolean => /^postgres(ql)?:\/\//i.test(setting);

export interface OpenStorageOptions {
  postgres?: PgBridgeOptions;
}

/** Open (and migrate) the database RADAR_DB names. */
export function openStorage(setting: string, options: OpenStorageOptions = {}): Storage {
  if (isPostgresUrl(setting)) {
    describePgUrl(setting);
    const bridge = openPgBridge(setting, options.postgres);
    return { dialect: 'postgres', where: bridge.where, url: setting, repos: createBridgedRepositories(bridge), sqlite: null, close: () => bridge.close() };
  }
  const db = openDb(setting);
  return { dialect: 'sqlite', where: db.path, url: null, repos: createRepositories(db), sqlite: db, close: () => db.close() };
}
