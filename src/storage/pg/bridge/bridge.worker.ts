// The storage thread of the PostgreSQL bridge (see pg-bridge.ts): it owns the node-postgres pool and
// the async PostgreSQL repositories, and serves the app thread's requests one at a time, in order.
// A transaction is a loop inside `db.transaction`: requests that arrive between 'begin' and
// 'commit'/'rollback' run in its async context, so they use its connection.
import { workerData, type MessagePort } from 'node:worker_threads';
import { openPgDb, type PgDb } from '../db.js';
import { createPgRepositories, type PgRepositories } from '../repositories.js';
import type { AsyncImportStaging } from '../../../app/ports/async.port.js';
import { StorageError } from '../../errors.js';
import { encodeError, type BridgeReply, type BridgeRequest } from './bridge-protocol.js';

interface BridgeWorkerData {
  port: MessagePort;
  signal: Int32Array;
}

const { port, signal } = workerData as BridgeWorkerData;

/** A request has been taken and not yet answered. */
let answering = false;

function reply(message: BridgeReply): void {
  answering = false;
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

// `undefined` stays undefined (ports tell "no row" from a stored null: storedWeekHash).
const ok = (value?: unknown) => reply({ ok: true, value });
const fail = (err: unknown) => reply({ ok: false, error: encodeError(err) });

let db: PgDb | null = null;
let repos: PgRepositories | null = null;
/** Open import staging areas by target name; one is forgotten when it is closed. */
const stagings = new Map<string, AsyncImportStaging>();
let stagingSerial = 0;

/** Requests waiting for the loop that serves them (the top level, or the open transaction's). */
const queue: BridgeRequest[] = [];
let wake: (() => void) | null = null;
const next = async (): Promise<BridgeRequest> => {
  while (queue.length === 0) await new Promise<void>((resolve) => { wake = resolve; });
  answering = true;
  return queue.shift()!;
};

port.on('message', (request: BridgeRequest) => {
  queue.push(request);
  const w = wake;
  wake = null;
  w?.();
});

/** Thrown inside `db.transaction` to roll it back when the app thread asks for it. */
class RollbackRequested extends StorageError {
  constructor() { super('bridge_rollback', 'the app thread rolled the transaction back'); }
}

const notOpen = () => new StorageError('bridge_not_open', 'the storage bridge is not open');

async function call(request: Extract<BridgeRequest, { kind: 'call' }>): Promise<unknown> {
  if (!repos) throw notOpen();
  const staging = stagings.get(request.target);
  const target = staging ?? (repos as unknown as Record<string, object | undefined>)[request.target];
  const method = target ? (target as Record<string, unknown>)[request.method] : undefined;
  if (typeof method !== 'function') throw new StorageError('bridge_no_method', `no storage method ${request.target}.${request.method}`);
  const result: unknown = await (method as (...args: unknown[]) => unknown).apply(target, request.args);
  if (staging && request.method === 'close') stagings.delete(request.target);
  return result;
}

/** Serve requests inside the transaction until it is committed or rolled back. */
async function transactionLoop(): Promise<void> {
  ok();
  for (;;) {
    const request = await next();
    if (request.kind === 'commit') return;
    if (request.kind === 'rollback') throw new RollbackRequested();
    await serve(request);
  }
}

async function serve(request: BridgeRequest): Promise<void> {
  try {
    switch (request.kind) {
      case 'open':
        db = await openPgDb(request.url, { max: request.pool });
        repos = createPgRepositories(db);
        return ok({ where: db.where, applied: db.migrations.applied });
      case 'call':
        return ok(await call(request));
      case 'open-staging': {
        if (!repos) throw notOpen();
        const name = `staging:${++stagingSerial}`;
        stagings.set(name, await repos.importStaging());
        return ok(name);
      }
      case 'savepoint': {
        if (!db) throw notOpen();
        const sql = request.op === 'set' ? 'SAVEPOINT' : request.op === 'release' ? 'RELEASE SAVEPOINT' : 'ROLLBACK TO SAVEPOINT';
        await db.execute(`${sql} ${request.name}`);
        return ok();
      }
      case 'begin':
        return await begin();
      case 'commit':
      case 'rollback':
        throw new StorageError('bridge_no_transaction', `${request.kind} without a transaction`);
      case 'close':
        for (const staging of stagings.values()) await staging.close().catch(() => undefined);
        stagings.clear();
        await db?.close();
        db = null;
        repos = null;
        return ok();
    }
  } catch (err) {
    fail(err);
  }
}

async function begin(): Promise<void> {
  if (!db) throw notOpen();
  let begun = false;
  try {
    await db.transaction(() => { begun = true; return transactionLoop(); });
    ok();
  } catch (err) {
    // BEGIN itself failed (no connection): the app thread still waits for the begin's reply.
    if (!begun || !(err instanceof RollbackRequested)) return fail(err);
    ok();
  }
}

async function main(): Promise<void> {
  for (;;) await serve(await next());
}

// An unexpected error while a request is being served answers it rather than leaving the caller waiting.
process.on('uncaughtException', (err) => { if (answering) fail(err); });

void main();
