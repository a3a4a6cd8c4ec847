// Repositories over a new in-memory database (real migrations), closed when the test ends.
import { onTestFinished } from 'vitest';
import type { Repositories } from '../../../src/app/ports/repositories.port.js';
import { openDb } from '../../../src/storage/db.js';
import { createRepositories } from '../../../src/storage/repositories.js';

export function freshRepos(): Repositories {
  const db = openDb(':memory:');
  onTestFinished(() => db.close());
  return createRepositories(db);
}
