// The delivery contract (delivery.contract.ts) on both dialects, each test on an empty database: a new
// in-memory SQLite, or the suite's PostgreSQL database with every table emptied.
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { openDb, type Db } from '../../../src/storage/db.js';
import { createRepositories } from '../../../src/storage/repositories.js';
import { asAsync } from '../../../src/storage/async.js';
import { openPgDb, type PgDb } from '../../../src/storage/pg/db.js';
import { createPgRepositories } from '../../../src/storage/pg/repositories.js';
import type { AsyncTeamRepo } from '../../../src/app/ports/async.port.js';
import { describePg } from '../../support/postgres.js';
import { deliveryContract, type DeliveryRepos } from './delivery.contract.js';

const now = () => '2026-10-01T00:00:00.000Z';

describe('delivery contract: SQLite', () => {
  let db: Db | null = null;
  afterEach(() => { db?.close(); db = null; });
  deliveryContract(async () => {
    db = openDb(':memory:');
    const sync = createRepositories(db, { now });
    return {
      teams: asAsync(sync.teams) as AsyncTeamRepo, customers: asAsync(sync.customers), reports: asAsync(sync.reports), tasks: asAsync(sync.tasks),
      settingsLog: asAsync(sync.settingsLog), outbox: asAsync(sync.outbox), jobRuns: asAsync(sync.jobRuns), inbound: asAsync(sync.inbound),
      // The sync transaction runs `fn` to its first await only: the contract's async bodies need the
      // storage to keep the transaction open across awaits, which the SQLite connection does not; SQLite's
      // own transaction semantics are tested in test/storage/db.test.ts. Here: BEGIN … COMMIT by hand.
      transaction: async (fn) => {
        if (db!.sqlite.inTransaction) return fn();
        db!.sqlite.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn();
          db!.sqlite.exec('COMMIT');
          return result;
        } catch (err) {
          db!.sqlite.exec('ROLLBACK');
          throw err;
        }
      },
      importStaging: async () => asAsync(sync.importStaging()),
    } satisfies DeliveryRepos;
  });
});

describePg('delivery contract: PostgreSQL', (pg) => {
  let db: PgDb;
  beforeAll(async () => { db = await openPgDb(pg.url); });
  afterAll(async () => { await db.close(); });
  deliveryContract(async () => {
    const tables = await db.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'");
    await db.execute(`TRUNCATE ${tables.map((x) => `"${x.t}"`).join(', ')} RESTART IDENTITY CASCADE`);
    return createPgRepositories(db, { now });
  });
});
