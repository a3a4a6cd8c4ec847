// The repositories an app test runs on: a new in-memory SQLite database per call, or — in the `postgres`
// vitest project (RADAR_TEST_DB=postgres, test/support/pg-app-setup.ts) — PostgreSQL: a call from inside a
// test gets the test file's database, emptied first (so a second call in one test wipes the first book:
// no test here needs two at once); a book built outside a test (in a describe block or a beforeAll, kept
// for several tests) gets a database of its own.
import { expect, onTestFinished } from 'vitest';
import type { Repositories } from '../../src/app/ports/repositories.port.js';
import { openDb } from '../../src/storage/db.js';
import { createRepositories } from '../../src/storage/repositories.js';

interface PgTestStorage {
  /** The test file's database, emptied (synchronously). */
  emptied(): Repositories;
  /** A new database of its own, kept until the file ends. */
  dedicated(): Repositories;
}

let pgStorage: PgTestStorage | null = null;

export function setPgTestStorage(storage: PgTestStorage | null): void {
  pgStorage = storage;
}

const onPostgres = (): boolean => process.env.RADAR_TEST_DB === 'postgres';

/** `closeWithTest: false` for callers outside a test body (a describe block, a hook): the database is left to GC. */
export function testRepositories(options: { closeWithTest?: boolean } = {}): Repositories {
  if (onPostgres()) {
    if (!pgStorage) throw new Error('RADAR_TEST_DB=postgres, but no PostgreSQL storage is open: run the tests through the `postgres` vitest project');
    return expect.getState().currentTestName === undefined ? pgStorage.dedicated() : pgStorage.emptied();
  }
  const db = openDb(':memory:');
  if (options.closeWithTest !== false) onTestFinished(() => db.close());
  return createRepositories(db);
}
