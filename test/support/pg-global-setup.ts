// globalSetup of the `postgres` vitest project (the app suites on PostgreSQL): one real server for the
// whole run, and a template database with migrations/pg applied, which each test file copies (CREATE
// DATABASE … TEMPLATE: milliseconds, no migrating per file).
import type { TestProject } from 'vitest/node';
import { openPgDb } from '../../src/storage/pg/db.js';
import { createDatabase, dropDatabase, externalServer, findPostgresBinaries, INSTALL_HINT, startPostgres, type PgServer } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.RADAR_TEST_PG_URL;
  let server: PgServer;
  if (external) server = externalServer(external);
  else {
    const bin = findPostgresBinaries();
    if (!('initdb' in bin)) throw new Error(`the postgres test project needs a PostgreSQL server: ${bin.missing}. To install: ${INSTALL_HINT}`);
    server = await startPostgres(bin);
  }
  const template = await createDatabase(server, 'radar_template');
  await (await openPgDb(template.url)).close();
  project.provide('pgAdminUrl', server.adminUrl);
  project.provide('pgTemplate', template.name);
  return async () => {
    await dropDatabase(server, template.name).catch(() => undefined);
    await server.stop();
  };
}
