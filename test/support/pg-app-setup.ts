// setupFiles of the `postgres` vitest project: each test file gets its own database (a copy of the
// migrated template) behind the real storage bridge, opened before the file's suites are collected.
// testRepositories() empties it (TRUNCATE … RESTART IDENTITY: ids start at 1, as in a new SQLite file) each
// time a test asks for a new book; a book built outside a test gets another copy of the template (about a
// second: a new storage thread).
import { afterAll, inject } from 'vitest';
import { openStorage, type Storage } from '../../src/storage/open-storage.js';
import { createDatabase, dropDatabase, externalServer, uniqueDatabaseName } from './postgres-server.js';
import { setPgTestStorage } from './test-storage.js';
import { openSyncSql } from './sync-sql.js';

const server = externalServer(inject('pgAdminUrl'));
const template = inject('pgTemplate');
/** Every table of the schema, emptied in one statement, whatever tables the migrations made. */
const TRUNCATE_ALL = `DO $$ BEGIN
  EXECUTE (SELECT 'TRUNCATE ' || string_agg(quote_ident(tablename), ', ') || ' RESTART IDENTITY CASCADE' FROM pg_tables WHERE schemaname = 'public');
END $$`;

const file = await createDatabase(server, 'radar_app', template);
const books: Array<{ name: string; storage: Storage }> = [{ name: file.name, storage: openStorage(file.url, { postgres: { pool: 4 } }) }];
const fileSql = openSyncSql(file.url);
const adminSql = openSyncSql(server.adminUrl);
setPgTestStorage({
  emptied() {
    fileSql.run(TRUNCATE_ALL);
    return books[0]!.storage.repos;
  },
  dedicated() {
    const name = uniqueDatabaseName('radar_app');
    adminSql.run(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    const storage = openStorage(server.urlFor(name), { postgres: { pool: 2 } });
    books.push({ name, storage });
    return storage.repos;
  },
});

afterAll(async () => {
  setPgTestStorage(null);
  // Every connection to the file's databases closes before they are dropped (a forced drop would cut
  // them, and a cut connection is an uncaught error in its thread).
  for (const b of books) b.storage.close();
  await fileSql.close();
  await adminSql.close();
  for (const b of books) await dropDatabase(server, b.name);
}, 60_000);
