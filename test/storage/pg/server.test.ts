// The test server itself: a real PostgreSQL answers on loopback, and each suite's database is its own.
import pg from 'pg';
import { expect, it } from 'vitest';
import { describePg } from '../../support/postgres.js';

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
    } finally {
      await client.end();
    }
  });
});
