// The app's Repositories port over the PostgreSQL bridge (pg-bridge.ts): each repository method is one
// request to the storage thread; a transaction is BEGIN … COMMIT on one connection there, a nested one a
// SAVEPOINT (as SQLite nests), so the app's transaction code means the same on both dialects.
import type { ImportStaging, Repositories, ScoringRow } from '../../../app/ports/repositories.port.js';
import { entryRunsByWeek } from '../../../core/customer-risk/score-week.js';
import type { WeekId } from '../../../core/weekly-report/week.js';
import { StorageError } from '../../errors.js';
import type { PgBridge } from './pg-bridge.js';

type RepositoryName = Exclude<keyof Repositories, 'transaction' | 'importStaging'>;

/** A stand-in whose every method is a call of `target`'s method on the storage thread. */
function remote<T>(bridge: PgBridge, target: string, local: Partial<Record<string, (...args: never[]) => unknown>> = {}): T {
  const methods = new Map<string, (...args: unknown[]) => unknown>();
  return new Proxy({}, {
    get(_, method) {
      if (typeof method !== 'string' || method === 'then') return undefined;
      let fn = methods.get(method);
      if (!fn) {
        fn = (local[method] as ((...args: unknown[]) => unknown) | undefined)
          ?? ((...args: unknown[]) => bridge.request({ kind: 'call', target, method, args }));
        methods.set(method, fn);
      }
      return fn;
    },
  }) as T;
}

export function createBridgedRepositories(bridge: PgBridge): Repositories {
  const repo = <K extends RepositoryName>(name: K): Repositories[K] => remote<Repositories[K]>(bridge, name);
  const call = (target: string, method: string, args: unknown[]) => bridge.request({ kind: 'call', target, method, args });
  let depth = 0;
  let savepoints = 0;

  function transaction<T>(fn: () => T): T {
    if (depth > 0) return nested(fn);
    bridge.request({ kind: 'begin' });
    depth = 1;
    let result: T;
    try {
      result = fn();
      refuseAsync(result);
    } catch (err) {
      depth = 0;
      quietly(() => bridge.request({ kind: 'rollback' }));
      throw err;
    }
    depth = 0;
    bridge.request({ kind: 'commit' });
    return result;
  }

  function nested<T>(fn: () => T): T {
    const name = `radar_sp_${++savepoints}`;
    bridge.request({ kind: 'savepoint', op: 'set', name });
    depth++;
    try {
      const result = fn();
      refuseAsync(result);
      bridge.request({ kind: 'savepoint', op: 'release', name });
      return result;
    } catch (err) {
      quietly(() => {
        bridge.request({ kind: 'savepoint', op: 'undo', name });
        bridge.request({ kind: 'savepoint', op: 'release', name });
      });
      throw err;
    } finally {
      depth--;
    }
  }

  return {
    teams: repo('teams'),
    customers: repo('customers'),
    reports: remote(bridge, 'reports', {
      // EntryRuns are read through methods, which do not cross threads: the rows do, and are grouped here.
      scoringWeeks: (teamId: number, from: WeekId, to: WeekId, options?: { custom?: boolean }) =>
        entryRunsByWeek(call('reports', 'scoringRowsInRange', [teamId, from, to, options ?? {}]) as ScoringRow[]),
    }),
    scores: repo('scores'),
    tasks: repo('tasks'),
    settingsLog: repo('settingsLog'),
    outbox: repo('outbox'),
    jobRuns: repo('jobRuns'),
    inbound: repo('inbound'),
    transaction,
    // The staging area lives on the storage thread; its methods are calls like any repository's.
    importStaging: (): ImportStaging => remote<ImportStaging>(bridge, bridge.request({ kind: 'open-staging' }) as string),
  };
}

/** better-sqlite3 refuses a transaction function that returns a promise (it would commit before the work); so do we. */
function refuseAsync(result: unknown): void {
  if (typeof (result as { then?: unknown } | null)?.then === 'function') {
    throw new StorageError('transaction_async', 'a transaction function must not return a promise: its work would run after the commit');
  }
}

/** Undo after a failure: the failure is what the caller must see, not a second one (a dead connection). */
function quietly(undo: () => void): void {
  try {
    undo();
  } catch {
    // the transaction is gone with its connection either way
  }
}
