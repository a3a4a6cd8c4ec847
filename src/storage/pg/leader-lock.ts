// One scheduler leader among N replicas on one PostgreSQL: a session advisory lock held on a dedicated
// connection (not the pool: the lock lives and dies with its session). Who does not hold it tries again
// every `retryMs`; the holder checks its connection as often. When the holder dies, or its connection is
// cut (pg_terminate_backend, a network cut), the server releases the lock with the session, and another
// replica takes it at its next try: a new leader within `retryMs` plus a connect.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { describePgUrl } from './db.js';
import { StorageError } from '../errors.js';

/** The advisory lock namespace of sales-radar (the first key of the two-key form). */
const NAMESPACE = 727_000_002;

export interface LeaderLockOptions {
  /** Which lock: replicas of one deployment use the same name. Default 'scheduler'. */
  name?: string;
  /** Milliseconds between tries (and liveness checks while leading). Default 3000. */
  retryMs?: number;
  /** Called on every change: true when this process became the leader, false when it lost the lock. */
  onChange?: (leader: boolean) => void;
  /** Connection problems (logged by the caller; the lock keeps retrying). */
  onError?: (err: Error) => void;
}

export interface LeaderLock {
  isLeader(): boolean;
  /** The server process id of the lock's connection (null while disconnected): for operators and tests. */
  backendPid(): number | null;
  /** Resolves once this process leads (or the lock is stopped). */
  whenLeader(): Promise<void>;
  /** Release the lock (if held) and stop trying. */
  stop(): Promise<void>;
}

const keyOf = (name: string): number => createHash('sha256').update(name).digest().readInt32BE(0);

export function startLeaderLock(url: string, options: LeaderLockOptions = {}): LeaderLock {
  describePgUrl(url); // a bad URL fails here, not in the background
  const key = keyOf(options.name ?? 'scheduler');
  const retryMs = options.retryMs ?? 3000;
  let client: pg.Client | null = null;
  let pid: number | null = null;
  let leader = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let waiters: Array<() => void> = [];

  const setLeader = (next: boolean) => {
    if (next === leader) return;
    leader = next;
    options.onChange?.(next);
    if (next) {
      for (const w of waiters) w();
      waiters = [];
    }
  };

  // A contender that just lost the lock (its connection was cut) waits longer before trying again, so
  // another replica, whose connection is fine, takes over rather than the flapping one.
  let backoffUntil = 0;
  const drop = () => {
    const c = client;
    client = null;
    pid = null;
    if (leader) backoffUntil = Date.now() + 2 * retryMs;
    setLeader(false);
    c?.end().catch(() => undefined);
  };

  const tick = async () => {
    timer = null;
    if (stopped) return;
    if (Date.now() < backoffUntil) {
      timer = setTimeout(() => { void tick(); }, backoffUntil - Date.now());
      return;
    }
    try {
      if (!client) {
        const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: Math.max(1000, retryMs) });
        // A cut connection: the server has released our lock with the session.
        c.on('error', (err) => { options.onError?.(err); if (client === c) drop(); });
        c.on('end', () => { if (client === c) drop(); });
        await c.connect();
        if (stopped) { await c.end(); return; }
        client = c;
        pid = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? null;
      }
      if (leader) {
        await client.query('SELECT 1');
      } else {
        const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [NAMESPACE, key]);
        if (!stopped) setLeader(r.rows[0]?.ok === true);
      }
    } catch (err) {
      options.onError?.(err instanceof Error ? err : new StorageError('leader_lock_failed', String(err)));
      drop();
    }
    if (!stopped) timer = setTimeout(() => { void tick(); }, retryMs);
  };
  void tick();

  return {
    isLeader: () => leader,
    backendPid: () => pid,
    whenLeader: () => (leader || stopped ? Promise.resolve() : new Promise((resolve) => { waiters.push(resolve); })),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      pid = null;
      if (c && leader) await c.query('SELECT pg_advisory_unlock($1, $2)', [NAMESPACE, key]).catch(() => undefined);
      setLeader(false);
      for (const w of waiters) w();
      waiters = [];
      await c?.end().catch(() => undefined);
    },
  };
}
