// Opening a PostgreSQL database (RADAR_DB=postgres://…): a node-postgres pool, drizzle's pg dialect
// over it, and migrations/pg/ applied on open under an advisory lock (N replicas starting at once
// migrate once). Queries made inside `transaction(fn)` run on that transaction's connection, found
// through AsyncLocalStorage: repositories call `db.query(...)` / `db.orm` and need not pass a client
// around, which is how the async ports' `transaction` will nest calls like SQLite's does.
import { AsyncLocalStorage } from 'node:async_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema.js';
import { StorageError } from '../errors.js';
import { text } from '../../core/i18n.js';

/** migrations/pg/ at the repository root, found from this file (not the cwd). */
export const PG_MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../migrations/pg/', import.meta.url));

/** Held while migrating: a replica that starts meanwhile waits, then finds nothing left to apply. */
const MIGRATION_LOCK = 727_000_001;

export type PgOrm = NodePgDatabase<typeof schema>;
type Queryable = pg.Pool | pg.PoolClient;

export interface PgQueryOptions {
  /** Rows as arrays in column order (hot reads: no per-row key objects). */
  array?: boolean;
  /** A named prepared statement (parsed once per connection). */
  name?: string;
}

export interface PgDb {
  readonly pool: pg.Pool;
  /** drizzle over the current transaction's connection, else over the pool. */
  readonly orm: PgOrm;
  /** host:port/database, never the password: for logs and errors. */
  readonly where: string;
  readonly migrations: { applied: number };
  /** Run SQL on the current transaction's connection, else on the pool. */
  query<R = Record<string, unknown>>(sql: string, values?: readonly unknown[], options?: PgQueryOptions): Promise<R[]>;
  /** Same, with the affected row count (INSERT/UPDATE/DELETE). */
  execute(sql: string, values?: readonly unknown[], options?: PgQueryOptions): Promise<number>;
  /** Run `fn` in one transaction (BEGIN … COMMIT, ROLLBACK on a throw); nested calls join the outer one. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenPgDbOptions {
  /** Pool size. Default 10. */
  max?: number;
  /** Tests only: another migrations folder. */
  migrationsFolder?: string;
  /** Milliseconds to wait for a connection. Default 10000. */
  connectTimeoutMs?: number;
}

/** host:port/database of a postgres:// URL; the user name and password are left out. */
export function describePgUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new StorageError('pg_url_invalid', 'RADAR_DB is not a valid postgres:// URL', {
      userMessage: text('RADAR_DB 不是有效的 postgres:// 地址：应形如 postgres://用户@主机:5432/数据库', 'RADAR_DB is not a valid postgres:// URL: expected postgres://user@host:5432/database'),
    });
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new StorageError('pg_url_invalid', `RADAR_DB must start with postgres:// (got ${u.protocol}//)`, {
      userMessage: text('RADAR_DB 应以 postgres:// 开头', 'RADAR_DB must start with postgres://'),
    });
  }
  return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname && u.pathname !== '/' ? u.pathname : '/'}`;
}

/** Open (and migrate) the database at `url`. Throws a StorageError naming host/port/db when it cannot connect. */
export async function openPgDb(url: string, options: OpenPgDbOptions = {}): Promise<PgDb> {
  const where = describePgUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000 });
  // An idle connection the server drops (restart, pg_terminate_backend) must not crash the process.
  pool.on('error', () => undefined);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    await pool.end().catch(() => undefined);
    // pg's messages name the user at most ("password authentication failed for user x"), never the password.
    const reason = err instanceof Error ? err.message : String(err);
    throw new StorageError('pg_connect_failed', `cannot connect to PostgreSQL at ${where}: ${reason}`, {
      cause: err,
      userMessage: text(`无法连接 PostgreSQL（${where}）：请检查 RADAR_DB 与数据库服务`, `Cannot connect to PostgreSQL at ${where}: check RADAR_DB and the database server`),
    });
  }
  let applied = 0;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const before = await appliedCount(client);
      await migrate(drizzle(client, { schema }), { migrationsFolder: options.migrationsFolder ?? PG_MIGRATIONS_FOLDER });
      applied = (await appliedCount(client)) - before;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } catch (err) {
    client.release();
    await pool.end().catch(() => undefined);
    if (err instanceof StorageError) throw err;
    throw new StorageError('migration_failed', `migrating PostgreSQL at ${where} failed: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
      userMessage: text('数据库升级失败并已回滚：请让管理员查看日志', 'The database upgrade failed and was rolled back: ask the operator to check the logs'),
    });
  }
  client.release();
  return createPgDb(pool, where, applied);
}

async function appliedCount(client: pg.PoolClient): Promise<number> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t");
  if (!exists.rows[0]?.t) return 0;
  const r = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
  return r.rows[0]?.n ?? 0;
}

interface TxState { client: pg.PoolClient; orm: PgOrm }

function createPgDb(pool: pg.Pool, where: string, applied: number): PgDb {
  const als = new AsyncLocalStorage<TxState>();
  const rootOrm = drizzle(pool, { schema });
  const on = (): Queryable => als.getStore()?.client ?? pool;
  const run = (sql: string, values: readonly unknown[] = [], options: PgQueryOptions = {}) => on().query({
    text: sql, values: values as unknown[], ...(options.array ? { rowMode: 'array' as const } : {}), ...(options.name ? { name: options.name } : {}),
  });
  return {
    pool, where, migrations: { applied },
    get orm() { return als.getStore()?.orm ?? rootOrm; },
    async query<R>(sql: string, values?: readonly unknown[], options?: PgQueryOptions) {
      return (await run(sql, values, options)).rows as R[];
    },
    async execute(sql, values, options) {
      return (await run(sql, values, options)).rowCount ?? 0;
    },
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      if (als.getStore()) return fn();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await als.run({ client, orm: drizzle(client, { schema }) }, fn);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() { await pool.end(); },
  };
}
