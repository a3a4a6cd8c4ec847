// PostgreSQL for test suites: `describePg(name, (db) => …)` gives each suite a fresh database on a real
// server (test/support/postgres-server.ts: one server per test file, started on first use, stopped after
// the file's last suite). With no server to be had, a PostgreSQL suite FAILS under CI=true (with the
// reason) and is skipped elsewhere with a message saying how to install one.
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  createDatabase, dropDatabase, externalServer, findPostgresBinaries, INSTALL_HINT, postgresAvailability, startPostgres, type PgServer,
} from './postgres-server.js';

export { createDatabase, dropDatabase, type PgServer } from './postgres-server.js';

// One server per test file (each file has its own module instance), shared by its suites.
let shared: { server: Promise<PgServer>; users: number } | null = null;

async function acquireServer(): Promise<PgServer> {
  if (!shared) {
    const external = process.env.RADAR_TEST_PG_URL;
    const bin = external ? null : findPostgresBinaries();
    const server = external ? Promise.resolve(externalServer(external))
      : bin && 'initdb' in bin ? startPostgres(bin) : Promise.reject(new Error((bin as { missing: string }).missing));
    shared = { server, users: 0 };
  }
  shared.users++;
  return shared.server;
}

async function releaseServer(): Promise<void> {
  if (!shared) return;
  shared.users--;
  if (shared.users > 0) return;
  const { server } = shared;
  shared = null;
  await (await server).stop();
}

export interface PgTestDatabase {
  /** The suite's own fresh database. */
  readonly url: string;
  readonly name: string;
  readonly server: PgServer;
}


/**
 * `describe` for suites that need PostgreSQL: `body` gets a handle whose `url` (a fresh database for
 * this suite) is set before the suite's tests run. No server here: fails under CI=true, else skipped
 * with how to install one.
 */
export function describePg(name: string, body: (db: PgTestDatabase) => void): void {
  const available = postgresAvailability();
  if (!available.ok) {
    if (process.env.CI === 'true') {
      describe(name, () => {
        it('has a PostgreSQL server to run against', () => {
          throw new Error(`PostgreSQL tests cannot run: ${available.reason}. To install: ${INSTALL_HINT}`);
        });
      });
      return;
    }
    process.stderr.write(`skipping "${name}": ${available.reason}. To run it: ${INSTALL_HINT}\n`);
    describe.skip(`${name} (skipped: no PostgreSQL; ${INSTALL_HINT})`, () => body({ url: '', name: '', server: null as unknown as PgServer }));
    return;
  }
  describe(name, () => {
    const handle = { url: '', name: '', server: null as unknown as PgServer };
    beforeAll(async () => {
      handle.server = await acquireServer();
      const created = await createDatabase(handle.server);
      handle.url = created.url;
      handle.name = created.name;
    }, 60_000);
    afterAll(async () => {
      if (handle.name) await dropDatabase(handle.server, handle.name).catch(() => undefined);
      await releaseServer();
    }, 30_000);
    body(handle);
  });
}
