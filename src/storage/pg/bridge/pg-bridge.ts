// The app's synchronous repository ports over PostgreSQL. The app calls its repositories synchronously
// (SQLite's better-sqlite3 answers in microseconds on the calling thread); node-postgres is asynchronous.
// The bridge runs the async PostgreSQL repositories on a storage thread (bridge.worker.ts) and makes each
// call block the app thread until its reply: it posts the request, waits on a shared signal
// (Atomics.wait) and takes the reply off the channel (receiveMessageOnPort). So one set of app code runs
// on both dialects. What it costs: like SQLite, a query holds the event loop for its duration, here one
// loopback or LAN round trip (about 0.1–1 ms); the repositories are set-based (no query per customer), so
// a whole digest or scoring run is a handful of round trips.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { text } from '../../../core/i18n.js';
import { StorageError } from '../../errors.js';
import { describePgUrl } from '../db.js';
import { BridgedStorageError, type BridgeReply, type BridgeRequest } from './bridge-protocol.js';

export interface PgBridgeOptions {
  /** Pool size on the storage thread. Default 10. */
  pool?: number;
  /** Longest wait for one reply (a whole scoring save is one call). Default 120000 ms. */
  callTimeoutMs?: number;
}

export interface PgBridge {
  /** host:port/database, never the password. */
  readonly where: string;
  /** Migrations applied when it opened. */
  readonly applied: number;
  request(request: BridgeRequest): unknown;
  close(): void;
}

/** Loads the storage thread: compiled JavaScript beside this file, or the TypeScript source through tsx. */
function startWorker(workerData: object, transfer: MessagePort[]): Worker {
  const compiled = new URL('./bridge.worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, { workerData, transferList: transfer });
  const source = new URL('./bridge.worker.ts', import.meta.url).href;
  // tsx as this module resolves it: an eval'd worker would resolve a bare name from the working directory.
  const tsx = import.meta.resolve('tsx/esm/api');
  // A thread that cannot load its code answers the pending 'open' with the reason instead of leaving it to time out.
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); }).catch((err) => {
    const { workerData: { port, signal } } = require('node:worker_threads');
    port.postMessage({ ok: false, error: { name: 'Error', code: 'pg_bridge_start_failed', message: String((err && err.stack) || err) } });
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  })`;
  return new Worker(boot, { eval: true, workerData, transferList: transfer });
}

/** Open the bridge to the database at `url` (migrating it). Blocks until the storage thread is ready. */
export function openPgBridge(url: string, options: PgBridgeOptions = {}): PgBridge {
  const where = describePgUrl(url);
  const timeoutMs = options.callTimeoutMs ?? 120_000;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = startWorker({ port: port2, signal }, [port2]);
  // The storage thread must not keep the process alive: the app thread is always waiting when it works.
  worker.unref();
  port1.unref();
  let broken: StorageError | null = null;

  const request = (message: BridgeRequest, wait = timeoutMs): unknown => {
    if (broken) throw broken;
    Atomics.store(signal, 0, 0);
    port1.postMessage(message);
    const deadline = Date.now() + wait;
    for (;;) {
      const received = receiveMessageOnPort(port1);
      if (received) {
        const reply = received.message as BridgeReply;
        if (reply.ok) return reply.value;
        throw new BridgedStorageError(reply.error);
      }
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(signal, 0, 0, left) === 'timed-out') {
        broken = new StorageError('pg_bridge_timeout', `PostgreSQL at ${where} did not answer a ${message.kind} within ${wait} ms`, {
          userMessage: text('数据库长时间无响应：请让管理员检查 PostgreSQL', 'The database is not answering: ask the operator to check PostgreSQL'),
        });
        void worker.terminate();
        throw broken;
      }
      Atomics.store(signal, 0, 0);
    }
  };

  // Starting the thread and connecting can take a while on a cold machine; a connect failure is answered.
  const opened = request({ kind: 'open', url, pool: options.pool ?? 10 }, Math.max(timeoutMs, 60_000)) as { applied: number };
  return {
    where,
    applied: opened.applied,
    request,
    close() {
      if (broken) return;
      try {
        request({ kind: 'close' }, 10_000);
      } finally {
        broken = new StorageError('pg_bridge_closed', `the PostgreSQL connection to ${where} is closed`);
        void worker.terminate();
      }
    },
  };
}
