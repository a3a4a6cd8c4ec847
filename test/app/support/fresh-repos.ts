// Repositories over a new database (real migrations): in-memory SQLite, closed when the test ends, or the
// test file's PostgreSQL database in the `postgres` project (test/support/test-storage.ts).
import type { Repositories } from '../../../src/app/ports/repositories.port.js';
import { testRepositories } from '../../support/test-storage.js';

export function freshRepos(): Repositories {
  return testRepositories();
}
