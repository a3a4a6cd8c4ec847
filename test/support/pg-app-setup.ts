// setupFiles of the `postgres` vitest project: each test file gets its own database (a copy of the
// migrated template) behind the real storage bridge, opened before the file's suites are collected.
// testRepositories() empties it (TRUNCATE … RESTART IDENTITY: ids start at 1, as in a new SQLite file) each
// time a test asks for a new book; a book built outside a test gets another copy of the template (about a
// second: a new storage thread).
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { openStorage, type Storage } from '../../src/storage/open-storage.js';
import { setPgTestStorage } from './test-storage.js';
import { openSyncSql } from './sync-sql.js';

const adminUrl = inject('pgAdminUrl');
const urlOf = (name: string) => { const u = new URL(adminUrl); u.pathname = `/${name}`; return u.toString(); };
async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

let serial = 0;
const newName = () => `radar_app_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}_${serial++}`;
const dbName = newName();
await adminQuery(`CREATE DATABASE "${dbName}" TEMPLATE "${inject('pgTemplate')}"`);
const lister = new pg.Client({ connectionString: urlOf(dbName) });
await lister.connect();
const tables = (await lister.query<{ name: string }>("SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'")).rows;
await lister.end();
const sql = openSyncSql(urlOf(dbName));
const storage = openStorage(urlOf(dbName), { postgres: { pool: 4 } });
const truncateAll = `TRUNCATE ${tables.map((t) => t.name).join(', ')} RESTART IDENTITY CASCADE`;
const adminSql = openSyncSql(adminUrl);
const dedicated: Array<{ name: string; storage: Storage }> = [];
setPgTestStorage({
  emptied() {
    sql.run(truncateAll);
    return storage.repos;
  },
  dedicated() {
    const name = newName();
    adminSql.run(`CREATE DATABASE "${name}" TEMPLATE "${inject('pgTemplate')}"`);
    const own = openStorage(urlOf(name), { postgres: { pool: 2 } });
    dedicated.push({ name, storage: own });
    return own.repos;
  },
});

afterAll(async () => {
  setPgTestStorage(null);
  // Every connection to the file's databases closes before they are dropped (a forced drop would cut
  // them, and a cut connection is an uncaught error in its thread).
  const all = [{ name: dbName, storage }, ...dedicated];
  for (const d of all) d.storage.close();
  await sql.close();
  await adminSql.close();
  for (const d of all) await adminQuery(`DROP DATABASE IF EXISTS "${d.name}" WITH (FORCE)`);
}, 60_000);
