// The PostgreSQL schema mirrors the SQLite one: same tables, columns (name, nullability, primary key,
// default present), indexes (name, unique, columns, partial or not), composite primary keys and foreign
// keys. A schema change that forgets one dialect fails here (no server needed).
import { getTableName, is, SQL } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as sqliteSchema from '../../../src/storage/schema.js';
import * as pgSchema from '../../../src/storage/pg/schema.js';

interface Shape {
  columns: Array<{ name: string; notNull: boolean; primary: boolean; hasDefault: boolean; kind: string }>;
  indexes: Array<{ name: string; unique: boolean; on: string[]; partial: boolean }>;
  primaryKeys: string[][];
  foreignKeys: Array<{ columns: string[]; table: string; foreignColumns: string[]; onDelete: string }>;
}

/** The storage kind both dialects must agree on: text, integer (incl. 0/1 flags and 64-bit), float or bytes. */
function kindOf(sqlType: string): string {
  if (/^(text|varchar)/i.test(sqlType)) return 'text';
  if (/^(integer|int|bigint)/i.test(sqlType)) return 'integer';
  if (/^(blob|bytea)$/i.test(sqlType)) return 'bytes';
  if (/^(real|double precision)$/i.test(sqlType)) return 'float';
  return sqlType;
}

const onName = (c: unknown): string => is(c, SQL) ? `expr:${(c as SQL).queryChunks.length}` : (c as { name: string }).name;

function shapeOf(config: ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>): Shape {
  return {
    columns: config.columns.map((c) => ({ name: c.name, notNull: c.notNull, primary: c.primary, hasDefault: c.hasDefault || c.generatedIdentity !== undefined || (c.primary && c.getSQLType() === 'integer' && c.columnType === 'SQLiteInteger'), kind: kindOf(c.getSQLType()) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    indexes: config.indexes.map((i) => ({
      name: i.config.name ?? '', unique: i.config.unique, on: (i.config.columns as unknown[]).map(onName), partial: i.config.where !== undefined,
    })).sort((a, b) => a.name.localeCompare(b.name)),
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    foreignKeys: config.foreignKeys.map((fk) => {
      const ref = fk.reference();
      return { columns: ref.columns.map((c) => c.name), table: getTableName(ref.foreignTable), foreignColumns: ref.foreignColumns.map((c) => c.name), onDelete: fk.onDelete ?? 'no action' };
    }).sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
  };
}

const sqliteTables = (Object.values(sqliteSchema) as unknown[]).filter((t): t is SQLiteTable => is(t, SQLiteTable));
const pgTables = (Object.values(pgSchema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));

describe('PostgreSQL schema parity with SQLite', () => {
  it('has the same tables', () => {
    const names = (ts: Array<{ name: string }>) => ts.map((t) => t.name).sort();
    expect(sqliteTables.length).toBeGreaterThanOrEqual(16);
    expect(names(pgTables.map(pgConfig))).toEqual(names(sqliteTables.map(sqliteConfig)));
    expect(names(pgTables.map(pgConfig))).toEqual(expect.arrayContaining(['team_channels', 'member_team_scopes']));
  });

  for (const table of sqliteTables) {
    const name = sqliteConfig(table).name;
    it(`table ${name}: same columns, indexes, primary and foreign keys`, () => {
      const twin = pgTables.find((t) => pgConfig(t).name === name);
      expect(twin, `no PostgreSQL table ${name} in src/storage/pg/schema.ts`).toBeDefined();
      const sqlite = shapeOf(sqliteConfig(table));
      const postgres = shapeOf(pgConfig(twin!));
      expect(postgres.columns).toEqual(sqlite.columns);
      expect(postgres.indexes).toEqual(sqlite.indexes);
      expect(postgres.primaryKeys).toEqual(sqlite.primaryKeys);
      expect(postgres.foreignKeys).toEqual(sqlite.foreignKeys);
    });
  }

  it('catches a difference (the comparison is not vacuous)', () => {
    const entries = shapeOf(sqliteConfig(sqliteSchema.entries));
    expect(entries.columns.map((c) => c.name)).toContain('custom');
    expect(entries.indexes.map((i) => i.name)).toEqual(['entries_customer_week_idx', 'entries_team_week_idx', 'entries_week_rep_customer_uq']);
    expect(entries.foreignKeys.map((f) => f.table).sort()).toEqual(['customers', 'members', 'teams']);
    expect(shapeOf(pgConfig(pgSchema.entries))).not.toEqual(shapeOf(pgConfig(pgSchema.scores)));
    const members = shapeOf(sqliteConfig(sqliteSchema.members));
    expect(members.indexes[0]!.on).toEqual(['team_id', expect.stringMatching(/^expr:/)]);
  });
});
