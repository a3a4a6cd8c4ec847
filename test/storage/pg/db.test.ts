// openPgDb on a real PostgreSQL server: migrations/pg applied (every table and index of the schema),
// idempotent, safe when replicas open at once; a failed connection names host/port/db, never the password.
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describePgUrl, openPgDb, PG_MIGRATIONS_FOLDER } from '../../../src/storage/pg/db.js';
import * as pgSchema from '../../../src/storage/pg/schema.js';
import * as fleetSchema from '../../../src/storage/pg/fleet.schema.js';
import { StorageError } from '../../../src/storage/errors.js';
import { createDatabase, describePg, dropDatabase } from '../../support/postgres.js';

/** How many migrations migrations/pg holds (what a new database gets applied). */
const PG_MIGRATIONS = (JSON.parse(readFileSync(join(PG_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
const tables = ([...Object.values(pgSchema), ...Object.values(fleetSchema)] as unknown[]).filter((t): t is PgTable => is(t, PgTable)).map(getTableConfig);

describePg('openPgDb', (pg) => {
  it('applies migrations/pg: every table and index of src/storage/pg/schema.ts and fleet.schema.ts exists, and a second open applies nothing', async () => {
    const db = await openPgDb(pg.url);
    try {
      expect(db.migrations.applied).toBeGreaterThanOrEqual(1);
      const have = await db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
      expect(have.map((r) => r.tablename)).toEqual(tables.map((t) => t.name).sort());
      const indexes = new Set((await db.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).map((r) => r.indexname));
      for (const t of tables) for (const i of t.indexes) expect(indexes.has(i.config.name!), i.config.name).toBe(true);
      const nullable = await db.query<{ column_name: string; is_nullable: string; data_type: string }>(
        "SELECT column_name, is_nullable, data_type FROM information_schema.columns WHERE table_name = 'entries' AND column_name IN ('revenue', 'carried', 'week', 'custom') ORDER BY column_name");
      expect(nullable).toEqual([
        { column_name: 'carried', is_nullable: 'NO', data_type: 'integer' },
        { column_name: 'custom', is_nullable: 'YES', data_type: 'text' },
        { column_name: 'revenue', is_nullable: 'YES', data_type: 'double precision' },
        { column_name: 'week', is_nullable: 'NO', data_type: 'text' },
      ]);
    } finally {
      await db.close();
    }
    const again = await openPgDb(pg.url);
    expect(again.migrations.applied).toBe(0);
    await again.close();
  });

  it('three replicas opening a new database at once migrate it once, and all three work', async () => {
    const fresh = await createDatabase(pg.server, 'radar_replicas');
    try {
      const dbs = await Promise.all([openPgDb(fresh.url), openPgDb(fresh.url), openPgDb(fresh.url)]);
      // One of them applies every migration; the other two find nothing left to apply.
      expect(dbs.map((d) => d.migrations.applied).sort()).toEqual([0, 0, PG_MIGRATIONS]);
      for (const d of dbs) expect(await d.query<{ n: number }>('SELECT count(*)::int AS n FROM teams')).toEqual([{ n: 0 }]);
      await Promise.all(dbs.map((d) => d.close()));
    } finally {
      await dropDatabase(pg.server, fresh.name);
    }
  });

  it('a transaction commits on success, rolls back on a throw, and nested calls join it', async () => {
    const db = await openPgDb(pg.url);
    try {
      const insert = (name: string) => db.execute("INSERT INTO teams (name, timezone, locale, created_at) VALUES ($1, 'UTC', 'en', '2026-01-01T00:00:00Z')", [name]);
      await db.transaction(async () => { await insert('Kept'); await db.transaction(() => insert('Nested')); });
      await expect(db.transaction(async () => { await insert('Dropped'); throw new StorageError('test_rollback', 'roll back'); })).rejects.toThrow('roll back');
      const names = (await db.query<{ name: string }>('SELECT name FROM teams ORDER BY name')).map((r) => r.name);
      expect(names).toEqual(['Kept', 'Nested']);
      // The drizzle handle joins the transaction too.
      await expect(db.transaction(async () => {
        await db.orm.insert(pgSchema.teams).values({ name: 'Orm', timezone: 'UTC', locale: 'en', createdAt: '2026-01-01T00:00:00Z' });
        throw new StorageError('test_rollback', 'roll back');
      })).rejects.toThrow('roll back');
      expect((await db.orm.select().from(pgSchema.teams)).map((t) => t.name).sort()).toEqual(['Kept', 'Nested']);
    } finally {
      await db.close();
    }
  });

  it('cannot connect: a StorageError naming host, port and database, never the password', async () => {
    const url = `postgres://radar:s3cret-pw@127.0.0.1:${pg.server.port + 1}/radar_prod`;
    const err = await openPgDb(url, { connectTimeoutMs: 2000 }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('pg_connect_failed');
    expect((err as StorageError).message).toContain(`127.0.0.1:${pg.server.port + 1}/radar_prod`);
    expect((err as StorageError).message).not.toContain('s3cret-pw');
    expect((err as StorageError).userMessage.en).toContain('127.0.0.1');
    expect((err as StorageError).userMessage.zh).not.toContain('s3cret-pw');
  });

  it('a database that does not exist is named in the error', async () => {
    const err = await openPgDb(pg.server.urlFor('no_such_db')).then(() => null, (e: unknown) => e);
    expect((err as StorageError).code).toBe('pg_connect_failed');
    expect((err as StorageError).message).toMatch(/\/no_such_db: .*does not exist/);
  });
});

it('describePgUrl names host:port/db only, and rejects what is not a postgres URL', () => {
  expect(describePgUrl('postgres://u:pw@db.internal:6432/radar')).toBe('db.internal:6432/radar');
  expect(describePgUrl('postgresql://db/radar')).toBe('db:5432/radar');
  expect(() => describePgUrl('not a url')).toThrow(/RADAR_DB is not a valid postgres:\/\/ URL/);
  expect(() => describePgUrl('mysql://db/radar')).toThrow(/must start with postgres:\/\//);
});
