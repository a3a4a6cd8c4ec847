import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { postgresAvailability, INSTALL_HINT } from './test/support/postgres-server.js';

// Two projects. `sqlite`: every test. `postgres`: the app suites again, on a real PostgreSQL behind the
// storage bridge — every test file that builds its book through the shared helpers (test/app/support:
// app-harness, fresh-repos → test/support/test-storage.ts). Without a PostgreSQL server the second project is
// left out with a message, except under CI=true, where its global setup fails and says why.
const APP_HELPERS = /support\/(app-harness|fresh-repos)\.js'/;
const appSuites = (readdirSync('test', { recursive: true }) as string[])
  .filter((f) => f.endsWith('.test.ts') && APP_HELPERS.test(readFileSync(join('test', f), 'utf8')))
  .map((f) => `test/${f.split('\\').join('/')}`)
  .sort();

const pg = postgresAvailability();
if (!pg.ok && process.env.CI !== 'true') {
  process.stderr.write(`vitest: the postgres project (app suites on PostgreSQL) is left out: ${pg.reason}. To run it: ${INSTALL_HINT}\n`);
}
const withPostgres = pg.ok || process.env.CI === 'true';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      ...(withPostgres ? [{
        extends: true as const,
        test: {
          name: 'postgres',
          include: appSuites,
          env: { RADAR_TEST_DB: 'postgres' },
          globalSetup: ['test/support/pg-global-setup.ts'],
          setupFiles: ['test/support/pg-app-setup.ts'],
        },
      }] : []),
    ],
  },
});
