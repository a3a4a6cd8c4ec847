// Applies drizzle-kit's generated migrations (migrations/meta/_journal.json + NNNN_tag.sql).
// Our own runner rather than drizzle's migrator because SQLite needs two things drizzle does not do:
// - each migration in its own transaction, so a failing one rolls back alone and leaves the schema
//   of the last good migration intact (drizzle runs every pending migration in one transaction);
// - foreign keys OFF while a migration runs (drizzle-kit rebuilds tables with DROP TABLE, which with
//   foreign keys ON would cascade-delete child rows), then `foreign_key_check` before committing.
// It keeps drizzle's bookkeeping table (`__drizzle_migrations`: hash, created_at) so both agree.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { text } from '../core/i18n.js';
import { StorageError } from './errors.js';

/** migrations/ at the repository root, found from this file (not the cwd). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations/', import.meta.url));

const TABLE = '__drizzle_migrations';

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
  breakpoints: boolean;
}

export interface MigrationResult {
  /** Tags of the migrations applied by this call, in order. */
  applied: string[];
}

const MIGRATION_USER_MESSAGE = {
  migration_failed: text('数据库升级失败并已回滚，数据未改动：请让管理员查看日志', 'The database upgrade failed and was rolled back, nothing changed: ask the operator to check the logs'),
  newer_database: text('这个数据库由更新版本的 sales-radar 创建：请先升级 sales-radar', 'This database was created by a newer sales-radar: upgrade sales-radar to open it'),
};

export class MigrationError extends StorageError {
  declare readonly code: 'migration_failed' | 'newer_database';
  constructor(readonly tag: string, message: string, options?: { cause?: unknown; code?: 'migration_failed' | 'newer_database' }) {
    const code = options?.code ?? 'migration_failed';
    super(code, message, { ...(options && 'cause' in options ? { cause: options.cause } : {}), userMessage: MIGRATION_USER_MESSAGE[code] });
    this.name = 'MigrationError';
  }
}

/**
 * A database that a newer sales-radar migrated has tables and columns this version does not know:
 * refuse it before anything reads or writes, rather than fail (or corrupt) half-way through a command.
 */
function refuseNewer(sqlite: Database.Database, entries: JournalEntry[]): void {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(TABLE) !== undefined;
  if (!hasTable) return;
  const known = new Set(entries.map((e) => e.when));
  const newestKnown = Math.max(0, ...known);
  const applied = sqlite.prepare(`SELECT created_at AS createdAt FROM "${TABLE}" ORDER BY created_at`).all() as Array<{ createdAt: number }>;
  const unknown = applied.filter((a) => Number(a.createdAt) > newestKnown);
  if (unknown.length === 0) return;
  throw new MigrationError('-',
    `this database was created by a newer sales-radar (${unknown.length} migration(s) newer than this version knows, `
    + `the latest from ${new Date(Number(unknown.at(-1)!.createdAt)).toISOString()}): upgrade sales-radar to open it`,
    { code: 'newer_database' });
}

/** Throw a MigrationError (code newer_database) when a newer version migrated this database. */
export function assertNotNewer(sqlite: Database.Database, folder: string = MIGRATIONS_FOLDER): void {
  refuseNewer(sqlite, readJournal(folder));
}

function readJournal(folder: string): JournalEntry[] {
  const journalPath = join(folder, 'meta', '_journal.json');
  if (!existsSync(journalPath)) throw new MigrationError('-', `migrations journal not found: ${journalPath}`);
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: JournalEntry[] };
  return [...journal.entries].sort((a, b) => a.when - b.when);
}

/** Apply every migration newer than the last applied one. Safe to call on every open. */
export function migrate(sqlite: Database.Database, folder: string = MIGRATIONS_FOLDER): MigrationResult {
  const entries = readJournal(folder);
  refuseNewer(sqlite, entries);
  sqlite.exec(`CREATE TABLE IF NOT EXISTS "${TABLE}" (id INTEGER PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
  const last = sqlite.prepare(`SELECT created_at AS createdAt FROM "${TABLE}" ORDER BY created_at DESC LIMIT 1`)
    .get() as { createdAt: number } | undefined;
  const pending = entries.filter((e) => !last || Number(last.createdAt) < e.when);
  const applied: string[] = [];
  if (pending.length === 0) return { applied };

  const fkWasOn = (sqlite.pragma('foreign_keys', { simple: true }) as number) === 1;
  // PRAGMA foreign_keys is a no-op inside a transaction: switch it before BEGIN.
  if (fkWasOn) sqlite.pragma('foreign_keys = OFF');
  try {
    for (const entry of pending) {
      const file = join(folder, `${entry.tag}.sql`);
      const body = readFileSync(file, 'utf8');
      const statements = body.split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean);
      const hash = createHash('sha256').update(body).digest('hex');
      const apply = sqlite.transaction(() => {
        for (const statement of statements) sqlite.exec(statement);
        const violations = sqlite.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) {
          throw new StorageError('foreign_key_violation', `${violations.length} foreign key violation(s) after migration`);
        }
        sqlite.prepare(`INSERT INTO "${TABLE}" (hash, created_at) VALUES (?, ?)`).run(hash, entry.when);
      });
      try {
        apply.exclusive();
      } catch (cause) {
        const why = cause instanceof Error ? cause.message : String(cause);
        throw new MigrationError(entry.tag, `migration ${entry.tag} failed and was rolled back: ${why}`, { cause });
      }
      applied.push(entry.tag);
    }
  } finally {
    if (fkWasOn) sqlite.pragma('foreign_keys = ON');
  }
  return { applied };
}
