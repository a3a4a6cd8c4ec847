// One repository contract, two dialects: SQLite (in memory, the sync repos wrapped as the async ports)
// and PostgreSQL (a real server, test/support/postgres.ts).
import { afterAll, beforeAll, describe } from 'vitest';
import { openDb, type Db } from '../../../src/storage/db.js';
import { createRepositories } from '../../../src/storage/repositories.js';
import { asAsync } from '../../../src/storage/async.js';
import { openPgDb, type PgDb } from '../../../src/storage/pg/db.js';
import { createPgRepositories } from '../../../src/storage/pg/repositories.js';
import type { AsyncTeamRepo } from '../../../src/app/ports/async.port.js';
import { describePg } from '../../support/postgres.js';
import { repositoryContract, type ContractRepos } from './repos.contract.js';

const now = () => '2026-10-01T00:00:00.000Z';

describe('repository contract: SQLite', () => {
  let db: Db;
  let repos: ContractRepos;
  beforeAll(() => {
    db = openDb(':memory:');
    const sync = createRepositories(db, { now });
    repos = { teams: asAsync(sync.teams) as AsyncTeamRepo, customers: asAsync(sync.customers), reports: asAsync(sync.reports), scores: asAsync(sync.scores) };
  });
  afterAll(() => db.close());
  repositoryContract(() => repos);
});

describePg('repository contract: PostgreSQL', (pg) => {
  let db: PgDb;
  let repos: ContractRepos;
  beforeAll(async () => {
    db = await openPgDb(pg.url);
    repos = createPgRepositories(db, { now });
  });
  afterAll(async () => { await db.close(); });
  repositoryContract(() => repos);
});
