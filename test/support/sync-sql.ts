// Run one SQL statement on PostgreSQL synchronously, from a test helper that cannot await (createHarness
// and freshRepos are synchronous, as the SQLite book they replace is). A worker thread holds the
// connection; the caller blocks on a shared signal until it answers.
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

const WORKER = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const { port, signal, url } = workerData;
const client = new pg.Client({ connectionString: url });
client.on('error', () => undefined); // a cut connection fails the next statement, which says so
const ready = client.connect();
port.on('message', async (sql) => {
  let reply;
  try { await ready; await client.query(sql); reply = { ok: true }; }
  catch (err) { reply = { ok: false, message: String(err && err.message || err) }; }
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});`;

export interface SyncSql {
  run(sql: string): void;
  close(): Promise<void>;
}

export function openSyncSql(url: string, timeoutMs = 30_000): SyncSql {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const pgPath = createRequire(import.meta.url).resolve('pg');
  const worker = new Worker(WORKER, { eval: true, workerData: { port: port2, signal, url, pgPath }, transferList: [port2] });
  worker.unref();
  return {
    run(sql) {
      Atomics.store(signal, 0, 0);
      port1.postMessage(sql);
      if (Atomics.wait(signal, 0, 0, timeoutMs) === 'timed-out') throw new Error(`sync SQL: no answer within ${timeoutMs} ms: ${sql.slice(0, 80)}`);
      const reply = receiveMessageOnPort(port1)?.message as { ok: boolean; message?: string } | undefined;
      if (!reply?.ok) throw new Error(`sync SQL failed: ${reply?.message ?? 'no reply'}: ${sql.slice(0, 80)}`);
    },
    async close() {
      port1.close();
      await worker.terminate(); // its connection ends with the thread
    },
  };
}
