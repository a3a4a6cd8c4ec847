// Opening the SQLite file: pragmas for a small always-on bot, migrations applied on open,
// online backup and integrity check for `radar db backup|check`.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema.js';
import { assertNotNewer, migrate, MIGRATIONS_FOLDER, type MigrationResult } from './migrate.js';
import { StorageError } from './errors.js';
import { text } from '../core/i18n.js';

export type Orm = BetterSQLite3Database<typeof schema>;

/** An open database: the raw better-sqlite3 handle (hot paths) and drizzle over it. */
export interface Db {
  readonly sqlite: Database.Database;
  readonly orm: Orm;
  /** ':memory:' or the absolute file path. */
  readonly path: string;
  /** What opening applied. */
  readonly migrations: MigrationResult;
  close(): void;
}

export interface OpenDbOptions {
  /** Milliseconds a writer waits for a lock held by another connection. Default 5000. */
  busyTimeoutMs?: number;
  /** Tests only: another migrations folder. */
  migrationsFolder?: string;
  readonly?: boolean;
}

/**
 * Open (creating folder and file if needed) and migrate a database.
 * `':memory:'` gives a private in-memory database with the real migrations (tests).
 */
export function openDb(path: string, options: OpenDbOptions = {}): Db {
  const memory = path === ':memory:';
  const fullPath = memory ? path : resolve(path);
  if (!memory && !options.readonly) mkdirSync(dirname(fullPath), { recursive: true });
  const sqlite = new Database(fullPath, { readonly: options.readonly ?? false });
  try {
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    // WAL lets the CLI read while the bot writes; NORMAL is durable enough in WAL mode.
    if (!memory && !options.readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    // Up to 64 MiB of page cache (default 2 MiB): storing a week's 20,000 scores touches thousands of index
    // pages at random (scores_customer_week_idx), and a small cache spills and re-reads them mid-transaction.
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('foreign_keys = ON');
    const folder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
    if (options.readonly) assertNotNewer(sqlite, folder);
    const migrations = options.readonly ? { applied: [] } : migrate(sqlite, folder);
    const orm = drizzle(sqlite, { schema });
    return { sqlite, orm, path: fullPath, migrations, close: () => sqlite.close() };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

/** Online backup to `destPath` (consistent even while the bot writes). Returns pages copied. */
export async function backupDb(db: Db, destPath: string): Promise<{ path: string; totalPages: number }> {
  const target = resolve(destPath);
  if (!db.path.startsWith(':') && target === db.path) throw new StorageError('backup_target_is_database', 'backup target is the database itself', {
    userMessage: text('备份目标就是数据库本身：请换一个文件路径', 'The backup target is the database itself: choose another file path'),
  });
  mkdirSync(dirname(target), { recursive: true });
  const { totalPages } = await db.sqlite.backup(target);
  return { path: target, totalPages };
}

export interface ForeignKeyProblem {
  table: string;
  rowid: number | null;
  parent: string;
  fkid: number;
}

export interface DbCheck {
  ok: boolean;
  /** `PRAGMA integrity_check` lines; `['ok']` when healthy. */
  integrity: string[];
  foreignKeys: ForeignKeyProblem[];
}

/** Integrity check and foreign key check. */
export function checkDb(db: Db): DbCheck {
  const integrity = (db.sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  const foreignKeys = db.sqlite.pragma('foreign_key_check') as ForeignKeyProblem[];
  return { ok: integrity.length === 1 && integrity[0] === 'ok' && foreignKeys.length === 0, integrity, foreignKeys };
}
